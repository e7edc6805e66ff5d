package org.crosstradediscord.bot.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.crosstradediscord.bot.risk.TradingSession;
import org.jspecify.annotations.Nullable;

/**
 * When session reports are due and what they cover, on the daily loss limits' session ({@code limits.session_start},
 * {@code limits.session_zone}).
 *
 * <ul>
 *   <li>Without {@code board.report_at}: at each session end, covering the session that ends there.
 *   <li>With it: at that local time every day, covering the session in progress from its start up to then (e.g.
 *       {@code "16:15"} for a report after the regular close, before the session ends at 17:00). A time in a
 *       daylight-saving gap moves later, one in an overlap takes the earlier offset.
 * </ul>
 */
public final class ReportSchedule {
  private final LocalTime sessionStart;
  private final ZoneId zone;
  private final @Nullable LocalTime reportAt;

  /**
   * One report.
   *
   * @param at when it is due
   * @param session the session it covers
   * @param until the end of what it covers ({@code at}, at most the session's end)
   */
  public record Due(Instant at, TradingSession session, Instant until) {}

  /**
   * @param sessionStart when a session begins, local time in {@code zone}
   * @param zone the session's region zone
   * @param reportAt when the report is posted, local time in {@code zone}, or null for each session's end (the same
   *     as {@code sessionStart})
   */
  public ReportSchedule(LocalTime sessionStart, ZoneId zone, @Nullable LocalTime reportAt) {
    this.sessionStart = sessionStart;
    this.zone = zone;
    this.reportAt = reportAt == null || reportAt.equals(sessionStart) ? null : reportAt;
  }

  /** @return the sessions' zone */
  public ZoneId zone() {
    return zone;
  }

  /**
   * @param after an instant
   * @return the first report due strictly after it
   */
  public Due next(Instant after) {
    if (reportAt == null) {
      TradingSession s = current(after);
      return new Due(s.end(), s, s.end());
    }
    LocalDate d = after.atZone(zone).toLocalDate().minusDays(1);
    while (true) {
      Instant t = ZonedDateTime.of(d, reportAt, zone).toInstant();
      if (t.isAfter(after)) {
        return new Due(t, current(t), t);
      }
      d = d.plusDays(1);
    }
  }

  /**
   * @param at an instant
   * @return the session it falls in
   */
  public TradingSession current(Instant at) {
    return TradingSession.containing(at, sessionStart, zone);
  }

  /**
   * @param day a trading day (the local date a session ends on)
   * @return that day's session
   */
  public TradingSession ofDay(LocalDate day) {
    return current(ZonedDateTime.of(day, sessionStart, zone).toInstant().minusNanos(1));
  }
}
