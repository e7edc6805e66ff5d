package org.crosstradediscord.bot.risk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trailing-drawdown limits ({@code limits.trailing_drawdown}, {@code limits.flatten_on_trailing_drawdown};
 * docs/desk-controls.md, "Trailing drawdown"): when an account's net liquidation falls below the session's high-water
 * mark of its net liquidation (CrossTrade's Account Manager watermarks) minus the limit, new risk is halted (and the
 * account flattened when {@code flattenOnBreach}). The session is the daily loss limits' ({@link DailyLoss#session}).
 *
 * @param byAccount account name to its limit, in the account's currency units (positive)
 * @param flattenOnBreach also flatten the account when its limit is crossed
 */
public record TrailingDrawdown(Map<String, Double> byAccount, boolean flattenOnBreach) {
  /** No limits. */
  public static final TrailingDrawdown NONE = new TrailingDrawdown(Map.of(), false);

  /** Copies the map, keeping its order. */
  public TrailingDrawdown {
    byAccount = Collections.unmodifiableMap(new LinkedHashMap<>(byAccount));
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

  /** @return one line for the start-up summary */
  public String summary() {
    return byAccount.isEmpty() ? "none" : byAccount + (flattenOnBreach ? " flatten_on_trailing_drawdown" : "");
  }
}
