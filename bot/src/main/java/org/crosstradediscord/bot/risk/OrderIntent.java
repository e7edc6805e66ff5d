package org.crosstradediscord.bot.risk;

/**
 * What a risk-increasing order asks for, as the limits see it.
 *
 * @param account the account it trades
 * @param instrument the instrument as the member wrote it, e.g. {@code MES 12-25}
 * @param buy true for BUY, false for SELL
 * @param quantity contracts
 * @param orderType the order type, e.g. {@code MARKET}
 */
public record OrderIntent(String account, String instrument, boolean buy, long quantity, String orderType) {
  /** @return the order's signed quantity: + for BUY, − for SELL */
  public long signedQuantity() {
    return buy ? quantity : -quantity;
  }
}
