package org.crosstradediscord.testing.readme;

import java.time.Duration;
import org.crosstradediscord.client.*;
import org.crosstradediscord.client.model.*;

public class ReadmeExample {
  public static void main(String[] args) {
    String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8089";   // what scripts/simulator.sh prints
    try (CrossTradeClient crossTrade = CrossTradeClient.builder()
        .baseUrl(baseUrl)                          // leave out for production: https://app.crosstrade.io
        .token("sandbox-token")                    // the simulator's (its banner prints it); for real trading:
                                                   // System.getenv("CROSSTRADE_TOKEN"); never logged or in exceptions
        .requestTimeout(Duration.ofSeconds(20))    // the default: one deadline for the whole exchange
        .build()) {
      // Flat-place: closes anything open in MES 12-25 first, then buys 2 at market.
      OrderIdResponse bought = crossTrade.flatPlaceOrder("Sim101", new OrderRequest()
          .instrument("MES 12-25").action(OrderAction.BUY).quantity(2)
          .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY));
      Position mes = crossTrade.getPosition("Sim101", "MES 12-25");   // Flat, quantity 0, when nothing is open
      System.out.println("order " + bought.getOrderId() + ": " + mes.getMarketPosition() + " " + mes.getQuantity()
          + " @ " + mes.getAveragePrice());

      // Close half: percent is a fraction (0.5 = 50 %), rounded up to whole contracts.
      crossTrade.closePosition("Sim101", new ClosePositionRequest().instrument("MES 12-25").percent(0.5));

      // A LIMIT order below the market rests as a working order (flat-place closes the last contract first).
      OrderIdResponse limit = crossTrade.flatPlaceOrder("Sim101", new OrderRequest()
          .instrument("MES 12-25").action(OrderAction.BUY).quantity(1)
          .orderType(OrderType.LIMIT).limitPrice(mes.getMarketPrice() - 10)   // prices in instrument points
          .timeInForce(TimeInForce.DAY));
      for (Order order : crossTrade.listOrders("Sim101").getOrders()) {   // orderState "Working", "Filled", …
        System.out.println(order.getOrderId() + " " + order.getOrderType() + " " + order.getOrderState());
      }
      crossTrade.cancelOrder("Sim101", limit.getOrderId());   // "… not found or already terminal." is a refusal

      // Clean up: close every position and cancel every working order of Sim101 (at least one filter is
      // required; crossTrade.flattenEverything() is the separate, explicit call for every account).
      crossTrade.flatten(new FlattenRequest().account("Sim101"));
      System.out.println("open positions: " + crossTrade.listPositions("Sim101").getPositions().size());
    } catch (InvalidRequestException e) {        // a rule of the spec was broken: nothing was sent
      System.err.println(e.violations());
    } catch (OutcomeUnknownException e) {        // timeout, connection lost, 5xx: the order MAY have been placed
      System.err.println("Check NinjaTrader before retrying: " + e.getMessage());
    } catch (CrossTradeException e) {            // an answer from upstream: 401, 408 not connected, 429, 400 …
      System.err.println(e.status() + " " + e.upstreamMessage());
    }
  }
}
