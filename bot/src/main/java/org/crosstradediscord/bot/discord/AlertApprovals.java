package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.config.ApprovalsConfig;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
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
import org.crosstradediscord.client.CrossTradeClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approve and Reject on an alert card. JDA's thread only acknowledges the click (a deferred update); the rest runs on
 * the interaction steps pool: the clicker must hold one of the source's approver roles (deny by default); Reject ends
 * the alert once; Approve also needs the grant of the command the alert amounts to ({@link #permission}), the
 * approver's own account access and limits, then claims the alert once across
 * replicas ({@link AlertStore#claim}, refused once it expired) and hands it to {@link TradeCalls} as an
 * {@link AlertTrade} (the send-time checks and the one call, never retried; waited for at shutdown like a trade).
 * The card is edited with the result and who decided; answers that are not the card's new state are ephemeral
 * follow-ups.
 */
final class AlertApprovals {
  private static final Logger log = LoggerFactory.getLogger(AlertApprovals.class);

  private final AlertDesk desk;
  private final AlertStore store;
  private final RolePolicy policy;
  private final LimitGuard limits;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final Workers steps;
  private final TradeCalls calls;
  private final Clock clock;
  private final Duration lease;
  private final AlertTrade.Deps trades;
  private final @Nullable ApprovalsConfig twoPerson;

  AlertApprovals(AlertDesk desk, AlertStore store, RolePolicy policy, LimitGuard limits, HaltSwitch halt,
      CrossTradeClient client, TradingMode mode, AuditLog audit, Workers steps, TradeCalls calls, Clock clock,
      Duration lease, @Nullable ApprovalsConfig twoPerson, FollowUps followUps) {
    this.twoPerson = twoPerson;
    this.desk = desk;
    this.store = store;
    this.policy = policy;
    this.limits = limits;
    this.client = client;
    this.audit = audit;
    this.steps = steps;
    this.calls = calls;
    this.clock = clock;
    this.lease = lease;
    this.trades = new AlertTrade.Deps(store, client, halt, calls, audit, mode == TradingMode.PAPER, clock, followUps);
  }

  /**
   * @param event the click
   * @param clicker who clicked, with their roles now
   * @param approve true for Approve, false for Reject
   * @param alertId the alert in the button's {@code custom_id}
   * @param clickedAt {@link System#nanoTime()} of the click (its age counts against the request timeout)
   */
  void onClick(ButtonInteractionEvent event, Invoker clicker, boolean approve, String alertId, long clickedAt) {
    List<MessageEmbed> shown = event.getMessage().getEmbeds();
    MessageEmbed card = shown.isEmpty() ? null : shown.get(0);
    event.deferEdit().queue(hook -> {
      if (!steps.submit(() -> decide(hook, clicker, approve, alertId, clickedAt, card))) {
        followUp(hook, "Busy", "The bot is busy or shutting down. Nothing was sent; try again shortly.");
      }
    }, err -> log.info("a click on alert {} was not acknowledged here ({}); not handling it (another replica does)",
        alertId, DiscordText.oneLine(err.toString())));
  }

  private void decide(InteractionHook hook, Invoker clicker, boolean approve, String alertId, long clickedAt,
      @Nullable MessageEmbed card) {
    boolean claimed = false;
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
      if (calls.stopping()) {
        followUp(hook, "Shutting down", "The bot is shutting down, so nothing was sent; the alert stays open for"
            + " another replica or after the restart.");
        return;
      }
      Instant now = clock.instant();
      OrderIntent intent = AlertTexts.intent(alert);
      boolean needsTwo = twoPerson != null && intent != null && twoPerson.needsSecond(intent.quantity());
      if (needsTwo && !secondApproval(hook, clicker, row, args, card, now)) {
        return; // the first approval was recorded (or refused): nothing is sent on this click
      }
      if (needsTwo ? !store.claimSecond(alertId, clicker.userId(), now, now.plus(lease))
          : !store.claim(alertId, clicker.userId(), now, now.plus(lease))) {
        followUp(hook, "Already handled", "This alert was approved or rejected by someone else, or it expired."
            + " Nothing was sent by this click.");
        return;
      }
      claimed = true;
      audit.step("approved", clicker, "alert", args, "approved");
      AlertTrade trade = new AlertTrade(row, alert, clicker, args, hook, clickedAt, trades);
      TradeCalls.Ticket ticket = calls.reserve(trade, clickedAt);
      if (ticket == null) {
        trade.notSent("the bot was shutting down");
      } else {
        calls.submit(ticket); // busy, late or shutting down: reported by the ticket, once
      }
    } catch (StoreException e) {
      log.warn("alert {}: storage unavailable: {}", alertId, DiscordText.oneLine(e.getMessage()));
      followUp(hook, "Storage unavailable", claimed ? "The bot could not reach its storage after the approval was"
          + " taken; check the card and the audit channel for what happened." : "The bot could not reach its"
          + " storage, so nothing was sent. Try again.");
    } catch (AlertRefused e) {
      followUp(hook, "Cannot be approved", "The stored alert no longer reads (" + e.problem().line() + "). Nothing"
          + " was sent.");
    }
  }

  /**
   * An alert whose order needs two approvers ({@code approvals.above_quantity}): records the first approval, or
   * refuses the same member's second one.
   *
   * @return true when this click is the second approval by a different member (claim it), false when it was answered
   */
  private boolean secondApproval(InteractionHook hook, Invoker clicker, AlertRow row, Map<String, String> args,
      @Nullable MessageEmbed card, Instant now) {
    Long first = row.firstApprover();
    if (first != null && first == clicker.userId()) {
      audit.refused(clicker, "alert", args, "second approval by the first approver");
      followUp(hook, "A different approver is needed", "You gave the first approval; this alert needs a second one"
          + " from a different approver. Nothing was sent.");
      return false;
    }
    if (first != null) {
      return true;
    }
    if (!store.firstApproval(row.alertId(), clicker.userId(), now)) {
      followUp(hook, "Try again", "Another approver approved it at the same moment, or it ended. Nothing was sent;"
          + " click Approve again to give the second approval.");
      return false;
    }
    audit.step("approved", clicker, "alert", args, "first of two approvals");
    if (card != null) {
      hook.editOriginalEmbeds(new EmbedBuilder(card).addField("First approval", "<@" + clicker.userId() + "> — a"
          + " second, different approver must approve it before anything is sent", false).build()).queue(ok -> { },
          err -> log.warn("alert {}: card not edited: {}", row.alertId(), DiscordText.oneLine(err.toString())));
    }
    followUp(hook, "First approval recorded", "This alert's order needs two approvers: a different approver must"
        + " approve it too. Nothing was sent yet.");
    return false;
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
    Permission needed = permission(alert);
    if (!policy.allows(needed, clicker.roleIds())) {
      return "None of your roles may run /" + needed.key() + ", which this alert amounts to.";
    }
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

  /** @return the grant a member needs to send the alert: the slash command it amounts to */
  static Permission permission(Alert alert) {
    return switch (alert.command()) {
      case PLACE, FLATPLACE -> Permission.FLATPLACE;
      case REVERSEPOSITION -> Permission.REVERSE;
      case CLOSEPOSITION -> Permission.CLOSE;
      case FLATTEN -> Permission.FLATTEN;
      case CANCEL -> Permission.CANCEL;
    };
  }

  private static void edit(InteractionHook hook, AlertRow row, Alert alert, String title, String outcome,
      AlertCards.Ending kind) {
    MessageEmbed card = AlertTexts.ended(row, alert, title, outcome, kind, null);
    hook.editOriginalEmbeds(card).setComponents().queue(ok -> { },
        err -> log.warn("alert {}: card not edited: {}", row.alertId(), DiscordText.oneLine(err.toString())));
  }

  private static void followUp(InteractionHook hook, String title, String text) {
    hook.sendMessageEmbeds(Cards.notice(title, text)).setEphemeral(true).queue(ok -> { },
        err -> log.warn("could not answer a click on an alert: {}", DiscordText.oneLine(err.toString())));
  }
}
