package org.crosstradediscord.bot.text;

import java.math.BigDecimal;

/** How the bot writes a price or percentage for a person: plain digits, no trailing zeros ({@code 5500.25}, {@code 50}). */
public final class Prices {
  private Prices() {}

  /**
   * @param value a price in instrument points, or a percentage
   * @return the plain text, or {@code ?} for null, NaN or infinite (an upstream may send 1e400)
   */
  public static String format(Double value) {
    return value == null || !Double.isFinite(value) ? "?" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
