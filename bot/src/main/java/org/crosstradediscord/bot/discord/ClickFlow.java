package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.confirmation.Rebuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.Claim;
import org.crosstradediscord.bot.confirmation.PendingAction;
import org.crosstradediscord.bot.halt.FreshCheck;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confirm or Cancel click on a review card. JDA's gateway thread only acknowledges it (a deferred update: the card
 * stays as it is) and hands it to the interaction steps pool; everything that waits on the store runs there: the
 * role re-check, the row-level claim and the halt check with a fresh store read (one store call), the hand-off to
 * {@link TradeCalls} — at once, while the card is edited to "Sending…" (the result edit waits for that edit).
 * Only the replica whose acknowledgement Discord accepted handles a click. Answers that are not the card's new state
 * ("not yours", "nothing to confirm", "busy") are ephemeral follow-ups, so they never overwrite a result.
 */
final class ClickFlow {
  private static final Logger log = LoggerFactory.getLogger(ClickFlow.class);

  private final ConfirmationStore store;
  private final AuditLog audit;
  private final TradeCalls calls;
  private final HaltSwitch halt;
  private final StillAllowed allowed;
  private final Duration claimLease;
  private final Rebuilder rebuilder;
  private final TradeExecution execution;
  private final Workers steps;
  private final @Nullable ApprovalDesk approvals;

  ClickFlow(ConfirmationStore store, AuditLog audit, TradeCalls calls, HaltSwitch halt, RolePolicy policy,
      LimitGuard limits, Duration claimLease, Rebuilder rebuilder, TradeExecution execution,
      Workers steps, @Nullable ApprovalDesk approvals) {
    this.approvals = approvals;
    this.store = store;
    this.audit = audit;
    this.calls = calls;
    this.halt = halt;
    this.allowed = new StillAllowed(policy, limits);
    this.claimLease = claimLease;
    this.rebuilder = rebuilder;
    this.execution = execution;
    this.steps = steps;
  }

  /** One click as the steps pool sees it. */
  private record Click(InteractionHook hook, Invoker clicker, boolean confirm, String pendingId, String interactionId,
      String token, long clickedAt) {
    Map<String, String> button() {
      return Map.of("button", confirm ? "confirm" : "cancel");
    }
  }

  /**
   * On JDA's gateway thread: acknowledges at once, then queues the rest. Never waits.
   *
   * @param event the click
   * @param clicker the member
   * @param confirm Confirm (else Cancel)
   * @param pendingId the id from the custom_id
   * @param clickedAt {@link System#nanoTime()} of the click as Discord made it
   */
  void onClick(ButtonInteractionEvent event, Invoker clicker, boolean confirm, String pendingId, long clickedAt) {
    String interactionId = event.getId();
    String token = event.getToken();
    event.deferEdit().queue(hook -> {
      Click click = new Click(hook, clicker, confirm, pendingId, interactionId, token, clickedAt);
      if (!steps.submit(() -> handle(click))) {
        audit(clicker, "refused", "?", click.button(), "the bot is busy or stopping");
        followUp(hook, confirm ? "Not sent" : "Not cancelled", "The bot is busy or shutting down. "
            + (confirm ? "Nothing was sent; " : "") + "try again shortly.");
      }
    }, err -> log.info("a {} click was not acknowledged here ({}); not handling it", confirm ? "Confirm" : "Cancel",
        DiscordText.oneLine(err.toString())));
  }

  private void handle(Click c) {
    try {
      claimAndRun(c);
    } catch (RuntimeException e) {
      log.error("a {} click failed before it was claimed", c.confirm() ? "Confirm" : "Cancel", e);
      audit(c.clicker(), "refused", "?", c.button(), "internal error " + e.getClass().getSimpleName());
      followUp(c.hook(), "Not sent", "The bot failed while handling the click. Nothing was sent; run the command again.");
    }
  }

  private void claimAndRun(Click c) {
    Invoker clicker = c.clicker();
    if (c.confirm() && calls.stopping()) { // never "confirmed" once shutdown began: nothing will be sent
      audit(clicker, "refused", "?", c.button(), "the bot is shutting down");
      followUp(c.hook(), "Not sent", "The bot is shutting down. Nothing was sent; run the command again once it is back.");
      return;
    }
    PendingAction peeked = c.confirm() ? store.peek(c.pendingId(), rebuilder) : null;
    if (peeked != null && peeked.invoker().userId() == clicker.userId()) {
      // Roles and accounts BEFORE anything is marked confirmed: a denied click must not read "already confirmed" later.
      String lost = allowed.why(peeked.action(), clicker);
      if (lost != null && store.deny(c.pendingId(), c.interactionId())) {
        closeReview(peeked.action());
        audit(clicker, "denied", peeked.action().command(), peeked.action().auditArgs(), lost);
        endCard(c.hook(), Cards.notice("Not allowed any more", lost + "\nNothing was sent."));
        return;
      }
    }
    if (peeked != null && peeked.invoker().userId() == clicker.userId() && approvals != null
        && SecondPerson.needed(approvals.config(), peeked.action()) != null && secondPerson(c, peeked)) {
      return; // a request for a second approval was made (or refused): nothing is sent on this click
    }
    PendingAction mine = store.local(c.pendingId()); // the card this process made: close its review read if lost
    // The fresh halt read (a card made before another replica's /halt) shares the claim's store call.
    FreshCheck haltNow = peeked != null ? halt.freshCheck(peeked.action().command()) : null;
    Claim claim = c.confirm()
        ? store.claim(c.pendingId(), clicker.userId(), c.interactionId(), c.token(), claimLease, rebuilder,
            haltNow != null ? haltNow::read : () -> { })
        : store.cancel(c.pendingId(), clicker.userId(), c.interactionId(), rebuilder);
    if (mine != null && !(claim instanceof Claim.Claimed) && !(claim instanceof Claim.NotInvoker)
        && !(claim instanceof Claim.Unavailable)) {
      closeReview(mine.action()); // claimed or ended elsewhere: this process's late review read must not edit the card
    }
    if (claim instanceof Claim.Claimed claimed) {
      afterClaim(c, claimed.pending(), haltNow);
    } else if (claim instanceof Claim.HandledElsewhere) {
      log.debug("a click is handled by another replica");
    } else if (claim instanceof Claim.Unavailable down) {
      log.warn("a {} click could not be recorded: {}", c.confirm() ? "Confirm" : "Cancel",
          DiscordText.oneLine(down.reason(), 300));
      audit(clicker, "refused", "?", c.button(), "storage unavailable");
      followUp(c.hook(), c.confirm() ? "Not sent" : "Not cancelled", "The bot cannot record this click right now"
          + " (storage unavailable). " + (c.confirm() ? "Nothing was sent; " : "") + "try again shortly.");
    } else if (claim instanceof Claim.Refused refused) {
      audit(clicker, "denied", refused.command(), c.button(), refused.reason());
      endCard(c.hook(), Cards.notice("Not sent: /" + refused.command(), DiscordText.escape(refused.reason(), 1000)
          + "\nNothing was sent; run the command again."));
    } else if (claim instanceof Claim.NotInvoker other) {
      audit(clicker, "refused", other.command(), c.button(), "not the invoker");
      followUp(c.hook(), "Not yours", "Only the member who ran the command can confirm or cancel it.");
    } else if (claim instanceof Claim.Gone gone) {
      audit(clicker, "refused", "?", c.button(), "pending action " + gone.state().name().toLowerCase(Locale.ROOT));
      followUp(c.hook(), "Nothing to " + (c.confirm() ? "confirm" : "cancel"), ClickTexts.gone(gone.state()));
    }
  }

  /**
   * The invoker's Confirm of a trade that needs a second person: refused now while it is halted, else a request.
   * Never falls through to a claim: nothing is sent on this click.
   *
   * @return true (the click was answered here)
   */
  private boolean secondPerson(Click c, PendingAction peeked) {
    TradeAction action = peeked.action();
    String halted = halt.refusalFresh(action.command());
    if (halted != null) {
      if (!store.deny(c.pendingId(), c.interactionId())) {
        followUp(c.hook(), "Nothing to confirm", "This was already handled or it expired. Nothing was sent.");
        return true;
      }
      closeReview(action);
      audit(c.clicker(), "refused", action.command(), action.auditArgs(), "trading is halted");
      endCard(c.hook(), Cards.notice("Not sent: " + action.review().title(), halted + "\nNothing was sent."));
      return true;
    }
    return approvals.requestIfNeeded(c.hook(), c.clicker(), c.interactionId(), c.token(), peeked);
  }

  /** The rest of a click once its pending action was claimed (Confirm) or cancelled (Cancel). */
  private void afterClaim(Click c, PendingAction pending, FreshCheck haltNow) {
    TradeAction action = pending.action();
    Invoker clicker = c.clicker();
    closeReview(action);
    Review review = action.review();
    if (!c.confirm()) {
      audit(clicker, "cancelled", action.command(), action.auditArgs(), "cancelled");
      endCard(c.hook(), Cards.notice("Cancelled: " + review.title(), "Nothing was sent."));
      return;
    }
    TradeCalls.Ticket ticket = null;
    boolean submitted = false;
    CompletableFuture<Void> sendingShown = new CompletableFuture<>();
    try {
      String refusal = allowed.why(action, clicker);
      String kind = "denied";
      if (refusal != null) {
        refusal = refusal + "\nNothing was sent.";
      } else if ((refusal = haltNow != null && haltNow.done() ? haltNow.refusal()
          : halt.refusalFresh(action.command())) != null) { // a card made before a /halt
        kind = "refused";
        refusal = refusal + "\nNothing was sent.";
      }
      if (refusal != null) {
        store.refuseClaimed(pending.id());
        audit(clicker, kind, action.command(), action.auditArgs(), kind.equals("denied") ? refusal.lines().findFirst()
            .orElse("") : "trading is halted");
        endCard(c.hook(), Cards.notice(kind.equals("denied") ? "Not allowed any more" : "Not sent: " + review.title(),
            refusal));
        return;
      }
      // "confirmed" is written once the order is on its way, and always before the trade's result line (Once).
      Once confirmed = new Once(() -> audit(clicker, "confirmed", action.command(), action.auditArgs(), "confirmed"));
      ticket = calls.reserve(execution.trade(pending.id(), c.hook(), clicker, action, c.clickedAt(), sendingShown,
          confirmed), c.clickedAt());
      if (ticket == null) { // shutdown began after the first check: refused, never "confirmed"
        store.refuseClaimed(pending.id());
        audit(clicker, "refused", action.command(), action.auditArgs(), "the bot is shutting down");
        endCard(c.hook(), Cards.notice("Not sent: " + review.title(), "The bot is shutting down. Nothing was sent;"
            + " run the command again once it is back."));
        return;
      }
      // The trade goes to a call thread at once (the click was acknowledged before the claim); the card says
      // "Sending…" with its buttons disabled meanwhile, and the trade's result edit waits for that edit to end.
      calls.submit(ticket);
      submitted = true;
      showSending(c, pending.id(), action, sendingShown);
      confirmed.run();
    } catch (RuntimeException e) { // every claim ends: reported, row finished, never left "confirmed" and silent
      log.error("the Confirm click on a pending /{} failed after it was claimed", action.command(), e);
      sendingShown.complete(null);
      if (submitted) {
        return; // the trade is on its way or reported: it ends in its own result card
      } else if (ticket != null) {
        calls.release(ticket, "the bot failed while handling the click");
      } else {
        store.refuseClaimed(pending.id());
        audit(clicker, "result", action.command(), action.auditArgs(), "not sent: internal error "
            + e.getClass().getSimpleName());
        followUp(c.hook(), "Not sent", "The bot failed while handling the click. Nothing was sent; run the command again.");
      }
    }
  }

  /**
   * The card says "Sending…" with its buttons disabled; {@code shown} completes when Discord answered that edit (or it
   * failed), so the result edit never lands before it. Never throws.
   */
  private static void showSending(Click c, String pendingId, TradeAction action, CompletableFuture<Void> shown) {
    Review review = action.review();
    try {
      c.hook().editOriginalEmbeds(Cards.executing(review)).setComponents(Cards.buttons(pendingId, review.confirmLabel(),
          true)).queue(ok -> shown.complete(null), err -> {
            shown.complete(null);
            log.warn("the card of /{} could not show 'Sending…' ({}); sending anyway", action.command(),
                DiscordText.oneLine(err.toString()));
            followUp(c.hook(), "Sending: " + review.title(), "Your order is being sent; its result replaces the card."
                + " Do not confirm it again.");
          });
    } catch (RuntimeException e) { // e.g. JDA already shut down: the result edit must not wait for it
      shown.complete(null);
      log.warn("the card of /{} could not show 'Sending…': {}", action.command(), DiscordText.oneLine(e.toString()));
    }
  }

  /** Stops review reads from editing the card (waits, bounded, for one already on its way). */
  static void closeReview(TradeAction action) {
    if (action instanceof ReviewedAction reviewed) {
      reviewed.close();
    }
  }

  /** The card's final state: the embed, no buttons. */
  private static void endCard(InteractionHook hook, MessageEmbed embed) {
    hook.editOriginalEmbeds(embed).setComponents().queue(ok -> { },
        err -> log.warn("could not update a review card: {}", DiscordText.oneLine(err.toString())));
  }

  /** An ephemeral follow-up for the clicker; the card is left as it is. */
  private static void followUp(InteractionHook hook, String title, String text) {
    hook.sendMessageEmbeds(Cards.notice(title, text)).setEphemeral(true).queue(ok -> { },
        err -> log.warn("could not answer a click: {}", DiscordText.oneLine(err.toString())));
  }

  private void audit(Invoker who, String kind, String command, Map<String, String> args, String result) {
    audit.step(kind, who, command, args, result);
  }
}
