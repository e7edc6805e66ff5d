package org.crosstradediscord.bot.config;

/** {@code mode}: whether a confirmed trade is sent to CrossTrade ({@link #LIVE}) or only shown ({@link #PAPER}). */
public enum TradingMode {
  /**
   * Every command runs its checks, shows its review card (marked PAPER) and audits, but Confirm sends nothing: the
   * result card shows the request that would have gone out. Reads (review previews, {@code /positions},
   * {@code /orders}, the {@code max_position} read) still go to CrossTrade.
   */
  PAPER,
  /** Confirmed trades are sent to CrossTrade. */
  LIVE;

  /** @return the config word, {@code paper} or {@code live} */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
