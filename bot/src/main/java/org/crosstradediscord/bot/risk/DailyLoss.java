package org.crosstradediscord.bot.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
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
 * @param zone the session's region zone (default America/New_York; a fixed offset is refused, see {@link SessionZone})
 */
public record DailyLoss(Map<String, Double> byAccount, boolean flattenOnBreach, LocalTime sessionStart, ZoneId zone) {
  /** No limits. */
  public static final DailyLoss NONE = new DailyLoss(Map.of(), false, LocalTime.of(17, 0), ZoneId.of("America/New_York"));

  /**
   * Copies the map, keeping its order.
   *
   * @throws IllegalArgumentException {@code zone} is a fixed offset
   */
  public DailyLoss {
    byAccount = Collections.unmodifiableMap(new LinkedHashMap<>(byAccount));
    if (!SessionZone.accepted(zone)) {
      throw new IllegalArgumentException("session zone " + zone.getId() + " " + SessionZone.NOT_A_REGION);
    }
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
   * @param at an instant
   * @return the session {@code at} falls in (between two consecutive session starts, as instants)
   */
  public TradingSession session(Instant at) {
    return TradingSession.containing(at, sessionStart, zone);
  }

  /**
   * @param at an instant
   * @return the trading day of the session {@code at} falls in (the local date of its end): a session starting at
   *     17:00 New York on Monday is Tuesday's (as the CME counts it)
   */
  public LocalDate sessionDay(Instant at) {
    return session(at).day();
  }

  /** @return one line for the start-up summary */
  public String summary() {
    return byAccount.isEmpty() ? "none" : byAccount + (flattenOnBreach ? " flatten_on_daily_loss" : "") + " session="
        + sessionStart + " " + zone;
  }
}
