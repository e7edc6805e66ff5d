package org.crosstradediscord.bot.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One trading session: the interval between two consecutive session starts, each resolved to an instant in a region
 * zone. A start that falls in a daylight-saving gap (spring forward) is moved later by the gap's length; one that falls
 * in an overlap (fall back) takes the earlier offset ({@link ZonedDateTime#of}'s standard resolution), so every local
 * date has exactly one start and consecutive starts are strictly increasing instants.
 *
 * @param start the instant the session begins (inclusive)
 * @param end the instant the next one begins (exclusive)
 * @param day the session's trading day: the local date of its end (a session starting at 17:00 New York on Monday is
 *     Tuesday's, as the CME counts it); unique per session, also across both daylight-saving changes
 */
public record TradingSession(Instant start, Instant end, LocalDate day) {
  /**
   * @param at an instant
   * @param sessionStart when a session begins, local time in {@code zone}
   * @param zone a region zone (e.g. America/New_York)
   * @return the session {@code at} falls in: {@code start <= at < end}
   */
  public static TradingSession containing(Instant at, LocalTime sessionStart, ZoneId zone) {
    LocalDate d = at.atZone(zone).toLocalDate(); // the session starting on d, or the one before it (or, rarely, after)
    while (startOn(d, sessionStart, zone).isAfter(at)) {
      d = d.minusDays(1);
    }
    while (!startOn(d.plusDays(1), sessionStart, zone).isAfter(at)) {
      d = d.plusDays(1);
    }
    LocalDate next = d.plusDays(1);
    return new TradingSession(startOn(d, sessionStart, zone), startOn(next, sessionStart, zone), next);
  }

  /** @return the instant the session of local date {@code d} starts (gap: later; overlap: earlier offset) */
  private static Instant startOn(LocalDate d, LocalTime sessionStart, ZoneId zone) {
    return ZonedDateTime.of(d, sessionStart, zone).toInstant();
  }
}
