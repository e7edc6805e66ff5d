package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.Review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.crosstradediscord.bot.commands.Fixtures.POLICY;
import static org.crosstradediscord.bot.commands.Fixtures.TRADER_MEMBER;
import static org.crosstradediscord.bot.commands.Fixtures.marketOrder;
import static org.crosstradediscord.bot.commands.Fixtures.options;
import static org.crosstradediscord.bot.commands.Fixtures.problems;

import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.Test;

/** /flatplace and /reverse: validation and request mapping (they share the order options). */
class OrderCommandsTest {
  private final FlatPlaceCommand flatPlace = new FlatPlaceCommand();
  private final ReverseCommand reverse = new ReverseCommand();

  @Test
  void flatPlace_mapsEveryOptionToTheOrderRequest_withTheConfiguredAccountSpelling() {
    Prepared p = flatPlace.prepare(options("account", "SIM101", "instrument", " MES 12-25 ", "action", "SELL",
        "quantity", 3L, "order_type", "STOPLIMIT", "time_in_force", "GTC", "limit_price", 5500.25,
        "stop_price", 5501.0, "oco_id", "grp1", "strategy", "ATM 2"), TRADER_MEMBER, POLICY);

    OrderCommand.Action a = (OrderCommand.Action) ((Prepared.Ready) p).action();
    assertThat(a.account()).isEqualTo("Sim101");
    assertThat(a.request()).isEqualTo(new OrderRequest().instrument("MES 12-25").action(OrderAction.SELL).quantity(3)
        .orderType(OrderType.STOPLIMIT).timeInForce(TimeInForce.GTC).limitPrice(5500.25).stopPrice(5501.0)
        .ocoId("grp1").strategy("ATM 2"));
    assertThat(a.command()).isEqualTo("flatplace");
    assertThat(a.review().confirmLabel()).isEqualTo("Place order");
    assertThat(a.review().whatHappens()).contains("Closes any open position").contains("MES 12-25").contains("Sim101");
    assertThat(a.review().fields()).extracting(Review.Field::name)
        .contains("Account", "Instrument", "Side", "Quantity", "Order type", "Limit price", "Stop price");
  }

  @Test
  void reverse_mapsTheSameOptions_andSaysItNeedsAnOpenPosition() {
    Prepared p = reverse.prepare(marketOrder(), TRADER_MEMBER, POLICY);

    OrderCommand.Action a = (OrderCommand.Action) ((Prepared.Ready) p).action();
    assertThat(a.request().getQuantity()).isEqualTo(2);
    assertThat(a.command()).isEqualTo("reverse");
    assertThat(a.review().whatHappens()).contains("Closes the open position").contains("flat");
    assertThat(a.auditArgs()).containsEntry("account", "Sim101").containsEntry("order_type", "MARKET");
  }

  @Test
  void limitOrder_withoutLimitPrice_isRejected_namingLimitPrice() {
    assertThat(problems(flatPlace.prepare(marketOrder("order_type", "LIMIT"), TRADER_MEMBER, POLICY)))
        .containsExactly("`limit_price` is required when order_type is LIMIT");
  }

  @Test
  void stopOrders_withoutStopPrice_areRejected_namingStopPrice() {
    assertThat(problems(reverse.prepare(marketOrder("order_type", "STOPMARKET"), TRADER_MEMBER, POLICY)))
        .containsExactly("`stop_price` is required when order_type is STOPMARKET");
    assertThat(problems(reverse.prepare(marketOrder("order_type", "STOPLIMIT"), TRADER_MEMBER, POLICY)))
        .containsExactly("`limit_price` is required when order_type is STOPLIMIT",
            "`stop_price` is required when order_type is STOPLIMIT");
  }

  @Test
  void zeroAndNegativePrices_andQuantityZero_areRejected() {
    assertThat(problems(flatPlace.prepare(marketOrder("order_type", "STOPLIMIT", "limit_price", 0.0,
        "stop_price", -2.5, "quantity", 0L), TRADER_MEMBER, POLICY)))
        .containsExactlyInAnyOrder("`quantity` must be a whole number of at least 1",
            "`limit_price` must be a price above 0 (instrument points)",
            "`stop_price` must be a price above 0 (instrument points)");
  }

  @Test
  void pricesThatTheOrderTypeDoesNotUse_areRejected() {
    assertThat(problems(flatPlace.prepare(marketOrder("limit_price", 5500.0), TRADER_MEMBER, POLICY)))
        .singleElement().asString().startsWith("`limit_price` is only used with LIMIT or STOPLIMIT");
  }

  @Test
  void unknownChoiceValue_isRejected_listingTheChoices() {
    assertThat(problems(flatPlace.prepare(marketOrder("order_type", "STOP"), TRADER_MEMBER, POLICY)))
        .containsExactly("`order_type` must be one of MARKET, LIMIT, STOPMARKET, STOPLIMIT");
  }

  @Test
  void missingRequiredOptions_areEachNamed() {
    assertThat(problems(flatPlace.prepare(options("account", "Sim101"), TRADER_MEMBER, POLICY)))
        .containsExactly("`instrument` is required", "`action` is required (BUY or SELL)",
            "`quantity` must be a whole number of at least 1",
            "`order_type` is required (MARKET, LIMIT, STOPMARKET or STOPLIMIT)",
            "`time_in_force` is required (DAY or GTC)");
  }

  @Test
  void accountNotAllowedForTheMember_isDenied_listingTheirAccounts() {
    Prepared p = flatPlace.prepare(marketOrder("account", "Live-Z"), TRADER_MEMBER, POLICY);
    assertThat(((Prepared.Denied) p).reason()).contains("Live-Z").contains("Sim101, Sim102");
  }

  @Test
  void invalidOptions_areReported_beforeTheAccountCheck() {
    Prepared p = flatPlace.prepare(marketOrder("account", "Live-Z", "quantity", 0L), TRADER_MEMBER, POLICY);
    assertThat(p).isInstanceOf(Prepared.Invalid.class);
  }
}
