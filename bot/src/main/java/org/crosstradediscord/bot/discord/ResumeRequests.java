package org.crosstradediscord.bot.discord;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.board.DailyLossGuard;
import org.crosstradediscord.bot.commands.ResumeApproval;
import org.crosstradediscord.bot.config.ApprovalsConfig;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-person rule for {@code /resume} ({@code approvals.for: [resume_after_daily_loss]}): decided with a fresh read
 * of the halt and of the session's daily loss trips, off the interaction's thread; a resume that needs a second person
 * is recorded as a request (its own row, {@code AWAITING} at once, keeping the halt's start) and posted like a trade's
 * ({@link ApprovalDesk#post}); one that does not resumes at once.
 */
final class ResumeRequests implements ResumeApproval {
  private static final Logger log = LoggerFactory.getLogger(ResumeRequests.class);
  /** The command name of a /resume request's row. */
  static final String RESUME = "resume";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApprovalDesk desk;
  private final HaltSwitch halt;
  private final TradingMode mode;
  private final AuditLog audit;
  private final Workers reads;

  /**
   * @param desk the requests' desk (rule, rows, request cards)
   * @param halt the halt switch (a fresh read: is the halt the daily loss guard's)
   * @param mode the trading mode (recorded with the request; the trips' key)
   * @param audit the audit log
   * @param reads the read threads (the store reads and the request)
   */
  ResumeRequests(ApprovalDesk desk, HaltSwitch halt, TradingMode mode, AuditLog audit, Workers reads) {
    this.desk = desk;
    this.halt = halt;
    this.mode = mode;
    this.audit = audit;
    this.reads = reads;
  }

  /**
   * @param haltReason the halt's reason, or null
   * @return a /resume's request card: what it does and why it waits
   */
  static Review resumeReview(@Nullable String haltReason) {
    return new Review("Resume trading after the daily loss halt", "Ends the halt: /flatplace and /reverse work again.",
        haltReason == null ? List.of() : List.of(new Review.Field("Halted because",
            DiscordText.escape(haltReason, 300))), "Approve", null);
  }

  @Override
  public CompletableFuture<MessageEmbed> resume(Invoker invoker, Supplier<CompletableFuture<MessageEmbed>> now) {
    if (!desk.config().always().contains(ApprovalsConfig.Always.RESUME_AFTER_DAILY_LOSS)) {
      return now.get();
    }
    CompletableFuture<MessageEmbed> answer = new CompletableFuture<>();
    boolean queued = reads.submit(() -> {
      try {
        HaltState state = halt.current(); // a fresh read: another replica's guard may have halted
        boolean needed = DailyLossGuard.haltedByGuard(state) || state.halted()
            && desk.controls().dailyLossUnresumed(mode.key(), desk.session().sessionDay(desk.clock().instant()).toString());
        if (!needed) {
          now.get().whenComplete((card, err) -> answer.complete(card != null ? card : Cards.notice("Still halted",
              "The resume failed; check the bot's presence and the audit channel for the state.")));
          return;
        }
        answer.complete(request(invoker, state));
      } catch (RuntimeException e) {
        log.warn("a /resume could not be checked against the two-person rule: {}", DiscordText.oneLine(e.toString(),
            300));
        answer.complete(Cards.notice("Still halted", "The bot could not check whether this resume needs a second"
            + " approval (storage unavailable). Trading stays halted; try again shortly."));
      }
    });
    if (!queued) {
      answer.complete(Cards.notice("Still halted", "The bot is busy or shutting down. Trading stays halted; try again"
          + " shortly."));
    }
    return answer.completeOnTimeout(Cards.notice("Still halted?", "The resume is taking long; check the bot's presence"
        + " and <#" + desk.config().channelId() + "> for a request card."), 5, TimeUnit.SECONDS);
  }

  /** Records and posts a /resume request for the halt {@code state} (its start is kept: only it may be resumed). */
  private MessageEmbed request(Invoker invoker, HaltState state) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = desk.clock().instant();
    Instant expiresAt = now.plus(desk.config().ttl());
    Review review = resumeReview(state.reason());
    String why = "a resume after the daily loss halt";
    String options = state.since() == null ? "{}" : "{\"since\":\"" + state.since() + "\"}";
    try {
      desk.store().addRequest(new PendingRow(id, RESUME, invoker.userId(), invoker.userName(), invoker.roleIds(), options,
          mode.key(), now, expiresAt, PendingState.AWAITING, null, null, null, why));
    } catch (StoreException e) {
      log.warn("a /resume request could not be recorded: {}", DiscordText.oneLine(e.getMessage(), 300));
      return Cards.notice("Still halted", "The request for a second approval could not be recorded (storage"
          + " unavailable). Trading stays halted; try again shortly.");
    }
    audit.step("requested", invoker, RESUME, Map.of(), "waiting for a second approval: " + why);
    if (!desk.post(id, invoker, RESUME, Map.of(), ApprovalCards.request(review, invoker.userId(), why, List.of(),
        expiresAt))) {
      return Cards.notice("Still halted", "The request for a second approval could not be posted in <#"
          + desk.config().channelId() + ">. Trading stays halted; tell whoever runs the bot.");
    }
    return ApprovalCards.waiting(review, desk.config().channelId(), expiresAt, why);
  }
}
