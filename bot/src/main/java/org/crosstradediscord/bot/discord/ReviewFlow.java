package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.confirmation.NotRebuildable;
import org.crosstradediscord.bot.confirmation.Recipe;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.CommandOptions;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.commands.Prepared;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.commands.SlashCommand;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.PendingAction;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.bot.config.ApprovalsConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review card of a confirmed command: the reply is deferred at once (Discord's 3 s rule); off JDA's threads the
 * halt is checked with a fresh store read, {@code max_position} when a limit needs it, the pending confirmation is
 * stored ({@link ConfirmationStore}) and the reply becomes the card; what the action affects is read afterwards
 * (GET only, {@link ReviewReads}) and edited in. Also builds a stored card again in a process that did not make it
 * ({@link #rebuild}) and marks a card expired.
 */
final class ReviewFlow {
  private static final Logger log = LoggerFactory.getLogger(ReviewFlow.class);

  private final CommandRegistry registry;
  private final RolePolicy policy;
  private final ConfirmationStore store;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final Workers reads;
  private final Workers steps;
  private final ReviewReads reviewReads;
  private final LimitGuard limits;
  private final TradingMode mode;
  private final HaltSwitch halt;
  private final @Nullable ApprovalsConfig approvals;

  ReviewFlow(CommandRegistry registry, RolePolicy policy, ConfirmationStore store, CrossTradeClient client,
      AuditLog audit, Workers reads, Workers steps, LimitGuard limits, TradingMode mode, HaltSwitch halt,
      @Nullable ApprovalsConfig approvals) {
    this.approvals = approvals;
    this.registry = registry;
    this.policy = policy;
    this.store = store;
    this.client = client;
    this.audit = audit;
    this.reads = reads;
    this.steps = steps;
    this.reviewReads = new ReviewReads(client);
    this.limits = limits;
    this.mode = mode;
    this.halt = halt;
  }

  /**
   * A confirmed command's review card: the reply is deferred at once (Discord's 3 s rule), then, off JDA's threads,
   * the halt is checked again with a fresh store read (another replica's halt), {@code max_position} is checked when
   * a limit needs it (the position read on the read threads, bounded by the request timeout; a position that cannot
   * be read refuses the order), the pending confirmation is stored, and the reply becomes the card. {@code received}
   * (the interaction's first audit line, a {@link Once}) runs right after the deferral was queued, and before any
   * other step of this interaction audits anything.
   */
  void prepareReview(IReplyCallback event, Invoker invoker, TradeAction ready, OrderIntent order,
      Recipe recipe, Runnable received) {
    event.deferReply(true).queue(hook -> {
      received.run(); // normally written already, right after the deferral was queued
      boolean queued = steps.submit(() -> {
        try {
          reviewSteps(hook, invoker, ready, order, recipe);
        } catch (RuntimeException e) { // never left "thinking…": the member reads that nothing was sent
          log.error("/{} failed while preparing its review card", ready.command(), e);
          audit.refused(invoker, ready.command(), ready.auditArgs(), "internal error " + e.getClass().getSimpleName());
          hook.editOriginalEmbeds(Cards.notice("Something went wrong", "The bot failed while preparing the review card."
              + " Nothing was sent; run the command again.")).queue(ok -> { }, err -> { });
        }
      });
      if (!queued) {
        audit.refused(invoker, ready.command(), ready.auditArgs(), "the bot is busy or stopping");
        hook.editOriginalEmbeds(Cards.notice("Busy", "The bot is busy or shutting down. Nothing was sent; try again"
            + " shortly.")).queue(ok -> { }, err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
      }
    }, err -> log.warn("could not defer /{}: {}", ready.command(), err.toString()));
    received.run();
  }

  /** The review card's steps off JDA's thread: the fresh halt check, {@code max_position} if needed, the card. */
  private void reviewSteps(InteractionHook hook, Invoker invoker, TradeAction ready, OrderIntent order,
      Recipe recipe) {
    String halted = halt.refusalFresh(ready.command());
    if (halted != null) {
      audit.refused(invoker, ready.command(), ready.auditArgs(), "trading is halted");
      hook.editOriginalEmbeds(Cards.notice("Trading is halted", halted + "\nNothing was sent.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
    } else if (order != null && limits.needsPosition(invoker.roleIds())) {
      reviewAfterPositionCheck(hook, invoker, ready, order, recipe);
    } else {
      review(hook, invoker, ready, recipe);
    }
  }

  /**
   * Puts the action in the store and sends its review card (by {@code send}); what it affects is read after the
   * card went out and edited in.
   */
  private void review(InteractionHook hook, Invoker invoker, TradeAction ready, Recipe recipe) {
    ReviewedAction action = new ReviewedAction(ready, mode == TradingMode.PAPER);
    PendingAction pending;
    try {
      // The two-person rule is decided here and stored with the row: its Confirm can then never claim it directly.
      pending = store.put(invoker, action, recipe.withSecondPerson(SecondPerson.needed(approvals, action)),
          () -> expired(hook, invoker, action));
    } catch (StoreException e) {
      // A card whose Confirm could not be claimed reliably (restart, replicas) is not shown at all.
      log.warn("/{}: the pending confirmation could not be stored: {}", ready.command(), DiscordText.oneLine(e.getMessage()));
      audit.refused(invoker, ready.command(), ready.auditArgs(), "storage unavailable");
      hook.editOriginalEmbeds(Cards.notice("Storage unavailable", "The bot cannot record this confirmation right now, so"
          + " it shows no Confirm button. Nothing was sent; try again shortly.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
      return;
    }
    Review review = action.review();
    Optional<PreviewPlan> plan = action.previewPlan();
    // The card goes out at once (Discord's 3 s rule); what it affects is read afterwards and edited in.
    hook.editOriginalEmbeds(Cards.review(review, store.timeout(), plan.map(p -> List.of(p.subject() + ": reading…"))
            .orElse(List.of()))).setComponents(Cards.buttons(pending.id(), review.confirmLabel(), false))
        .queue(ok -> plan.ifPresent(p -> showPreview(hook, pending.id(), action, p)), err -> {
          steps.submit(() -> store.discard(pending.id())); // a store write: not on JDA's callback thread
          log.warn("review card for /{} could not be sent: {}", action.command(), err.toString());
        });
  }

  /**
   * {@code max_position}: the current position is read on the read threads (bounded by the request timeout), then
   * the deferred reply becomes the refusal or the review card. A position that cannot be read refuses the order.
   */
  private void reviewAfterPositionCheck(InteractionHook hook, Invoker invoker, TradeAction ready, OrderIntent order,
      Recipe recipe) {
    boolean queued = reads.submit(() -> {
      String broken;
      try {
        broken = limits.checkPosition(invoker.roleIds(), order,
            (account, instrument) -> TradeExecution.signedPosition(client, account, instrument)).orElse(null);
      } catch (RuntimeException e) {
        log.error("/{}: the max_position check failed", ready.command(), e);
        broken = "Limit `max_position` could not be checked (internal error). Try again.";
      }
      if (broken != null) {
        limitDenied(hook, invoker, ready, broken, true);
      } else {
        review(hook, invoker, ready, recipe);
      }
    });
    if (!queued) {
      limitDenied(hook, invoker, ready, "Limit `max_position` could not be checked: the bot is busy or stopping."
          + " Try again shortly.", true);
    }
  }

  /** Audits a limit refusal and, when {@code edit}, shows it on the (deferred) reply. */
  void limitDenied(InteractionHook hook, Invoker invoker, TradeAction action, String why, boolean edit) {
    audit.denied(invoker, action.command(), action.auditArgs(), why);
    if (edit) {
      hook.editOriginalEmbeds(Cards.notice("Not allowed", why + "\nNothing was sent.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
    }
  }

  /**
   * Reads what the action will affect (GET only, bounded) and edits the still-open review card with it, keeping its
   * buttons; a failed or slow read says "unknown (…)" and never blocks or fails the confirmation.
   */
  private void showPreview(InteractionHook hook, String pendingId, ReviewedAction action, PreviewPlan plan) {
    Review review = action.review();
    reviewReads.read(plan, action::isOpen).whenCompleteAsync((preview, err) -> {
      if (!action.isOpen()) {
        return; // confirmed, cancelled or expired meanwhile: the card is no longer a review
      }
      if (!store.stillPending(pendingId)) { // claimed or ended by another replica (which may never tell this one)
        action.close();
        return;
      }
      List<String> lines;
      if (err == null) {
        lines = preview.lines();
      } else {
        String why = Previews.reason(err, reviewReads.waitLimit());
        log.info("review read for /{} failed: {}", action.command(), DiscordText.oneLine(why, 300));
        lines = List.of(plan.subject() + ": unknown (" + why + ")",
            "The action does not depend on this read: you can still confirm or cancel.");
      }
      try {
        action.publish(err == null ? preview : null, () -> hook.editOriginalEmbeds(Cards.review(review, store.timeout(), lines))
            .setComponents(Cards.buttons(pendingId, review.confirmLabel(), false)).submit()
            .whenComplete((ok, e) -> {
              if (e != null) {
                log.debug("could not show the review read of /{}: {}", action.command(), e.toString());
              }
            }));
      } catch (RuntimeException e) { // e.g. JDA already shut down
        log.debug("could not show the review read of /{}: {}", action.command(), e.toString());
      }
    }, reviewReads.editExecutor());
  }

  /** @return true when no review-card read is queued or running */
  boolean reviewReadsIdle() {
    return reviewReads.idle();
  }

  private void expired(InteractionHook hook, Invoker invoker, TradeAction action) {
    ClickFlow.closeReview(action);
    audit.step("expired", invoker, action.command(), action.auditArgs(), "expired");
    hook.editOriginalEmbeds(Cards.notice("Expired: " + action.review().title(),
        "Not confirmed within " + store.timeout().toSeconds() + " s. Nothing was sent; run the command again."))
        .setComponents().queue(ok -> { }, err -> log.debug("could not mark the card expired: {}", err.toString()));
  }

  /**
   * Builds a stored action again in a process that did not make its card (after a restart, or on another replica):
   * the same {@code prepare} the typed command ran, with the invoker's roles as they were; never across modes.
   */
  TradeAction rebuild(Recipe recipe, Invoker invoker) {
    String now = mode.name().toLowerCase(Locale.ROOT);
    if (!now.equals(recipe.mode())) {
      throw new NotRebuildable("The bot switched from " + recipe.mode() + " to " + now
          + " mode since this card was made.");
    }
    SlashCommand command = registry.find(recipe.command()).orElseThrow(
        () -> new NotRebuildable("/" + recipe.command() + " is not a command of this bot any more."));
    Prepared prepared;
    try {
      prepared = command.prepare(new CommandOptions(recipe.options()), invoker, policy);
    } catch (RuntimeException e) {
      log.error("/{} failed while rebuilding a stored confirmation", recipe.command(), e);
      throw new NotRebuildable("The bot failed while checking the stored options.");
    }
    if (prepared instanceof Prepared.Ready ready) {
      return new ReviewedAction(ready.action(), mode == TradingMode.PAPER);
    }
    throw new NotRebuildable(prepared instanceof Prepared.Invalid invalid
        ? "Its options are no longer valid: " + String.join("; ", invalid.problems())
        : prepared instanceof Prepared.Denied denied ? denied.reason() : "It is no longer a trade.");
  }
}
