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
 * One way of reaching CrossTrade. Inputs are already validated. No implementation re-sends a POST; the REST
 * transport may re-send a GET once when its connection failed before any response (reads are idempotent).
 */
interface Transport extends AutoCloseable {
  OrderIdResponse flatPlaceOrder(String account, OrderRequest request);

  OrderIdResponse reversePosition(String account, OrderRequest request);

  ClosedPositionsResponse closePosition(String account, ClosePositionRequest request);

  /** @param filters at least one filter set */
  FlattenResponse flatten(FlattenRequest filters);

  FlattenResponse flattenEverything();

  OrderIdResponse cancelOrder(String account, String orderId);

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
