package org.crosstradediscord.bot.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daily loss limits ({@code limits.daily_loss}, {@code limits.flatten_on_daily_loss}, {@code limits.session_start},
 * {@code limits.session_zone}): when an account's realized + unrealized P&amp;L for the session falls below −limit, new
 * risk is halted (and the account flattened when {@code flattenOnBreach}).
 *
 * @param byAccount account name to its limit, in the account's currency units (positive)
 * @param flattenOnBreach also flatten the account when its limit is crossed
 * @param sessionStart when a trading session begins, local time in {@code zone} (default 17:00, the CME day)
 * @param zone the session's time zone (default America/New_York)
 */
public record DailyLoss(Map<String, Double> byAccount, boolean flattenOnBreach, LocalTime sessionStart, ZoneId zone) {
  /** No limits. */
  public static final DailyLoss NONE = new DailyLoss(Map.of(), false, LocalTime.of(17, 0), ZoneId.of("America/New_York"));

  /** Copies the map, keeping its order. */
  public DailyLoss {
    byAccount = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAccount));
  }

  /**
   * @param account an account name (case-insensitive)
   * @return its limit, or null when it has none
   */
  public Double limitFor(String account) {
    for (Map.Entry<String, Double> e : byAccount.entrySet()) {
      if (e.getKey().equalsIgnoreCase(account)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * @param at a time
   * @return the trading day of the session {@code at} falls in: a session starting at 17:00 New York on Monday is
   *     Tuesday's (as the CME counts it)
   */
  public LocalDate sessionDay(Instant at) {
    ZonedDateTime z = at.atZone(zone);
    return z.toLocalTime().isBefore(sessionStart) ? z.toLocalDate() : z.toLocalDate().plusDays(1);
  }

  /** @return one line for the start-up summary */
  public String summary() {
    return byAccount.isEmpty() ? "none" : byAccount + (flattenOnBreach ? " flatten_on_daily_loss" : "") + " session="
        + sessionStart + " " + zone;
  }
}
