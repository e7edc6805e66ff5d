package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertRefused;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.rendering.AlertCards;
import org.crosstradediscord.bot.store.AlertRow;
import org.crosstradediscord.bot.store.AlertState;
import org.crosstradediscord.bot.store.AlertStore;
import org.crosstradediscord.bot.text.DiscordText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends what nobody will end any more, every {@value #EVERY_S} s and once at start: an open alert past its
 * {@code ttl_seconds} becomes EXPIRED ("Expired — not sent"), and a claim past its lease (the process died while
 * sending) becomes UNKNOWN ("check NinjaTrader"); each once across replicas (a compare-and-set), and the replica that
 * ended it edits the card (also for cards posted before a restart: the channel and message are stored). Ended alerts
 * older than {@link #KEEP} are deleted.
 */
final class AlertExpiry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertExpiry.class);
  static final int EVERY_S = 2;
  /** Ended alerts are kept this long (their audit lines stay in the audit trail). */
  static final java.time.Duration KEEP = java.time.Duration.ofDays(30);

  private final AlertStore store;
  private final AuditLog audit;
  private final JDA jda;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "alert-expiry");
    t.setDaemon(true);
    return t;
  });

  AlertExpiry(AlertStore store, AuditLog audit, JDA jda, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.jda = jda;
    this.clock = clock;
  }

  /** Starts the sweeps (the first at once). */
  void start() {
    timer.scheduleWithFixedDelay(this::sweep, 0, EVERY_S, TimeUnit.SECONDS);
  }

  private int sweeps;

  /** One sweep; never throws (a failed sweep is logged and the next one tries again). Prunes once an hour. */
  void sweep() {
    try {
      Instant now = clock.instant();
      if (sweeps++ % (3600 / EVERY_S) == 0) {
        store.prune(now.minus(KEEP));
      }
      for (AlertRow row : store.due(now)) {
        boolean expired = row.state() == AlertState.OPEN;
        String title = expired ? "Expired — not sent" : "OUTCOME UNKNOWN — check NinjaTrader";
        String outcome = expired ? "Nobody approved it within its time. Nothing was sent."
            : "The bot stopped while sending it, so whether it was executed is unknown. It is never sent again.";
        if (store.end(row.alertId(), row.state(), expired ? AlertState.EXPIRED : AlertState.UNKNOWN, null, outcome,
            now)) {
          audit.step(expired ? "expired" : "result", AlertDesk.sender(row.source()), "alert",
              java.util.Map.of("alert", row.alertId(), "source", row.source()), expired ? "expired; nothing sent"
                  : "outcome unknown: the bot stopped while sending");
          edit(row, title, outcome, expired ? AlertCards.Ending.NOT_SENT : AlertCards.Ending.UNKNOWN);
        }
      }
    } catch (RuntimeException e) {
      log.warn("alert sweep failed: {}", DiscordText.oneLine(e.toString()));
    }
  }

  private void edit(AlertRow row, String title, String outcome, AlertCards.Ending kind) {
    if (row.channelId() == null || row.messageId() == null) {
      return; // its card was never recorded as posted
    }
    TextChannel channel = jda.getTextChannelById(row.channelId());
    if (channel == null) {
      return;
    }
    Alert alert;
    try {
      alert = AlertDesk.alert(row);
    } catch (AlertRefused e) {
      return;
    }
    channel.editMessageEmbedsById(row.messageId(), AlertTexts.ended(row, alert, title,
        outcome, kind, null)).setComponents()
        .queue(ok -> { }, err -> log.warn("alert {}: card not edited: {}", row.alertId(),
            DiscordText.oneLine(err.toString())));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
