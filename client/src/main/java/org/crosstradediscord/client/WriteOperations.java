package org.crosstradediscord.client;

import java.util.Map;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.PlaceOrderRequest;

/**
 * The write operations of {@link CrossTradeClient} (the public methods are its own): each validates its input with
 * {@link RequestRules}, then describes the {@link Call} that {@link #send} paces, gates and sends. A POST that may
 * have reached the server is never re-sent. Not part of the API: extend nothing but {@link CrossTradeClient}.
 */
abstract class WriteOperations extends ReadOperations {
  WriteOperations(ClientView view) {
    super(view);
  }

  /**
   * Place order: a new order; a position the account holds in the instrument is kept (a BUY while long adds to it)
   * ({@code POST /v1/api/accounts/{account}/orders/place}, operationId {@code placeOrder}). Give an {@code orderId}
   * to find the order later by {@link #getOrder} even when this call ends in {@link OutcomeUnknownException}.
   *
   * @param account NT8 account name, e.g. {@code Sim101}; percent-encoded by the SDK
   * @param order the order; prices in instrument points
   * @return the response with the order's {@code orderId} (never blank)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws RequestRejectedException refused upstream (400), e.g. {@code requireMarketPosition} or
   *     {@code maxPositions} not met; nothing was placed
   * @throws CrossTradeException any other upstream or transport failure (see its subtypes)
   */
  public OrderIdResponse placeOrder(String account, PlaceOrderRequest order) {
    require(RequestRules.checkAccount(account), RequestRules.check(order));
    return send(Call.of("placeOrder", OrderIdResponse.class, api -> api.orders().placeOrderWithHttpInfo(account,
        order), ResponseChecks::orderId).parameter("account", account).body(order));
  }

  /**
   * Flat-place order: closes any position in the instrument, then places the order
   * ({@code POST /v1/api/accounts/{account}/orders/flatplace}, operationId {@code flatPlaceOrder}).
   *
   * @param account NT8 account name, e.g. {@code Sim101}; percent-encoded by the SDK
   * @param order the order; prices in instrument points
   * @return the response with the new NT8 {@code orderId} (never blank)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any upstream or transport failure (see its subtypes)
   */
  public OrderIdResponse flatPlaceOrder(String account, OrderRequest order) {
    require(RequestRules.checkAccount(account), RequestRules.check(order));
    return send(Call.of("flatPlaceOrder", OrderIdResponse.class, api -> api.orders().flatPlaceOrderWithHttpInfo(account,
        order), ResponseChecks::orderId).parameter("account", account).body(order));
  }

  /**
   * Reverse position: closes the open position in the instrument, then places the order; fails with
   * {@link NoPositionException} when the account is flat there
   * ({@code POST /v1/api/accounts/{account}/positions/reverseposition}, operationId {@code reversePosition}).
   *
   * @param account NT8 account name
   * @param order the new order; prices in instrument points
   * @return the response with the new NT8 {@code orderId} (never blank)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NoPositionException no position is open in the instrument; nothing was placed
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any other upstream or transport failure
   */
  public OrderIdResponse reversePosition(String account, OrderRequest order) {
    require(RequestRules.checkAccount(account), RequestRules.check(order));
    return send(Call.of("reversePosition", OrderIdResponse.class, api -> api.positions()
        .reversePositionWithHttpInfo(account, order), ResponseChecks::orderId).parameter("account", account)
        .body(order));
  }

  /**
   * Close position: all of it, {@code quantity} contracts, or a {@code percent} fraction rounded up
   * ({@code POST /v1/api/accounts/{account}/positions/close}, operationId {@code closePosition}). A partial
   * close leaves working orders (stops, targets) in place.
   *
   * @param account NT8 account name
   * @param request the instrument and optionally quantity or percent (a fraction, 0.25 = 25%)
   * @return the positions closed, as they were before closing (list never null)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NoPositionException nothing is open in the instrument
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any other upstream or transport failure
   */
  public ClosedPositionsResponse closePosition(String account, ClosePositionRequest request) {
    require(RequestRules.checkAccount(account), RequestRules.check(request));
    return send(Call.of("closePosition", ClosedPositionsResponse.class, api -> api.positions()
        .closePositionWithHttpInfo(account, request), ResponseChecks::closed).parameter("account", account)
        .body(request));
  }

  /**
   * Flatten the positions (and their orders) matching ALL given filters
   * ({@code POST /v1/api/positions/flatten}, operationId {@code flatten}). At least one filter is required:
   * an empty filter set would flatten every account, which only {@link #flattenEverything()} sends.
   *
   * @param filters account, instrument and/or marketPosition; at least one
   * @return order ids and closed positions (either list may be null when the upstream omits it)
   * @throws InvalidRequestException no filter given, or a blank one; nothing was sent
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public FlattenResponse flatten(FlattenRequest filters) {
    require(RequestRules.checkFiltered(filters));
    return send(Call.of("flatten", FlattenResponse.class, api -> api.positions().flattenWithHttpInfo(filters),
        ResponseChecks::flattened).body(filters));
  }

  /**
   * <b>Flatten everything: closes every position and cancels every order in EVERY account of the token's
   * user, for all instruments.</b> Sends an empty body to {@code POST /v1/api/positions/flatten}
   * (operationId {@code flatten}; WebSocket name {@code FlattenEverything}).
   *
   * @return order ids and closed positions
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public FlattenResponse flattenEverything() {
    FlattenRequest none = new FlattenRequest();
    return send(Call.of("flatten", FlattenResponse.class, api -> api.positions().flattenWithHttpInfo(none),
        ResponseChecks::flattened).withoutFilters());
  }

  /**
   * Cancel one working order ({@code POST /v1/api/accounts/{account}/orders/{orderId}/cancel}, operationId
   * {@code cancelOrder}; WebSocket {@code Cancel}). Sends an empty JSON object; never re-sent.
   *
   * @param account NT8 account name; percent-encoded by the SDK
   * @param orderId the NT8 order id returned at placement
   * @return the response with the cancelled order's {@code orderId}
   * @throws InvalidRequestException account or orderId blank; nothing was sent
   * @throws RequestRejectedException the order is unknown, filled or already cancelled (upstream text
   *     {@code … not found or already terminal.}); nothing was executed
   * @throws NotSentException a gate of {@link CrossTradeClient#withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any other upstream or transport failure (see its subtypes)
   */
  public OrderIdResponse cancelOrder(String account, String orderId) {
    require(RequestRules.checkAccount(account), RequestRules.checkOrderId(orderId));
    return send(Call.of("cancelOrder", OrderIdResponse.class, api -> api.orders().cancelOrderWithHttpInfo(account,
        orderId, Map.of()), ResponseChecks::orderId).parameter("account", account).parameter("orderId", orderId));
  }
}
