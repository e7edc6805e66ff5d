package org.crosstradediscord.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.PlaceOrderRequest;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.Test;

class AlertReaderTest {
  static final String PLACE = "command=PLACE; account=Sim101; instrument=MES 12-25; action=buy; qty=2;"
      + " order_type=MARKET; tif=DAY;";

  static Alert read(String body) throws AlertRefused {
    return AlertReader.read(AlertSyntaxTest.read(body));
  }

  static AlertProblem refused(String body) {
    return catchThrowableOfType(AlertRefused.class, () -> read(body)).problem();
  }

  @Test
  void place_becomesAPlaceOrder_withTheBotsOrderId() throws AlertRefused {
    Alert alert = read(PLACE + " require_market_position=Flat,long; max_positions=3;");

    assertThat(alert.command()).isEqualTo(AlertCommand.PLACE);
    assertThat(alert.command().operationId()).isEqualTo("placeOrder");
    assertThat(alert.account()).isEqualTo("Sim101");
    PlaceOrderRequest body = alert.order().toPlaceOrder(alert.instrument(), "xt-1");
    assertThat(body).isEqualTo(new PlaceOrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(2)
        .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY).orderId("xt-1").requireMarketPosition("flat,long")
        .maxPositions(3));
    assertThat(alert.fields()).containsKeys("command", "account", "qty").doesNotContainKey("key");
  }

  @Test
  void flattenFirst_makesAPlaceAFlatPlace_asCrossTradeDocumentsIt() throws AlertRefused {
    Alert alert = read(PLACE + " flatten_first=true;");

    assertThat(alert.command()).isEqualTo(AlertCommand.FLATPLACE);
    assertThat(read(PLACE + " flatten_first=false;").command()).isEqualTo(AlertCommand.PLACE);
    assertThat(refused(PLACE + " flatten_first=true; max_positions=1;")).isEqualTo(new AlertProblem("max_positions",
        "does not go with command=FLATPLACE"));
    assertThat(refused(PLACE.replace("PLACE", "REVERSEPOSITION") + " flatten_first=true;").field())
        .isEqualTo("flatten_first");
  }

  @Test
  void limitAndStopOrders_needTheirPrices_inInstrumentPoints() throws AlertRefused {
    String limit = PLACE.replace("MARKET", "limit");
    assertThat(refused(limit)).isEqualTo(new AlertProblem("limit_price", "is required for order_type=LIMIT"));
    assertThat(read(limit + " limit_price=5500.25;").order().limitPrice()).isEqualTo(5500.25);
    assertThat(refused(limit + " limit_price=-10 ticks;").message()).contains("prices in ticks or % are not taken");
    assertThat(refused(limit + " limit_price=0;").field()).isEqualTo("limit_price");
    assertThat(refused(limit + " limit_price=1e400;").field()).isEqualTo("limit_price");
    assertThat(refused(PLACE + " stop_price=5490;")).isEqualTo(new AlertProblem("stop_price",
        "does not go with order_type=MARKET"));
    String stopLimit = PLACE.replace("MARKET", "STOPLIMIT");
    assertThat(read(stopLimit + " limit_price=5501; stop_price=5500;").order().stopPrice()).isEqualTo(5500.0);
  }

  @Test
  void closeFlattenAndCancel_takeOnlyTheirFields() throws AlertRefused {
    Alert close = read("command=closeposition; account=Sim101; instrument=MES 12-25; qty=1;");
    assertThat(close.closeQuantity()).isEqualTo(1);
    assertThat(read("command=CLOSEPOSITION; account=Sim101; instrument=MES 12-25;").closeQuantity()).isNull();
    Alert flatten = read("command=FLATTEN; account=Sim101;");
    assertThat(flatten.command().operationId()).isEqualTo("flatten");
    assertThat(flatten.instrument()).isNull();
    assertThat(read("command=CANCEL; account=Sim101; order_id=ce0a8e5002ea;").orderId()).isEqualTo("ce0a8e5002ea");
    assertThat(refused("command=CANCEL; account=Sim101; instrument=ES;")).isEqualTo(new AlertProblem("order_id",
        "is required"));
    assertThat(refused("command=CANCEL; account=Sim101; order_id=../x;").field()).isEqualTo("order_id");
    assertThat(refused("command=FLATTEN; account=Sim101; action=BUY;")).isEqualTo(new AlertProblem("action",
        "does not go with command=FLATTEN"));
  }

  @Test
  void anEmptyFlatten_isNeverReachable_theAccountIsRequired_andOnlyOne() {
    assertThat(refused("command=FLATTEN;")).isEqualTo(new AlertProblem("account", "is required"));
    assertThat(refused("command=FLATTEN; account=;")).isEqualTo(new AlertProblem("account", "is required"));
    assertThat(refused("command=FLATTEN; account=Sim101,Sim102;").message()).contains("one account per alert");
  }

  @Test
  void whatTheApiCannotCarry_isRefusedNamingTheField() {
    assertThat(refused(PLACE + " take_profit=10;").message()).contains("ATM template with strategy=");
    assertThat(refused(PLACE + " start_time=09:30;").field()).isEqualTo("start_time");
    assertThat(refused(PLACE + " rate_limit=2; id=g1;").field()).isEqualTo("rate_limit");
    assertThat(refused(PLACE + " colour=red;")).isEqualTo(new AlertProblem("colour",
        "is not a field this desk accepts (see CrossTrade's alert syntax)"));
    assertThat(refused(PLACE.replace("PLACE", "REVERSE")).message()).startsWith("must be PLACE, FLATPLACE");
    assertThat(refused("command=FLATTENEVERYTHING; account=Sim101;").field()).isEqualTo("command");
    assertThat(refused("account=Sim101;")).isEqualTo(new AlertProblem("command", "is required"));
  }

  @Test
  void orderFields_areChecked() {
    assertThat(refused(PLACE.replace("buy", "BUYTOCOVER"))).isEqualTo(new AlertProblem("action",
        "must be BUY or SELL"));
    assertThat(refused(PLACE.replace("qty=2", "qty=0")).message()).isEqualTo("must be a whole number from 1 to 1000");
    assertThat(refused(PLACE.replace("qty=2", "qty=1.5")).field()).isEqualTo("qty");
    assertThat(refused(PLACE.replace("qty=2", "qty=1001")).field()).isEqualTo("qty");
    assertThat(refused(PLACE.replace("MARKET", "STOP")).field()).isEqualTo("order_type");
    assertThat(refused(PLACE.replace("DAY", "IOC")).field()).isEqualTo("tif");
    assertThat(refused(PLACE.replace(" instrument=MES 12-25;", ""))).isEqualTo(new AlertProblem("instrument",
        "is required"));
    assertThat(refused(PLACE + " require_market_position=up;").field()).isEqualTo("require_market_position");
  }
}
