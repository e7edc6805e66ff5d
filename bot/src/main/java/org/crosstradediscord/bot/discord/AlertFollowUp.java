package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.model.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an alert's PLACE ended "outcome unknown", looks for the order by the id the bot gave it ({@code GET
 * …/orders/{orderId}}, reads only; nothing is ever sent again): {@value #FIRST_S} s later, and once more after the
 * request timeout when the first read did not find it. Found → "It was placed: order … is Filled"; not found twice →
 * "It was not placed (no order with our id …)"; a read that fails → the card keeps "check NinjaTrader" and says why.
 * Each conclusion is one {@code reconciled} audit line and one card edit.
 */
final class AlertFollowUp {
  private static final Logger log = LoggerFactory.getLogger(AlertFollowUp.class);
  /** Seconds after the unknown outcome of the first read. */
  static final long FIRST_S = 3;
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "alert-follow-up");
    t.setDaemon(true);
    return t;
  });

  private final CrossTradeClient client;
  private final String account;
  private final String orderId;
  private final AuditLog audit;
  private final Invoker approver;
  private final Map<String, String> args;
  private final Consumer<String> show;

  /**
   * @param client the SDK (reads only here)
   * @param account the alert's account
   * @param orderId the id the bot gave the order
   * @param audit the audit log
   * @param approver who approved it
   * @param args the alert's audit arguments
   * @param show edits the card with what was found (one line, unescaped)
   */
  AlertFollowUp(CrossTradeClient client, String account, String orderId, AuditLog audit, Invoker approver,
      Map<String, String> args, Consumer<String> show) {
    this.client = client;
    this.account = account;
    this.orderId = orderId;
    this.audit = audit;
    this.approver = approver;
    this.args = args;
    this.show = show;
  }

  /** Schedules the first read. */
  void start() {
    TIMER.schedule(() -> read(true), FIRST_S, TimeUnit.SECONDS);
  }

  private void read(boolean first) {
    String found;
    try {
      Order o = client.getOrder(account, orderId);
      found = "It was placed: order " + o.getOrderId() + " is " + (o.getOrderState() == null ? "in an unknown state"
          : o.getOrderState()) + " (read by our id " + orderId + ").";
    } catch (RequestRejectedException e) {
      if (first) {
        Duration wait = client.requestTimeout().plusSeconds(1);
        TIMER.schedule(() -> read(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      found = "It was not placed: CrossTrade has no order with our id " + orderId + " (read twice, the second time "
          + "after the request timeout).";
    } catch (RuntimeException e) { // CrossTradeException included: its words say what happened
      found = "Could not check (" + (e instanceof CrossTradeException c ? FailureWords.whatHappened(c,
          client.requestTimeout()) : "the bot failed while reading") + "): check NinjaTrader.";
      log.warn("follow-up of order {} failed: {}", orderId, DiscordText.oneLine(e.toString()));
    }
    audit.result(approver, "alert", args, "reconciled: " + found, null, List.of(), 0);
    show.accept(found);
  }
}
