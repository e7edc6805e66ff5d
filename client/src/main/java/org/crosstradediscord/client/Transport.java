package org.crosstradediscord.client;

import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.AccountsResponse;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrdersResponse;
import org.crosstradediscord.client.model.Position;
import org.crosstradediscord.client.model.PositionsResponse;

/**
 * One way of reaching CrossTrade. Inputs are already validated and the rate-limiter token is taken. No implementation
 * re-sends a POST; the REST transport may re-send a GET once when its connection failed before any response (reads
 * are idempotent). Every write takes the call's {@link SendGate} and passes it ({@link SendGates#pass}) immediately
 * before the request is written; a refusal sends nothing and propagates as {@link NotSentException}.
 */
interface Transport extends AutoCloseable {
  OrderIdResponse flatPlaceOrder(String account, OrderRequest request, SendGate gate);

  OrderIdResponse reversePosition(String account, OrderRequest request, SendGate gate);

  ClosedPositionsResponse closePosition(String account, ClosePositionRequest request, SendGate gate);

  /** @param filters at least one filter set */
  FlattenResponse flatten(FlattenRequest filters, SendGate gate);

  FlattenResponse flattenEverything(SendGate gate);

  OrderIdResponse cancelOrder(String account, String orderId, SendGate gate);

  AccountsResponse listAccounts();

  Account getAccount(String account);

  PositionsResponse listPositions(String account);

  /** @param includeFlat null for the upstream default (false) */
  PositionsResponse getAllPositions(Boolean includeFlat);

  Position getPosition(String account, String instrument);

  OrdersResponse listOrders(String account);

  Order getOrder(String account, String orderId);

  @Override
  void close();
}
