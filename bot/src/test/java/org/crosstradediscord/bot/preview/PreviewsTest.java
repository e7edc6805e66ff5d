package org.crosstradediscord.bot.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.Position;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.Test;

class PreviewsTest {
  static Position pos(String account, String instrument, MarketPosition side, int qty, double avg, Double pnl) {
    return new Position().account(account).instrument(instrument).marketPosition(side).quantity(qty).averagePrice(avg)
        .unrealizedProfitLoss(pnl);
  }

  static Position flat() {
    return new Position().account("Sim101").instrument("MES 12-25").marketPosition(MarketPosition.FLAT).quantity(0)
        .averagePrice(0.0).unrealizedProfitLoss(0.0);
  }

  static Order order(String account, String id, String instrument, String state) {
    return new Order().account(account).orderId(id).instrument(instrument).orderAction("Buy").quantity(1)
        .orderType("Limit").limitPrice(4990.0).stopPrice(0.0).orderState(state);
  }

  static OrderRequest order(OrderAction side, int qty, OrderType type) {
    OrderRequest r = new OrderRequest().instrument("MES 12-25").action(side).quantity(qty).orderType(type)
        .timeInForce(TimeInForce.DAY);
    return type == OrderType.LIMIT ? r.limitPrice(5000.0) : r;
  }

  @Test
  void reverse_long2_sell1_endsShort1() {
    Preview p = Previews.order(pos("Sim101", "MES 12-25", MarketPosition.LONG, 2, 5000.25, 12.5),
        order(OrderAction.SELL, 1, OrderType.MARKET), true);

    assertThat(p.lines()).containsExactly("Now: Long 2 @ 5000.25 (unrealized P&L 12.50)",
        "After: Short 1 (Long 2 is closed first)");
  }

  @Test
  void place_addsToThePosition_orCrossesThroughFlat() {
    assertThat(Previews.place(pos("Sim101", "MES 12-25", MarketPosition.LONG, 2, 5000.25, null),
        order(OrderAction.BUY, 1, OrderType.MARKET)).lines()).containsExactly("Now: Long 2 @ 5000.25", "After: Long 3");
    assertThat(Previews.place(pos("Sim101", "MES 12-25", MarketPosition.LONG, 2, 5000.25, null),
        order(OrderAction.SELL, 3, OrderType.LIMIT)).lines().get(1)).isEqualTo("After: Short 1 if the LIMIT order fills");
    assertThat(Previews.place(flat(), order(OrderAction.SELL, 2, OrderType.MARKET)).lines())
        .containsExactly("Now: Flat", "After: Short 2");
    assertThat(Previews.place(pos("Sim101", "MES 12-25", MarketPosition.SHORT, 2, 5000.25, null),
        order(OrderAction.BUY, 2, OrderType.MARKET)).lines().get(1)).isEqualTo("After: Flat");
  }

  @Test
  void reverse_whenFlat_saysItIsRefused() {
    Preview p = Previews.order(flat(), order(OrderAction.SELL, 1, OrderType.MARKET), true);

    assertThat(p.lines()).containsExactly("Now: Flat",
        "After: nothing changes: the account is flat there, so CrossTrade refuses the reverse");
  }

  @Test
  void flatplace_market_fromFlat_isTheOrder_andALimitSaysIfFilled() {
    assertThat(Previews.order(flat(), order(OrderAction.BUY, 2, OrderType.MARKET), false).lines())
        .containsExactly("Now: Flat", "After: Long 2");
    assertThat(Previews.order(pos("Sim101", "MES 12-25", MarketPosition.SHORT, 1, 6010, -5.0),
        order(OrderAction.BUY, 3, OrderType.LIMIT), false).lines())
        .containsExactly("Now: Short 1 @ 6010 (unrealized P&L -5.00)",
            "After: Flat (Short 1 is closed), then Long 3 if the LIMIT order fills");
  }

  @Test
  void closeHalf_ofLong3_closes2_leavesLong1_andRoundsUp() {
    Preview p = Previews.close(pos("Sim101", "ES 12-25", MarketPosition.LONG, 3, 5790, 1500.0), null, 0.5);

    assertThat(p.lines()).containsExactly("Now: Long 3 @ 5790 (unrealized P&L 1500.00)",
        "After: closes 2, leaves Long 1", "Realizes about 1000.00 at the last price (the fill may differ)");
    assertThat(Previews.closingQuantity(1, null, 0.1)).as("10 % of 1 contract closes 1").isEqualTo(1);
    assertThat(Previews.closingQuantity(4, null, 0.25)).isEqualTo(1);
  }

  @Test
  void closeByQuantity_isCappedAtTheOpenQuantity_andAllLeavesFlat() {
    Position shortFour = pos("Sim101", "ES 12-25", MarketPosition.SHORT, 4, 5800, null);
    assertThat(Previews.close(shortFour, 1, null).lines()).containsExactly("Now: Short 4 @ 5800",
        "After: closes 1, leaves Short 3");
    assertThat(Previews.close(shortFour, 9, null).lines()).contains("After: closes 4, leaves Flat");
    assertThat(Previews.close(shortFour, null, null).lines()).contains("After: closes 4, leaves Flat");
  }

  @Test
  void close_whenFlat_saysFlat_andNothingToClose() {
    assertThat(Previews.close(flat(), null, null).lines()).containsExactly("Now: Flat",
        "After: nothing to close: CrossTrade refuses a close when flat");
  }

  @Test
  void flatten_listsTheMatchingPositions_andTheWorkingOrdersItCancels() {
    List<Position> positions = List.of(pos("Sim101", "MES 12-25", MarketPosition.SHORT, 2, 6005, 0.0),
        pos("Sim101", "ES 12-25", MarketPosition.LONG, 1, 5790, 50.0));
    List<Order> orders = List.of(order("Sim101", "aaaaaaaa1111", "MES 12-25", "Working"),
        order("Sim101", "bbbbbbbb2222", "NQ 12-25", "Accepted"), order("Sim101", "cccccccc3333", "MES 12-25", "Filled"),
        order("Sim101", "dddddddd4444", "ES 12-25", "Cancelled"));

    Preview all = Previews.flatten(new FlattenRequest().account("Sim101"), positions, orders, -1, 0);
    assertThat(all.lines()).containsExactly("Closes 2 positions:",
        "• Sim101 · MES 12-25 · Short 2 @ 6005 (unrealized P&L 0.00)",
        "• Sim101 · ES 12-25 · Long 1 @ 5790 (unrealized P&L 50.00)",
        "Cancels 2 working orders:",
        "• Sim101 · MES 12-25 · Buy 1 Limit @ 4990 · id aaaaaaaa1111",
        "• Sim101 · NQ 12-25 · Buy 1 Limit @ 4990 · id bbbbbbbb2222");
    assertThat(all.workingOrders()).extracting(Order::getOrderId).containsExactly("aaaaaaaa1111", "bbbbbbbb2222");

    Preview shorts = Previews.flatten(new FlattenRequest().account("Sim101").marketPosition(MarketPositionFilter.SHORT),
        positions, orders, -1, 0);
    assertThat(shorts.lines()).as("with a side filter only the closed positions' orders are cancelled")
        .containsExactly("Closes 1 position:", "• Sim101 · MES 12-25 · Short 2 @ 6005 (unrealized P&L 0.00)",
            "Cancels 1 working order:", "• Sim101 · MES 12-25 · Buy 1 Limit @ 4990 · id aaaaaaaa1111");

    Preview nq = Previews.flatten(new FlattenRequest().instrument("nq 12-25"), positions, orders, 3, 0);
    assertThat(nq.lines()).containsExactly("Covers every account of the CrossTrade user (3 accounts), not only yours",
        "Closes no position: none matches right now", "Cancels 1 working order:",
        "• Sim101 · NQ 12-25 · Buy 1 Limit @ 4990 · id bbbbbbbb2222");
  }

  @Test
  void flatten_longListsAreCut_andUnreadAccountsAreSaid() {
    List<Position> many = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      many.add(pos("Sim10" + i, "MES 12-25", MarketPosition.LONG, 1, 5000, 0.0));
    }
    Preview p = Previews.flatten(new FlattenRequest(), many, List.of(), 11, 3);
    assertThat(p.lines()).contains("Closes 13 positions:", "• … and 3 more", "Cancels no working order: none matches right now",
        "Working orders of 3 more accounts were not read; matching ones are cancelled too");
  }

  @Test
  void plans_onlyRead_throughTheReadOnlyView() {
    List<String> calls = new ArrayList<>();
    Reads fake = new Reads() {
      public Position position(String a, String i) {
        calls.add("position " + a + " " + i);
        return pos(a, i, MarketPosition.LONG, 2, 5000, 0.0);
      }

      public List<Position> positions(String a) {
        calls.add("positions " + a);
        return List.of();
      }

      public List<Position> allPositions() {
        calls.add("allPositions");
        return List.of();
      }

      public List<String> accounts() {
        calls.add("accounts");
        return List.of("Sim101", "Live-A");
      }

      public List<Order> orders(String a) {
        calls.add("orders " + a);
        return List.of();
      }
    };
    assertThat(Previews.order("Sim101", order(OrderAction.SELL, 1, OrderType.MARKET), true).read().apply(fake).lines())
        .contains("After: Short 1 (Long 2 is closed first)");
    Previews.flatten(new FlattenRequest().account("Sim101")).read().apply(fake);
    Previews.flatten(new FlattenRequest()).read().apply(fake);
    assertThat(calls).containsExactly("position Sim101 MES 12-25", "positions Sim101", "orders Sim101", "allPositions",
        "accounts", "orders Sim101", "orders Live-A");
  }

  @Test
  void reasons_arePlainWords() {
    assertThat(Previews.reason(new CompletionException(new TimeoutException()), Duration.ofMillis(2500)))
        .isEqualTo("no answer within 2500 ms");
    assertThat(Previews.reason(new Reads.Skipped("skipped to keep CrossTrade's rate limit for orders"), Duration.ZERO))
        .contains("rate limit");
    assertThat(Previews.reason(new IllegalStateException("boom"), Duration.ZERO))
        .as("no class name for the trader: the log has it").isEqualTo("the bot failed to read it");
  }
}
