package org.crosstradediscord.client;

import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;

/** One way of reaching CrossTrade. Inputs are already validated; no implementation retries anything. */
interface Transport extends AutoCloseable {
  OrderIdResponse flatPlaceOrder(String account, OrderRequest request);

  OrderIdResponse reversePosition(String account, OrderRequest request);

  ClosedPositionsResponse closePosition(String account, ClosePositionRequest request);

  /** @param filters at least one filter set */
  FlattenResponse flatten(FlattenRequest filters);

  FlattenResponse flattenEverything();

  @Override
  void close();
}
