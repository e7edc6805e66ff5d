package org.crosstradediscord.bot.discord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.confirmation.Rebuilder;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.store.ApprovalRow;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.text.DiscordText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends requests for a second approval that nobody approved in time, every {@value #EVERY_S} s and once at start:
 * {@code AWAITING} past its expiry becomes {@code EXPIRED} once across replicas (a compare-and-set), and the replica that
 * ended it edits the request card ("Expired — not sent"; its place is stored, so also after a restart) and the
 * invoker's card when it holds it. Nothing is ever sent by an expiry.
 */
final class ApprovalExpiry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApprovalExpiry.class);
  static final int EVERY_S = 2;

  private final ApprovalDesk desk;
  private final AuditLog audit;
  private final Rebuilder rebuilder;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "approval-expiry");
    t.setDaemon(true);
    return t;
  });

  ApprovalExpiry(ApprovalDesk desk, AuditLog audit, Rebuilder rebuilder) {
    this.desk = desk;
    this.audit = audit;
    this.rebuilder = rebuilder;
  }

  /** Starts the sweeps (the first at once). */
  void start() {
    timer.scheduleWithFixedDelay(this::sweep, 0, EVERY_S, TimeUnit.SECONDS);
  }

  /** One sweep; never throws (a failed sweep is logged and the next one tries again). */
  void sweep() {
    try {
      List<ApprovalRow> due = desk.store().expired(desk.clock().instant());
      for (ApprovalRow row : due) {
        PendingRow p = row.pending();
        if (!desk.store().end(p.id(), PendingState.EXPIRED, desk.clock().instant())) {
          continue; // approved, rejected or expired elsewhere meanwhile
        }
        audit.step("expired", new Invoker(p.userId(), p.userName(), p.roleIds()), p.command(),
            Map.of("request", p.id()), "no second approval in time: not sent");
        MessageEmbed card = ApprovalCards.ended("Expired — not sent", ApprovalTexts.describe(p, rebuilder),
            p.userId());
        desk.showRequest(row.channelId(), row.messageId(), card);
        desk.showInvoker(p.id(), card);
      }
    } catch (RuntimeException e) {
      log.warn("the expiry sweep of requests for a second approval failed: {}", DiscordText.oneLine(e.toString(), 300));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
