package org.crosstradediscord.bot.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One P&amp;L sample of one account, as the P&amp;L stream gave it (Flyway V9, {@code pnl_sample}).
 *
 * @param account the account, as configured in {@code board.accounts}
 * @param at when it was taken (the store keeps microseconds)
 * @param realized the session's realized P&amp;L in the account's currency, or null when the stream did not say
 * @param unrealized the open positions' unrealized P&amp;L in the account's currency, or null when the stream did not
 *     say
 */
public record PnlSample(String account, Instant at, @Nullable Double realized, @Nullable Double unrealized) {
  /** @return realized + unrealized, or null when either is unknown */
  public @Nullable Double total() {
    return realized == null || unrealized == null ? null : realized + unrealized;
  }
}
