package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertRefused;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.AlertsConfig;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.AlertCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.bot.store.AlertRow;
import org.crosstradediscord.bot.store.AlertState;
import org.crosstradediscord.bot.store.AlertStore;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approve and Reject on an alert card. JDA's thread only acknowledges the click (a deferred update); the rest runs on
 * the interaction steps pool: the clicker must hold one of the source's approver roles (deny by default); Reject ends
 * the alert once; Approve also needs the approver's own account access and limits, then claims the alert once across
 * replicas ({@link AlertStore#claim}, refused once it expired), runs the send-time checks (halt read fresh, paper
 * mode, shutdown, lateness at the wire through {@link SendChecks}) and makes the one call ({@link AlertCalls}),
 * never retried. The card is edited with the result and who decided; answers that are not the card's new state are
 * ephemeral follow-ups.
 */
final class AlertApprovals {
  private static final Logger log = LoggerFactory.getLogger(AlertApprovals.class);

  private final AlertDesk desk;
  private final AlertStore store;
  private final RolePolicy policy;
  private final LimitGuard limits;
  private final HaltSwitch halt;
  private final CrossTradeClient client;
  private final TradingMode mode;
  private final AuditLog audit;
  private final Workers steps;
  private final TradeCalls calls;
  private final Clock clock;
  private final Duration lease;

  AlertApprovals(AlertDesk desk, AlertStore store, RolePolicy policy, LimitGuard limits, HaltSwitch halt,
      CrossTradeClient client, TradingMode mode, AuditLog audit, Workers steps, TradeCalls calls, Clock clock,
      Duration lease) {
    this.desk = desk;
    this.store = store;
    this.policy = policy;
    this.limits = limits;
    this.halt = halt;
    this.client = client;
    this.mode = mode;
    this.audit = audit;
    this.steps = steps;
    this.calls = calls;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * @param event the click
   * @param clicker who clicked, with their roles now
   * @param approve true for Approve, false for Reject
   * @param alertId the alert in the button's {@code custom_id}
   * @param clickedAt {@link System#nanoTime()} of the click (its age counts against the request timeout)
   */
  void onClick(ButtonInteractionEvent event, Invoker clicker, boolean approve, String alertId, long clickedAt) {
    event.deferEdit().queue(hook -> {
      if (!steps.submit(() -> decide(hook, clicker, approve, alertId, clickedAt))) {
        followUp(hook, "Busy", "The bot is busy or shutting down. Nothing was sent; try again shortly.");
      }
    }, err -> log.warn("could not acknowledge a click on alert {}: {}", alertId, DiscordText.oneLine(err.toString())));
  }

  private void decide(InteractionHook hook, Invoker clicker, boolean approve, String alertId, long clickedAt) {
    try {
      AlertRow row = store.get(alertId);
      AlertsConfig.@Nullable Source source = row == null ? null : desk.source(row.source());
      if (row == null || source == null) {
        followUp(hook, "Unknown alert", "This alert is not known to the bot (or its source is no longer configured)."
            + " Nothing was sent.");
        return;
      }
      Alert alert = AlertDesk.alert(row);
      Map<String, String> args = AlertTexts.auditArgs(alertId, row.source(), alert);
      if (source.approvers().stream().noneMatch(clicker.roleIds()::contains)) {
        audit.denied(clicker, "alert", args, "no approver role of source " + row.source());
        followUp(hook, "Not allowed", "Only members with an approver role of source `" + row.source() + "` may"
            + " approve or reject its alerts. Nothing was sent.");
        return;
      }
      if (row.state() != AlertState.OPEN) {
        followUp(hook, "Already handled", "This alert is " + row.state().name().toLowerCase(Locale.ROOT)
            .replace('_', ' ') + ". Nothing was sent.");
        return;
      }
      if (!approve) {
        reject(hook, clicker, row, alert, args);
        return;
      }
      String refusal = approverRefusal(clicker, alert);
      if (refusal != null) {
        audit.denied(clicker, "alert", args, refusal);
        followUp(hook, "Not allowed", refusal + "\nNothing was sent; another approver may still approve it.");
        return;
      }
      Instant now = clock.instant();
      if (!store.claim(alertId, clicker.userId(), now, now.plus(lease))) {
        followUp(hook, "Already handled", "This alert was approved or rejected by someone else, or it expired."
            + " Nothing was sent by this click.");
        return;
      }
      audit.step("approved", clicker, "alert", args, "approved");
      send(hook, clicker, row, alert, args, clickedAt);
    } catch (StoreException e) {
      log.warn("alert {}: storage unavailable: {}", alertId, DiscordText.oneLine(e.getMessage()));
      followUp(hook, "Storage unavailable", "The bot could not reach its storage, so nothing was sent. Try again.");
    } catch (AlertRefused e) {
      followUp(hook, "Cannot be approved", "The stored alert no longer reads (" + e.problem().line() + "). Nothing"
          + " was sent.");
    }
  }

  private void reject(InteractionHook hook, Invoker clicker, AlertRow row, Alert alert, Map<String, String> args) {
    String by = "Rejected by " + clicker.userName();
    if (store.end(row.alertId(), AlertState.OPEN, AlertState.REJECTED, clicker.userId(), by, clock.instant())) {
      audit.step("rejected", clicker, "alert", args, "rejected; nothing sent");
      edit(hook, row, alert, by, "Nothing was sent.", AlertCards.Ending.NOT_SENT);
    } else {
      followUp(hook, "Already handled", "This alert was approved, rejected or expired meanwhile.");
    }
  }

  /** @return why this approver may not send the alert (account access, limits), or null */
  private @Nullable String approverRefusal(Invoker clicker, Alert alert) {
    if (policy.resolveAccount(alert.account(), clicker.roleIds()).isEmpty()) {
      return "None of your roles may trade account " + alert.account() + ".";
    }
    OrderIntent intent = AlertTexts.intent(alert);
    if (intent == null) {
      return null;
    }
    String broken = limits.check(clicker.roleIds(), intent).orElse(null);
    return broken != null ? broken : limits.checkPosition(clicker.roleIds(), intent,
        (account, instrument) -> TradeExecution.signedPosition(client, account, instrument)).orElse(null);
  }

  /** After the claim: the send-time checks and the one call; the alert always ends in a final state. */
  private void send(InteractionHook hook, Invoker clicker, AlertRow row, Alert alert, Map<String, String> args,
      long clickedAt) {
    String command = AlertTexts.haltCommand(alert);
    AlertState end;
    String outcome;
    String title;
    long ms = 0;
    String halted = halt.refusalFresh(command);
    if (halted != null) {
      end = AlertState.NOT_SENT;
      outcome = halted + " Nothing was sent.";
      title = "Not sent — trading is halted";
    } else if (mode == TradingMode.PAPER) {
      end = AlertState.NOT_SENT;
      outcome = "Paper mode: approved by " + clicker.userName() + "; nothing was sent to CrossTrade.";
      title = "PAPER — not sent";
    } else {
      SendChecks checks = new SendChecks(command, clickedAt, calls.maxQueueWait(), halt, calls::stopping);
      long start = System.nanoTime();
      try {
        checks.check(command);
        outcome = AlertCalls.send(client.withSendGate(checks), row.alertId(), alert);
        end = AlertState.SENT;
        title = "Sent — approved by " + clicker.userName();
      } catch (NotSentException e) {
        end = AlertState.NOT_SENT;
        outcome = checks.forMember(e);
        title = "Not sent";
      } catch (OutcomeUnknownException e) {
        end = AlertState.UNKNOWN;
        outcome = "Outcome unknown: " + FailureWords.whatHappened(e, client.requestTimeout()) + ". It may have been"
            + " executed: check NinjaTrader before doing anything else. It is never sent again.";
        title = "OUTCOME UNKNOWN — approved by " + clicker.userName();
      } catch (CrossTradeException e) {
        end = AlertState.NOT_SENT;
        outcome = FailureWords.summary(e, client.requestTimeout()) + ". Nothing was executed.";
        title = "Refused by CrossTrade — approved by " + clicker.userName();
      } catch (InvalidRequestException e) {
        end = AlertState.NOT_SENT;
        outcome = "The order broke a rule before it was sent: " + e.getMessage() + ". Nothing was sent.";
        title = "Not sent";
      } finally {
        checks.done();
      }
      ms = (System.nanoTime() - start) / 1_000_000;
      log.info("alert {} approved by {}: {} in {} ms", row.alertId(), clicker.userId(), end, ms);
    }
    boolean ended = store.end(row.alertId(), AlertState.APPROVING, end, null, outcome, clock.instant());
    if (!ended) {
      log.error("alert {}: its claim was taken for dead before the result was recorded; the card shows the result",
          row.alertId());
    }
    audit.result(clicker, "alert", args, end.name().toLowerCase(Locale.ROOT) + ": " + outcome, null, List.of(), ms);
    edit(hook, row, alert, title, outcome, end == AlertState.SENT ? AlertCards.Ending.SENT
        : end == AlertState.UNKNOWN ? AlertCards.Ending.UNKNOWN : AlertCards.Ending.NOT_SENT);
  }

  private static void edit(InteractionHook hook, AlertRow row, Alert alert, String title, String outcome,
      AlertCards.Ending kind) {
    MessageEmbed card = AlertCards.ended(row.alertId(), row.source(), AlertTexts.what(alert), alert.fields(),
        row.receivedAt(), title, outcome, kind);
    hook.editOriginalEmbeds(card).setComponents().queue(ok -> { },
        err -> log.warn("alert {}: card not edited: {}", row.alertId(), DiscordText.oneLine(err.toString())));
  }

  private static void followUp(InteractionHook hook, String title, String text) {
    hook.sendMessageEmbeds(Cards.notice(title, text)).setEphemeral(true).queue(ok -> { },
        err -> log.warn("could not answer a click on an alert: {}", DiscordText.oneLine(err.toString())));
  }
}
