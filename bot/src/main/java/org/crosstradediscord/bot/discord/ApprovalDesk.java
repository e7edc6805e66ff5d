package org.crosstradediscord.bot.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.config.ApprovalsConfig;
import org.crosstradediscord.bot.confirmation.PendingAction;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.store.ApprovalStore;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.store.ControlStore;
import org.crosstradediscord.bot.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-person rule's request side (docs/desk-controls.md, "Two-person rule"): the invoker's Confirm of a trade that
 * needs a second person ({@link SecondPerson}) records a request ({@code PENDING → AWAITING}, once), posts the request
 * card in {@code approvals.channel_id} and turns the invoker's card into "Waiting for a second approval"; nothing is
 * sent. The invoker's card hook is kept here (15 min, Discord's token lifetime) so the approval's result and the
 * request's end reach it too; after a restart only the public request card shows them.
 */
final class ApprovalDesk {
  private static final Logger log = LoggerFactory.getLogger(ApprovalDesk.class);

  private final ApprovalsConfig config;
  private final Store controls;
  private final ApprovalStore store;
  private final DailyLoss session;
  private final JDA jda;
  private final AuditLog audit;
  private final Clock clock;
  private final Workers reads;
  private final TradingMode mode;
  /** The invoker's card of each request made here: edited with the request's end. */
  private final Cache<String, InteractionHook> invokerCards = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(1_000).build();

  /**
   * @param config the rule
   * @param store the store: the requests' rows, and the daily loss trips (a resume after one needs a second person)
   * @param session the session boundary (the daily loss limits')
   * @param jda the logged-in JDA (posts and edits request cards)
   * @param audit the audit log
   * @param clock the clock (expiries)
   * @param reads the read threads (store writes after a card was posted)
   * @param mode the trading mode (the daily loss trips' key)
   */
  ApprovalDesk(ApprovalsConfig config, Store store, DailyLoss session, JDA jda, AuditLog audit, Clock clock,
      Workers reads, TradingMode mode) {
    this.controls = store;
    this.store = store.approvals();
    this.session = session;
    this.mode = mode;
    this.config = config;
    this.jda = jda;
    this.audit = audit;
    this.clock = clock;
    this.reads = reads;
  }

  ApprovalsConfig config() {
    return config;
  }

  ApprovalStore store() {
    return store;
  }

  /** @return the desk's controls (the daily loss trips: a resume after one needs a second person) */
  ControlStore controls() {
    return controls.controls();
  }

  /** @return the trading mode's key ({@code paper} or {@code live}) */
  String modeKey() {
    return mode.key();
  }

  /** @return the session boundary */
  DailyLoss session() {
    return session;
  }

  Clock clock() {
    return clock;
  }

  /**
   * @param approver a member
   * @return true when one of their roles is in {@code approvals.approvers}
   */
  boolean isApprover(Invoker approver) {
    return config.approvers().stream().anyMatch(approver.roleIds()::contains);
  }

  /**
   * On the interaction steps pool, for the invoker's Confirm of a trade they may still run (roles, limits and the halt
   * were checked): when it needs a second person, makes the request instead of sending.
   *
   * @param hook the Confirm click's hook (the invoker's card)
   * @param invoker the member who confirmed
   * @param interactionId the click's interaction id
   * @param token the click's interaction token (kept with the request: any replica can then edit the invoker's card)
   * @param pending the action as reviewed
   * @return false when it needs no second person (the caller claims it as usual); true when the click was answered
   *     here (a request made, or why it could not be: nothing is ever sent on this click)
   */
  boolean requestIfNeeded(InteractionHook hook, Invoker invoker, String interactionId, String token,
      PendingAction pending) {
    TradeAction action = pending.action();
    String why = SecondPerson.needed(config, action);
    if (why == null) {
      return false;
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plus(config.ttl());
    try {
      if (!store.request(pending.id(), invoker.userId(), interactionId, token, now, expiresAt)) {
        ephemeral(hook, "Nothing to confirm", "This was already confirmed, cancelled or refused, or it expired. Nothing"
            + " was sent by this click.");
        return true;
      }
    } catch (StoreException e) {
      log.warn("a request for a second approval could not be recorded: {}", DiscordText.oneLine(e.getMessage(), 300));
      audit.refused(invoker, action.command(), action.auditArgs(), "storage unavailable");
      ephemeral(hook, "Not sent", "The bot cannot record the request for a second approval right now (storage"
          + " unavailable). Nothing was sent; try again shortly.");
      return true;
    }
    ClickFlow.closeReview(action);
    Review review = action.review();
    invokerCards.put(pending.id(), hook);
    audit.step("requested", invoker, action.command(), action.auditArgs(), "waiting for a second approval: " + why);
    hook.editOriginalEmbeds(ApprovalCards.waiting(review, config.channelId(), expiresAt, why)).setComponents()
        .queue(ok -> { }, err -> log.warn("could not update a review card: {}", DiscordText.oneLine(err.toString())));
    post(pending.id(), invoker, action.command(), action.auditArgs(), ApprovalCards.request(review, invoker.userId(),
        why, affects(action), expiresAt));
    return true;
  }

  /** An ephemeral answer to a click; the card is left as it is. */
  static void ephemeral(InteractionHook hook, String title, String text) {
    hook.sendMessageEmbeds(Cards.notice(title, text)).setEphemeral(true).queue(ok -> { },
        err -> log.warn("could not answer a click: {}", DiscordText.oneLine(err.toString())));
  }

  /**
   * Posts a request card with Approve and Reject, records where it is (on the read threads, never JDA's callback
   * pool); a card that cannot be posted ends the request ("not sent").
   *
   * @param id the request's id
   * @param invoker who asked
   * @param command the command, for the audit line
   * @param args the command's audit arguments
   * @param card the request card
   * @return false when it could not be sent at all (the request was ended); true when it is on its way (a failure
   *     Discord reports later also ends the request and tells the invoker)
   */
  boolean post(String id, Invoker invoker, String command, Map<String, String> args, MessageEmbed card) {
    TextChannel channel = jda.getTextChannelById(config.channelId());
    if (channel == null) {
      notPosted(id, invoker, command, args, "the approvals channel " + config.channelId() + " is unknown to the bot");
      return false;
    }
    try {
      channel.sendMessageEmbeds(card).setComponents(ApprovalCards.buttons(id)).queue(
          message -> reads.submit(() -> {
            try {
              store.posted(id, channel.getIdLong(), message.getIdLong());
            } catch (StoreException e) { // the card works without it; only its expiry edit needs the message id
              log.warn("a request card's message id could not be stored: {}", DiscordText.oneLine(e.getMessage(), 300));
            }
          }),
          err -> reads.submit(() -> notPosted(id, invoker, command, args, DiscordText.oneLine(err.toString(), 300))));
      return true;
    } catch (RuntimeException e) { // e.g. no permission to send there
      notPosted(id, invoker, command, args, DiscordText.oneLine(e.toString(), 300));
      return false;
    }
  }

  private void notPosted(String id, Invoker invoker, String command, Map<String, String> args, String why) {
    log.warn("a request card could not be posted: {}", why);
    try {
      if (!store.end(id, PendingState.CANCELLED, clock.instant())) {
        return;
      }
    } catch (StoreException e) { // it expires by itself (audited then); nothing is sent without an approval on a card
      log.warn("an unposted request could not be ended: {}", DiscordText.oneLine(e.getMessage(), 300));
      return;
    }
    audit.refused(invoker, command, args, "the request card could not be posted");
    showInvoker(id, Cards.notice("Not sent", "The request for a second approval could not be posted in <#"
        + config.channelId() + ">. Nothing was sent; tell whoever runs the bot."));
  }

  /**
   * Edits the invoker's card of a request: through the hook when this process made the request, else (another replica
   * made it, or the bot restarted since) through the invoker's interaction token kept with the request, read on the
   * read threads (Discord honours it for 15 minutes; a later edit fails and is logged).
   *
   * @param id the request
   * @param card the card's new state (shown without buttons)
   * @return completes when Discord answered the edit (or there is nothing to edit); never fails
   */
  CompletableFuture<?> showInvoker(String id, MessageEmbed card) {
    InteractionHook hook = invokerCards.getIfPresent(id);
    CompletableFuture<Object> done = new CompletableFuture<>();
    if (hook != null) {
      edit(() -> hook.editOriginalEmbeds(card).setComponents().submit(), done);
    } else if (!reads.submit(() -> {
      String token = null;
      try {
        token = store.requestToken(id);
      } catch (StoreException e) {
        log.warn("could not read where an invoker's card is: {}", DiscordText.oneLine(e.getMessage(), 300));
      }
      String t = token;
      if (t == null) {
        done.complete(null);
        return;
      }
      edit(() -> WebhookClient.createClient(jda, jda.getSelfUser().getApplicationId(), t)
          .editMessageEmbedsById("@original", card).setComponents(List.of()).submit(), done);
    })) {
      done.complete(null);
    }
    return done;
  }

  private static void edit(Supplier<CompletableFuture<?>> send, CompletableFuture<Object> done) {
    try {
      send.get().whenComplete((ok, err) -> {
        if (err != null) {
          log.warn("could not update an invoker's card: {}", DiscordText.oneLine(err.toString()));
        }
        done.complete(null);
      });
    } catch (RuntimeException e) {
      log.warn("could not update an invoker's card: {}", DiscordText.oneLine(e.toString()));
      done.complete(null);
    }
  }

  /**
   * Edits a request card by its stored place (expiry, or a request made before a restart).
   *
   * @param channelId its channel, or null when never posted
   * @param messageId its message, or null
   * @param card the ended card
   */
  void showRequest(@Nullable Long channelId, @Nullable Long messageId, MessageEmbed card) {
    if (channelId == null || messageId == null) {
      return;
    }
    TextChannel channel = jda.getTextChannelById(channelId);
    if (channel == null) {
      return;
    }
    try {
      channel.editMessageEmbedsById(messageId, card).setComponents().queue(ok -> { },
          err -> log.warn("could not update a request card: {}", DiscordText.oneLine(err.toString())));
    } catch (RuntimeException e) {
      log.warn("could not update a request card: {}", DiscordText.oneLine(e.toString()));
    }
  }

  /** @return what the review read (position now and after, what a flatten closes), or nothing */
  private static List<String> affects(TradeAction action) {
    Preview p = action instanceof ReviewedAction reviewed ? reviewed.preview() : null;
    return Optional.ofNullable(p).map(Preview::lines).orElse(List.of());
  }
}
