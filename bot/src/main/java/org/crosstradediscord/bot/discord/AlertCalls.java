package org.crosstradediscord.bot.discord;

import java.util.Locale;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;

/**
 * The one CrossTrade call an approved alert makes (its command's operation, {@link
 * org.crosstradediscord.bot.alerts.AlertCommand#operationId}), never retried. PLACE carries the bot's own
 * {@code orderId} ({@link #orderId}) so the order can be found by it later.
 */
final class AlertCalls {
  private AlertCalls() {}

  /**
   * @param alertId the alert's id
   * @return the {@code orderId} a PLACE is given: {@code alert-} and the id in lower case
   */
  static String orderId(String alertId) {
    return "alert-" + alertId.toLowerCase(Locale.ROOT);
  }

  /**
   * Makes the call.
   *
   * @param client the SDK, with the send gate of this approval
   * @param alertId the alert's id
   * @param a the alert
   * @return what CrossTrade answered, in the desk's words (e.g. {@code placed: order 1ede9d7a…})
   * @throws org.crosstradediscord.client.CrossTradeException any failure, typed as the SDK types it (not sent,
   *     refused, outcome unknown)
   */
  static String send(CrossTradeClient client, String alertId, Alert a) {
    return switch (a.command()) {
      case PLACE -> "placed: order " + client.placeOrder(a.account(), a.order().toPlaceOrder(a.instrument(),
          orderId(alertId))).getOrderId() + " (our id " + orderId(alertId) + ")";
      case FLATPLACE -> "placed: order " + client.flatPlaceOrder(a.account(), a.order().toOrderRequest(a.instrument()))
          .getOrderId();
      case REVERSEPOSITION -> "reversed: order " + client.reversePosition(a.account(),
          a.order().toOrderRequest(a.instrument())).getOrderId();
      case CLOSEPOSITION -> closed(client.closePosition(a.account(), new ClosePositionRequest()
          .instrument(a.instrument()).quantity(a.closeQuantity())));
      case FLATTEN -> flattened(client.flatten(new FlattenRequest().account(a.account()).instrument(a.instrument())));
      case CANCEL -> "cancelled: order " + client.cancelOrder(a.account(), a.orderId()).getOrderId();
    };
  }

  private static String closed(ClosedPositionsResponse r) {
    int contracts = r.getClosedPositions().stream().mapToInt(p -> p.getQuantity() == null ? 0 : p.getQuantity()).sum();
    return "closed: " + contracts + " contract(s) in " + r.getClosedPositions().size() + " position(s)";
  }

  private static String flattened(FlattenResponse r) {
    return "flattened" + (r.getOrderIds() == null ? "" : ": " + r.getOrderIds().size() + " order(s)");
  }
}
