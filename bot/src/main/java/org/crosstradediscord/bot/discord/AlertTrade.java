package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertCommand;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.AlertCards;
import org.crosstradediscord.bot.store.AlertRow;
import org.crosstradediscord.bot.store.AlertState;
import org.crosstradediscord.bot.store.AlertStore;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.bot.preview.Reconcile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One approved (claimed) alert on its way through {@link TradeCalls}, like a confirmed trade: the send-time checks
 * (fresh halt read, paper mode; shutdown and lateness at the wire through {@link SendChecks}), the one call
 * ({@link AlertCalls}, never retried), then the stored end, the audit line and the card — each way it can end
 * reported once ({@link #ended}), also when the store cannot record it (the card and the audit line still say what
 * happened).
 */
final class AlertTrade implements TradeCalls.Trade {
  private static final Logger log = LoggerFactory.getLogger(AlertTrade.class);

  private final AlertRow row;
  private final Alert alert;
  private final Invoker approver;
  private final Map<String, String> args;
  private final InteractionHook hook;
  private final long clickedAt;
  private final Deps deps;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile CompletableFuture<?> lastEdit = CompletableFuture.completedFuture(null);
  private volatile AlertCards.Ending ending = AlertCards.Ending.UNKNOWN;

  /** What every alert trade uses. */
  record Deps(AlertStore store, CrossTradeClient client, HaltSwitch halt, TradeCalls calls, AuditLog audit,
      boolean paper, Clock clock, FollowUps followUps) {}

  AlertTrade(AlertRow row, Alert alert, Invoker approver, Map<String, String> args, InteractionHook hook,
      long clickedAt, Deps deps) {
    this.row = row;
    this.alert = alert;
    this.approver = approver;
    this.args = args;
    this.hook = hook;
    this.clickedAt = clickedAt;
    this.deps = deps;
  }

  @Override
  public void run() {
    String command = AlertTexts.haltCommand(alert);
    String halted = deps.halt().refusalFresh(command);
    if (halted != null) {
      end(AlertState.NOT_SENT, "Not sent — trading is halted", halted + " Nothing was sent.", 0);
      return;
    }
    if (deps.paper()) {
      end(AlertState.NOT_SENT, "PAPER — not sent", "Paper mode: approved by " + approver.userName()
          + "; nothing was sent to CrossTrade.", 0);
      return;
    }
    SendChecks checks = new SendChecks(command, clickedAt, deps.calls().maxQueueWait(), deps.halt(),
        deps.calls()::stopping);
    long start = System.nanoTime();
    String by = " — approved by " + approver.userName();
    try {
      checks.check(command);
      String answer = AlertCalls.send(deps.client().withSendGate(checks), row.alertId(), alert);
      end(AlertState.SENT, "Sent" + by, answer, ms(start));
    } catch (NotSentException e) {
      end(AlertState.NOT_SENT, "Not sent", checks.forMember(e), ms(start));
    } catch (OutcomeUnknownException e) {
      String outcome = "Outcome unknown: " + FailureWords.whatHappened(e, deps.client().requestTimeout())
          + ". It may have been executed: check NinjaTrader before doing anything else. It is never sent again.";
      if (end(AlertState.UNKNOWN, "OUTCOME UNKNOWN" + by, outcome, ms(start))) {
        followUp(found -> show("OUTCOME UNKNOWN" + by, outcome, found));
      }
    } catch (CrossTradeException e) {
      end(AlertState.NOT_SENT, "Refused by CrossTrade" + by, FailureWords.summary(e, deps.client().requestTimeout())
          + ". Nothing was executed.", ms(start));
    } catch (InvalidRequestException e) {
      end(AlertState.NOT_SENT, "Not sent", "The order broke a rule before it was sent: " + e.getMessage()
          + ". Nothing was sent.", ms(start));
    } catch (RuntimeException | Error e) { // may have been sent: never reported as "not sent"
      log.error("alert {} failed after it was approved", row.alertId(), e);
      String outcome = "The bot failed while sending it, so whether it was executed is unknown: check NinjaTrader."
          + " It is never sent again.";
      if (end(AlertState.UNKNOWN, "OUTCOME UNKNOWN" + by, outcome, ms(start))) {
        followUp(found -> show("OUTCOME UNKNOWN" + by, outcome, found));
      }
    } finally {
      checks.done();
    }
  }

  @Override
  public void notSent(String why) {
    end(AlertState.NOT_SENT, "Not sent", "Not sent: " + why + ".", 0);
  }

  @Override
  public void abandoned() {
    if (end(AlertState.UNKNOWN, "OUTCOME UNKNOWN — check NinjaTrader", "The bot stopped while the call was in"
        + " flight; whether it was executed is unknown. It is never sent again.", 0)) {
      deps.followUps().start(new FollowUps.Unknown(approver, "alert", args, "alert " + row.alertId() + ": "
          + AlertTexts.what(alert), "order"), null, found -> { }); // listed on the board; the bot is stopping
    }
  }

  @Override
  public void failed(Throwable error) {
    log.error("alert {} failed after it was approved", row.alertId(), error);
    String outcome = "The bot failed while sending it; whether it was executed is unknown. It is never sent again.";
    if (end(AlertState.UNKNOWN, "OUTCOME UNKNOWN — check NinjaTrader", outcome, 0)) {
      followUp(found -> show("OUTCOME UNKNOWN — check NinjaTrader", outcome, found));
    }
  }

  /**
   * Hands an unknown outcome to the follow-up: listed on the board; a PLACE (the one order with the bot's own id) is
   * looked up by that id — read, never sent again.
   */
  private void followUp(java.util.function.Consumer<String> show) {
    String ourId = AlertCalls.orderId(row.alertId());
    FollowUps.Probe probe = alert.command() != AlertCommand.PLACE ? null : () -> {
      try {
        return Reconcile.placed(deps.client().getOrder(alert.account(), ourId));
      } catch (RequestRejectedException e) { // not found (CrossTrade answers 404 for an id it does not know)
        return Reconcile.notPlaced();
      }
    };
    deps.followUps().start(new FollowUps.Unknown(approver, "alert", args, "alert " + row.alertId() + ": "
        + AlertTexts.what(alert), "order looked up by our id " + ourId), probe, show);
  }

  @Override
  public CompletableFuture<?> delivered() {
    return lastEdit;
  }

  /**
   * Ends the alert once: stored (best effort), audited, the card edited. Never throws.
   *
   * @return true when this call ended it
   */
  private boolean end(AlertState state, String title, String outcome, long ms) {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    try {
      if (!deps.store().end(row.alertId(), AlertState.APPROVING, state, null, outcome, deps.clock().instant())) {
        log.error("alert {}: its claim was taken for dead before its result ({}) was recorded", row.alertId(), state);
      }
    } catch (RuntimeException e) {
      log.error("alert {}: result {} not recorded ({}); the card and the audit line say what happened", row.alertId(),
          state, DiscordText.oneLine(e.toString()));
    }
    try {
      deps.audit().result(approver, "alert", args, state.name().toLowerCase(Locale.ROOT) + ": " + outcome, null,
          List.of(), ms);
    } catch (RuntimeException e) {
      log.error("alert {}: {} not audited", row.alertId(), state, e);
    }
    ending = state == AlertState.SENT ? AlertCards.Ending.SENT
        : state == AlertState.UNKNOWN ? AlertCards.Ending.UNKNOWN : AlertCards.Ending.NOT_SENT;
    show(title, outcome, null);
    return true;
  }

  /** Edits the card with how the alert ended and, later, what a follow-up found. Never throws. */
  private void show(String title, String outcome, @Nullable String followUp) {
    try {
      CompletableFuture<Void> edited = new CompletableFuture<>();
      lastEdit = edited;
      hook.editOriginalEmbeds(AlertTexts.ended(row, alert, title, outcome, ending, followUp))
          .setComponents().queue(ok -> edited.complete(null), err -> {
            edited.complete(null);
            log.warn("alert {}: card not edited: {}", row.alertId(), DiscordText.oneLine(err.toString()));
          });
    } catch (RuntimeException e) {
      log.error("alert {}: its end could not be shown", row.alertId(), e);
    }
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
