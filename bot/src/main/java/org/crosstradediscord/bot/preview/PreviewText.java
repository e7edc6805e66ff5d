package org.crosstradediscord.bot.preview;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/** How a preview line writes a position, an order, an amount and a price, and how it reads their states. */
final class PreviewText {
  private PreviewText() {}

  /** {@link Previews#describe(Position)}. */
  static String describe(Position p) {
    if (isFlat(p)) {
      return "Flat";
    }
    return side(p) + " " + p.getQuantity() + " @ " + price(p.getAveragePrice())
        + (p.getUnrealizedProfitLoss() == null ? "" : " (unrealized P&L " + money(p.getUnrealizedProfitLoss()) + ")");
  }

  /** {@link Previews#describe(Order)}. */
  static String describe(Order o) {
    String type = o.getOrderType() == null ? "?" : o.getOrderType();
    StringBuilder b = new StringBuilder().append(o.getAccount()).append(" · ").append(o.getInstrument()).append(" · ")
        .append(o.getOrderAction() == null ? "?" : o.getOrderAction()).append(' ')
        .append(o.getQuantity() == null ? "?" : o.getQuantity()).append(' ').append(type);
    String t = type.toLowerCase(Locale.ROOT);
    if (t.contains("limit") && o.getLimitPrice() != null && o.getLimitPrice() != 0) {
      b.append(" @ ").append(price(o.getLimitPrice()));
    }
    if (t.contains("stop") && o.getStopPrice() != null && o.getStopPrice() != 0) {
      b.append(" stop ").append(price(o.getStopPrice()));
    }
    return b.append(" · id ").append(shortId(o.getOrderId())).toString();
  }

  /** {@link Previews#isWorking}. */
  static boolean isWorking(Order o) {
    String s = o.getOrderState() == null ? "" : o.getOrderState().toLowerCase(Locale.ROOT);
    return !s.isEmpty() && !Set.of("filled", "cancelled", "canceled", "rejected", "cancelpending", "unknown").contains(s);
  }

  /** {@link Previews#money}. */
  static String money(Double d) {
    return d == null ? "?" : String.format(Locale.ROOT, "%.2f", d + 0.0); // + 0.0 turns -0.0 into 0.0
  }

  /**
   * @param p a position, or null
   * @return true when there is none: null, flat, or no or zero quantity
   */
  static boolean isFlat(Position p) {
    return p == null || p.getMarketPosition() == MarketPosition.FLAT || p.getQuantity() == null || p.getQuantity() == 0;
  }

  /**
   * @param p an open position
   * @return {@code Long}, {@code Short} or {@code ? (side unknown)}
   */
  static String side(Position p) {
    return p.getMarketPosition() == MarketPosition.LONG ? "Long" : p.getMarketPosition() == MarketPosition.SHORT
        ? "Short" : "? (side unknown)";
  }

  /**
   * @param s an account or instrument name, or null
   * @return the name as compared: stripped, lower case ({@code ""} for null)
   */
  static String key(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }

  private static String price(Double value) {
    return value == null ? "?" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.length() <= 12 ? id : id.substring(0, 8) + "…";
  }
}
