package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.NotRebuildable;
import org.crosstradediscord.bot.confirmation.Rebuilder;
import org.crosstradediscord.bot.confirmation.Recipe;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.store.ApprovalRow;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.DiscordText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approve and Reject on a request card of the two-person rule (docs/desk-controls.md, "Two-person rule"). JDA's thread
 * only acknowledges the click; the rest runs on the interaction steps pool:
 * <ul>
 *   <li>Approve: never by the member who asked (by user id, whatever roles they hold; the store's compare-and-set
 *       refuses it too); only by a member holding an {@code approvals.approvers} role (deny by default). The member
 *       who asked is read again from Discord (their roles now), the action is rebuilt with those roles and must still
 *       be theirs to run (grants, accounts, limits), trading must not be halted for it; then the request is claimed
 *       once ({@code AWAITING → CONFIRMED}, refused once expired) and the trade goes to {@link TradeCalls} like a
 *       confirmed one: the send-time checks, one call, never retried. The result edits the request card and, when
 *       the request was made in this process, the invoker's card, both marked with who asked and who approved.</li>
 *   <li>Reject: by an approver or by the member who asked (withdrawn); ends the request once, nothing is sent.</li>
 * </ul>
 */
final class ApprovalClicks {
  private static final Logger log = LoggerFactory.getLogger(ApprovalClicks.class);
  /** The longest the read of the asking member's roles may take. */
  static final Duration MEMBER_READ = Duration.ofSeconds(3);

  private final ApprovalDesk desk;
  private final ConfirmationStore confirmations;
  private final RolePolicy policy;
  private final HaltSwitch halt;
  private final AuditLog audit;
  private final TradeCalls calls;
  private final TradeExecution execution;
  private final Rebuilder rebuilder;
  private final StillAllowed stillAllowed;
  private final Duration claimLease;
  private final Workers steps;
  private final ApprovedSend sends;
  private final ApprovedResume resumes;

  /**
   * @param desk the request side (the rule, the rows, the invoker cards)
   * @param confirmations the pending confirmations (a claim's end)
   * @param policy role and account policy
   * @param halt the halt switch
   * @param audit the audit log
   * @param calls the confirmed trades' threads
   * @param execution the trade execution
   * @param rebuilder builds a stored action again (the command's own checks)
   * @param stillAllowed why a member may no longer run an action (grants, accounts, limits), or null
   * @param claimLease how long a claimed trade may take before another start takes it for dead
   * @param steps the interaction steps pool
   */
  ApprovalClicks(ApprovalDesk desk, ConfirmationStore confirmations, RolePolicy policy, HaltSwitch halt, AuditLog audit,
      TradeCalls calls, TradeExecution execution, Rebuilder rebuilder, StillAllowed stillAllowed,
      Duration claimLease, Workers steps) {
    this.desk = desk;
    this.confirmations = confirmations;
    this.policy = policy;
    this.halt = halt;
    this.audit = audit;
    this.calls = calls;
    this.execution = execution;
    this.rebuilder = rebuilder;
    this.stillAllowed = stillAllowed;
    this.claimLease = claimLease;
    this.steps = steps;
    this.sends = new ApprovedSend(desk, confirmations, audit, calls, execution);
    this.resumes = new ApprovedResume(desk, confirmations, policy, halt, audit, claimLease);
  }

  /**
   * On JDA's gateway thread: acknowledges at once, then queues the rest. Never waits.
   *
   * @param event the click
   * @param clicker the member
   * @param approve Approve (else Reject)
   * @param id the request's id from the custom_id
   * @param clickedAt {@link System#nanoTime()} of the click as Discord made it
   */
  void onClick(ButtonInteractionEvent event, Invoker clicker, boolean approve, String id, long clickedAt) {
    Guild guild = event.getGuild();
    if (guild == null) {
      return;
    }
    String interactionId = event.getId();
    String token = event.getToken();
    event.deferEdit().queue(hook -> {
      ApprovalClick c = new ApprovalClick(hook, clicker, approve, id, interactionId, token, clickedAt, guild);
      if (!steps.submit(() -> handle(c))) {
        followUp(hook, "Not done", "The bot is busy or shutting down. Nothing was sent; try again shortly.");
      }
    }, err -> log.info("an approval click was not acknowledged here ({}); not handling it",
        DiscordText.oneLine(err.toString())));
  }

  private void handle(ApprovalClick c) {
    try {
      ApprovalRow row = desk.store().get(c.id());
      if (row == null) {
        followUp(c.hook(), "Unknown request", "The bot does not know this request (it may be older than a day).");
      } else if (row.pending().state() != PendingState.AWAITING
          || !desk.clock().instant().isBefore(row.pending().expiresAt())) {
        followUp(c.hook(), "Already decided", ApprovalTexts.decided(row.pending()));
      } else if (c.approve()) {
        approve(c, row.pending());
      } else {
        reject(c, row.pending());
      }
    } catch (StoreException e) {
      log.warn("an approval click could not be handled: {}", DiscordText.oneLine(e.getMessage(), 300));
      followUp(c.hook(), "Not done", "The bot cannot read or record requests right now (storage unavailable). Nothing"
          + " was sent; try again shortly.");
    } catch (RuntimeException e) {
      log.error("an approval click failed before it was claimed", e);
      followUp(c.hook(), "Not done", "The bot failed while handling the click. Nothing was sent.");
    }
  }

  private void reject(ApprovalClick c, PendingRow p) {
    boolean asker = c.clicker().userId() == p.userId();
    if (!asker && !desk.isApprover(c.clicker())) {
      audit.denied(c.clicker(), p.command(), Map.of("request", p.id()), "reject: no approver role");
      followUp(c.hook(), "Not allowed", "Only members with an approver role, or the member who asked, may reject it.");
      return;
    }
    if (!desk.store().end(p.id(), PendingState.CANCELLED, desk.clock().instant())) {
      followUp(c.hook(), "Already decided", "Someone else decided it first.");
      return;
    }
    String title = (asker ? "Withdrawn by " : "Rejected by ") + c.clicker().userName() + " — not sent";
    audit.step("rejected", c.clicker(), p.command(), Map.of("request", p.id(), "asked_by", p.userName()), title);
    MessageEmbed card = ApprovalCards.ended(title, review(p), p.userId());
    c.hook().editOriginalEmbeds(card).setComponents().queue(ok -> { },
        err -> log.warn("could not update a request card: {}", DiscordText.oneLine(err.toString())));
    desk.showInvoker(p.id(), card);
  }

  private void approve(ApprovalClick c, PendingRow p) {
    Invoker approver = c.clicker();
    Map<String, String> args = Map.of("request", p.id(), "asked_by", p.userName());
    if (approver.userId() == p.userId()) {
      audit.refused(approver, p.command(), args, "approve: own request");
      followUp(c.hook(), "Not yours to approve", "You asked for this: another member with an approver role must"
          + " approve it. Nothing was sent.");
      return;
    }
    if (!desk.isApprover(approver)) {
      audit.denied(approver, p.command(), args, "approve: no approver role");
      followUp(c.hook(), "Not allowed", "Only members with an approver role (approvals.approvers) may approve it."
          + " Nothing was sent.");
      return;
    }
    Invoker asker;
    try {
      asker = askerNow(c.guild(), p.userId());
    } catch (NotRebuildable gone) { // they left the server: it can never be theirs to run again
      endDenied(c, p, approver, args, gone.getMessage());
      return;
    } catch (RuntimeException e) {
      log.warn("the roles of the member who asked could not be read: {}", DiscordText.oneLine(e.toString()));
      followUp(c.hook(), "Not sent yet", "Discord did not tell the bot the roles of the member who asked, in time."
          + " Nothing was sent; try Approve again.");
      return;
    }
    if (ResumeRequests.RESUME.equals(p.command())) {
      resumes.approve(c, p, approver, asker, args, why -> endDenied(c, p, approver, args, why));
      return;
    }
    TradeAction action;
    try {
      action = rebuilder.rebuild(Recipe.of(p), asker);
    } catch (NotRebuildable e) {
      endDenied(c, p, approver, args, e.getMessage());
      return;
    }
    String lost = stillAllowed.why(action, asker);
    if (lost != null) {
      endDenied(c, p, approver, args, "The member who asked may no longer run it: " + lost);
      return;
    }
    String halted = halt.refusalFresh(action.command());
    if (halted != null) {
      endDenied(c, p, approver, args, halted);
      return;
    }
    if (calls.stopping()) { // the request stays open for another replica or after the restart
      followUp(c.hook(), "Shutting down", "The bot is shutting down, so nothing was sent; the request stays open for"
          + " another replica or after the restart.");
      return;
    }
    Instant now = desk.clock().instant();
    if (!desk.store().approve(p.id(), approver.userId(), c.interactionId(), c.token(), now, now.plus(claimLease))) {
      followUp(c.hook(), "Already decided", "Someone else decided it first, or it expired. Nothing was sent.");
      return;
    }
    confirmations.handling(p.id()); // this process's own recovery must not report it "outcome unknown" while it runs
    audit.step("approved", approver, action.command(), args, "second approval given");
    sends.send(c, p, approver, asker, action);
  }

  /** Ends a request the asker may no longer run; nothing is sent. */
  private void endDenied(ApprovalClick c, PendingRow p, Invoker approver, Map<String, String> args, String why) {
    if (!desk.store().end(p.id(), PendingState.CANCELLED, desk.clock().instant())) {
      followUp(c.hook(), "Already decided", "Someone else decided it first, or it expired. Nothing was sent.");
      return;
    }
    audit.denied(approver, p.command(), args, DiscordText.oneLine(why, 300));
    MessageEmbed card = Cards.notice("Not sent: " + review(p).title(), DiscordText.escape(why, 1000)
        + "\nNothing was sent; the member who asked may run the command again.");
    endCard(c.hook(), card);
    desk.showInvoker(p.id(), card);
  }

  /**
   * @return the member who asked, with their roles now (read from Discord, not the cache)
   * @throws NotRebuildable they are no longer a member of the server
   */
  private static Invoker askerNow(Guild guild, long userId) {
    try {
      Member m = guild.retrieveMemberById(userId).useCache(false).submit()
          .get(MEMBER_READ.toMillis(), TimeUnit.MILLISECONDS);
      return Members.invoker(m);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ErrorResponseException r && r.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER) {
        throw new NotRebuildable("The member who asked is no longer in the server.");
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out");
    }
  }

  /** @return how the request would read on a card (rebuilt with the roles stored; a plain title if it cannot be) */
  private Review review(PendingRow p) {
    return ApprovalTexts.describe(p, rebuilder);
  }

  static void endCard(InteractionHook hook, MessageEmbed embed) {
    hook.editOriginalEmbeds(embed).setComponents().queue(ok -> { },
        err -> log.warn("could not update a request card: {}", DiscordText.oneLine(err.toString())));
  }

  static void followUp(InteractionHook hook, String title, String text) {
    hook.sendMessageEmbeds(Cards.notice(title, text)).setEphemeral(true).queue(ok -> { },
        err -> log.warn("could not answer a click: {}", DiscordText.oneLine(err.toString())));
  }
}
