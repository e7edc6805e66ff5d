package org.crosstradediscord.bot.alerts;

import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.PlaceOrderRequest;
import org.crosstradediscord.client.model.TimeInForce;
import org.jspecify.annotations.Nullable;

/**
 * The order an alert opens (PLACE, FLATPLACE, REVERSEPOSITION). Prices in instrument points.
 *
 * @param action BUY or SELL
 * @param quantity contracts, at least 1
 * @param orderType MARKET, LIMIT, STOPMARKET or STOPLIMIT
 * @param timeInForce DAY or GTC
 * @param limitPrice limit price (LIMIT, STOPLIMIT), else null
 * @param stopPrice stop price (STOPMARKET, STOPLIMIT), else null
 * @param strategy ATM strategy template name, or null
 * @param requireMarketPosition PLACE only: the position states that must hold ({@code flat,long}), or null
 * @param maxPositions PLACE only: refuse a new position when this many are open, or null
 */
public record AlertOrder(OrderAction action, int quantity, OrderType orderType, TimeInForce timeInForce,
    @Nullable Double limitPrice, @Nullable Double stopPrice, @Nullable String strategy,
    @Nullable String requireMarketPosition, @Nullable Integer maxPositions) {

  /**
   * @param instrument the alert's instrument
   * @param orderId the id the bot assigns (found later by {@code getOrder})
   * @return the body of {@code placeOrder}
   */
  public PlaceOrderRequest toPlaceOrder(String instrument, String orderId) {
    return new PlaceOrderRequest().instrument(instrument).action(action).quantity(quantity).orderType(orderType)
        .timeInForce(timeInForce).limitPrice(limitPrice).stopPrice(stopPrice).strategy(strategy).orderId(orderId)
        .requireMarketPosition(requireMarketPosition).maxPositions(maxPositions);
  }

  /**
   * @param instrument the alert's instrument
   * @return the body of {@code flatPlaceOrder} and {@code reversePosition}
   */
  public OrderRequest toOrderRequest(String instrument) {
    return new OrderRequest().instrument(instrument).action(action).quantity(quantity).orderType(orderType)
        .timeInForce(timeInForce).limitPrice(limitPrice).stopPrice(stopPrice).strategy(strategy);
  }
}
