package org.crosstradediscord.bot.risk;

import org.crosstradediscord.bot.text.DiscordText;
import java.util.Optional;

/**
 * Checks one order against one {@link Limit}. Each refusal names the limit ({@code max_quantity},
 * {@code order_types}, {@code instruments}, {@code max_position}) in Discord markdown; the only member text in them,
 * the root symbol, is escaped here.
 */
public final class LimitCheck {
  private LimitCheck() {}

  /**
   * The checks that need no read: quantity, order type and instrument.
   *
   * @param limit the member's limit
   * @param order the order
   * @return why it is refused, or empty
   */
  public static Optional<String> checkOrder(Limit limit, OrderIntent order) {
    if (order.quantity() > limit.maxQuantity()) {
      return Optional.of("Limit `max_quantity`: your roles allow at most " + limit.maxQuantity() + " contract"
          + (limit.maxQuantity() == 1 ? "" : "s") + " per order; this order is for " + order.quantity() + ".");
    }
    if (!limit.orderTypes().isEmpty() && !limit.orderTypes().contains(order.orderType().toUpperCase(java.util.Locale.ROOT))) {
      return Optional.of("Limit `order_types`: your roles allow only " + String.join(", ", limit.orderTypes())
          + " orders; this one is " + order.orderType() + ".");
    }
    String root = RootSymbol.of(order.instrument());
    if (!limit.instruments().isEmpty() && !limit.instruments().contains(root)) {
      return Optional.of("Limit `instruments`: your roles allow only " + String.join(", ", limit.instruments())
          + "; this instrument's root symbol is " + DiscordText.escape(root, 40) + ".");
    }
    return Optional.empty();
  }

  /** @return true when the order can be checked only after reading the current position */
  public static boolean needsPosition(Limit limit) {
    return limit.maxPosition().isPresent();
  }

  /**
   * The position the order may lead to, worst case: {@code /flatplace} and {@code /reverse} close the open position
   * first, so the order alone gives {@code |quantity|}; if the close part does not happen (it fails, or fills
   * late), the position is the current one plus the order. The larger of the two is checked.
   *
   * @param currentSigned the current position, + long, − short, 0 flat
   * @param order the order
   * @return the largest absolute position the order may lead to
   */
  public static long worstPosition(long currentSigned, OrderIntent order) {
    return Math.max(Math.abs(currentSigned + order.signedQuantity()), order.quantity());
  }

  /**
   * @param limit the member's limit
   * @param order the order
   * @param currentSigned the current position, + long, − short, 0 flat
   * @return why it is refused by {@code max_position}, or empty
   */
  public static Optional<String> checkPosition(Limit limit, OrderIntent order, long currentSigned) {
    if (limit.maxPosition().isEmpty()) {
      return Optional.empty();
    }
    long max = limit.maxPosition().getAsLong();
    long worst = worstPosition(currentSigned, order);
    if (worst > max) {
      return Optional.of("Limit `max_position`: your roles allow a position of at most " + max + " contract"
          + (max == 1 ? "" : "s") + "; now " + describe(currentSigned) + ", " + (order.buy() ? "BUY " : "SELL ")
          + order.quantity() + " may lead to " + worst + ".");
    }
    return Optional.empty();
  }

  /** @return {@code Long 3}, {@code Short 2} or {@code Flat} */
  public static String describe(long signed) {
    return signed == 0 ? "Flat" : (signed > 0 ? "Long " : "Short ") + Math.abs(signed);
  }
}
