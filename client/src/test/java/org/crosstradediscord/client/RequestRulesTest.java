package org.crosstradediscord.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.PlaceOrderRequest;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

  private static OrderRequest order(OrderType type) {
    return new OrderRequest().instrument("ES 12-25").action(OrderAction.SELL).quantity(2).orderType(type)
        .timeInForce(TimeInForce.GTC);
  }

  @Test
  void orderIdAndInstrument_mustBeNonBlank() {
    assertThat(RequestRules.checkOrderId("ce0a8e5002ea463e856eb6384f5cee7e")).isEmpty();
    assertThat(RequestRules.checkOrderId(null)).extracting(Violation::field).containsExactly("orderId");
    assertThat(RequestRules.checkOrderId("  ")).extracting(Violation::field).containsExactly("orderId");
    assertThat(RequestRules.checkInstrument("ES 12-25")).isEmpty();
    assertThat(RequestRules.checkInstrument("")).extracting(Violation::field).containsExactly("instrument");
  }

  @Test
  void marketOrder_withAllRequiredFields_isValid() {
    assertThat(RequestRules.check(order(OrderType.MARKET))).isEmpty();
  }

  @Test
  void limitOrder_withoutLimitPrice_namesLimitPrice() {
    assertThat(RequestRules.check(order(OrderType.LIMIT))).extracting(Violation::field).containsExactly("limitPrice");
  }

  @Test
  void stopLimitOrder_needsBothPrices() {
    assertThat(RequestRules.check(order(OrderType.STOPLIMIT))).extracting(Violation::field)
        .containsExactly("limitPrice", "stopPrice");
    assertThat(RequestRules.check(order(OrderType.STOPLIMIT).limitPrice(5500.25).stopPrice(5499.0))).isEmpty();
  }

  @Test
  void stopMarketOrder_needsStopPrice_only() {
    assertThat(RequestRules.check(order(OrderType.STOPMARKET))).extracting(Violation::field).containsExactly("stopPrice");
  }

  @Test
  void zeroOrNegativePrices_andQuantityBelowOne_areRejected() {
    OrderRequest bad = order(OrderType.LIMIT).limitPrice(0.0).stopPrice(-1.0).quantity(0);
    assertThat(RequestRules.check(bad)).extracting(Violation::field).containsExactly("quantity", "limitPrice", "stopPrice");
  }

  @Test
  void missingRequiredFields_areEachNamed() {
    assertThat(RequestRules.check(new OrderRequest())).extracting(Violation::field)
        .containsExactly("instrument", "action", "quantity", "orderType", "timeInForce");
    assertThat(RequestRules.check((OrderRequest) null)).extracting(Violation::field).containsExactly("body");
  }

  @Test
  void blankOptionalText_isRejected() {
    assertThat(RequestRules.check(order(OrderType.MARKET).ocoId(" ").strategy(""))).extracting(Violation::field)
        .containsExactly("ocoId", "strategy");
  }

  @Test
  void close_quantityAndPercent_areExclusive_andPercentIsAFractionUpToOne() {
    ClosePositionRequest both = new ClosePositionRequest().instrument("ES 12-25").quantity(1).percent(0.5);
    assertThat(RequestRules.check(both)).extracting(Violation::field).containsExactly("percent");
    assertThat(RequestRules.check(new ClosePositionRequest().instrument("ES").percent(1.0))).isEmpty();
    assertThat(RequestRules.check(new ClosePositionRequest().instrument("ES").percent(1.01))).hasSize(1);
    assertThat(RequestRules.check(new ClosePositionRequest().instrument("ES").percent(0.0))).hasSize(1);
    assertThat(RequestRules.check(new ClosePositionRequest().instrument("ES"))).isEmpty();
  }

  @Test
  void filteredFlatten_needsAtLeastOneFilter() {
    assertThat(RequestRules.checkFiltered(new FlattenRequest())).extracting(Violation::field).containsExactly("filters");
    assertThat(RequestRules.checkFiltered(new FlattenRequest().marketPosition(MarketPositionFilter.SHORT))).isEmpty();
    assertThat(RequestRules.checkFiltered(new FlattenRequest().account(" "))).extracting(Violation::field)
        .containsExactly("account");
  }

  @Test
  void blankAccount_isRejected() {
    assertThat(RequestRules.checkAccount("  ")).hasSize(1);
    assertThat(RequestRules.checkAccount("Sim101")).isEmpty();
  }
  private static PlaceOrderRequest place() {
    return new PlaceOrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1)
        .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY);
  }

  @Test
  void placeOrder_followsTheOrderRules_andChecksItsOwnFields() {
    assertThat(RequestRules.check(place())).isEmpty();
    assertThat(RequestRules.check(place().orderId("xt-7f3a9c2e_41").requireMarketPosition("flat,long").maxPositions(1)))
        .isEmpty();
    assertThat(RequestRules.check(place().orderType(OrderType.LIMIT).quantity(0))).extracting(Violation::field)
        .containsExactly("quantity", "limitPrice");
    assertThat(RequestRules.check((PlaceOrderRequest) null)).extracting(Violation::field).containsExactly("body");
  }

  @Test
  void placeOrder_orderId_isOneTo64UrlSafeCharacters() {
    assertThat(RequestRules.check(place().orderId("a".repeat(64)))).isEmpty();
    for (String bad : new String[] {"", "a".repeat(65), "has space", "a/b", "a%2Fb", "é", "id;drop"}) {
      assertThat(RequestRules.check(place().orderId(bad))).as(bad).extracting(Violation::field)
          .containsExactly("orderId");
    }
  }

  @Test
  void placeOrder_requireMarketPosition_andMaxPositions() {
    for (String ok : new String[] {"flat", "long", "short", "flat,long", "long,short,flat"}) {
      assertThat(RequestRules.check(place().requireMarketPosition(ok))).as(ok).isEmpty();
    }
    for (String bad : new String[] {"", "Flat", "flat,", "flat long", "up", "flat,long,short,flat"}) {
      assertThat(RequestRules.check(place().requireMarketPosition(bad))).as(bad).extracting(Violation::field)
          .containsExactly("requireMarketPosition");
    }
    assertThat(RequestRules.check(place().maxPositions(0))).extracting(Violation::field).containsExactly("maxPositions");
  }
}
