package org.crosstradediscord.bot.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.crosstradediscord.bot.risk.TradingSession;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.store.PnlSample;

/**
 * Reads one account's session from the store: its P&amp;L samples and, from the audit trail, the bot's trades and the
 * halts. Waits at most 2 s for the audit trail's writer first, so the last trades of the session are in the store.
 */
public final class SessionReader {
  private final AuditTrail trail;
  private final ReportSchedule schedule;

  /**
   * @param trail the audit trail and its store
   * @param schedule the sessions
   */
  public SessionReader(AuditTrail trail, ReportSchedule schedule) {
    this.trail = trail;
    this.schedule = schedule;
  }

  /** @return the sessions */
  public ReportSchedule schedule() {
    return schedule;
  }

  /**
   * @param accounts the accounts (as configured)
   * @param session the session
   * @param until the end of what is covered (at most the session's end)
   * @return one report per account, in order
   * @throws org.crosstradediscord.bot.store.StoreException the store cannot be read
   */
  public List<SessionReport> read(List<String> accounts, TradingSession session, Instant until) {
    Instant to = until.isAfter(session.end()) ? session.end() : until;
    trail.flush(Duration.ofSeconds(2));
    List<StoredEvent> events = new ArrayList<>();
    trail.store().export(session.start(), to, e -> {
      String kind = e.event().kind();
      if ("halt".equals(kind) || "result".equals(kind)) {
        events.add(e);
      }
    });
    List<SessionReport> out = new ArrayList<>();
    for (String account : accounts) {
      List<PnlSample> samples = trail.store().reports().samples(account, session.start(), to);
      out.add(new SessionReport(account, session, to, schedule.zone(), samples, SessionStats.of(samples),
          SessionActivity.of(events, account)));
    }
    return out;
  }
}
