package org.crosstradediscord.bot.alerts;

import java.util.Locale;
import java.util.Optional;

/**
 * The alert commands the desk accepts (CrossTrade's webhook commands, reference §6) and the operation each becomes.
 * CrossTrade's other commands ({@code REVERSE}, {@code FLATTENEVERYTHING}, {@code CANCELORDERS}, …) are refused.
 */
public enum AlertCommand {
  /** A new order beside the position: {@code placeOrder}, with the bot's {@code orderId}. */
  PLACE("placeOrder", true),
  /** Close any position in the instrument, then place: {@code flatPlaceOrder}. */
  FLATPLACE("flatPlaceOrder", true),
  /** Close the open position, then place the order: {@code reversePosition}. */
  REVERSEPOSITION("reversePosition", true),
  /** Close all or {@code qty} contracts of the position: {@code closePosition}. */
  CLOSEPOSITION("closePosition", false),
  /** Flatten one account (optionally one instrument): {@code flatten} with the account filter. */
  FLATTEN("flatten", false),
  /** Cancel one working order by its id: {@code cancelOrder}. */
  CANCEL("cancelOrder", false);

  private final String operationId;
  private final boolean placesAnOrder;

  AlertCommand(String operationId, boolean placesAnOrder) {
    this.operationId = operationId;
    this.placesAnOrder = placesAnOrder;
  }

  /** @return the spec operationId the approved alert calls */
  public String operationId() {
    return operationId;
  }

  /** @return true when the alert opens an order (needs action, qty, order type and time in force) */
  public boolean placesAnOrder() {
    return placesAnOrder;
  }

  /**
   * @param value the alert's {@code command} value, any case
   * @return the command, or empty when the desk does not accept it
   */
  public static Optional<AlertCommand> of(String value) {
    for (AlertCommand c : values()) {
      if (c.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
