package org.crosstradediscord.testing.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.AccountWatermarks;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;
import org.crosstradediscord.client.model.PositionsResponse;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.client.model.WatermarksResponse;
import org.crosstradediscord.testing.contract.SdkOperations;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's upstream semantics, through the real SDK over real HTTP; every answer must obey the spec. */
class SimulatorTest {
  static final String TOKEN = "sim-token-abcdef";
  static final CrossTradeSimulator SIM = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101", "Sim102"),
      Map.of("MES 12-25", 6000.0, "ES 12-25", 5800.0));
  static final OpenApiInteractionValidator VALIDATOR = Spec.get().validator();

  final CrossTradeClient client = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl()).build();

  @BeforeEach
  void reset() {
    SIM.reset();
  }

  @AfterEach
  void everyAnswerObeysTheSpec() {
    for (RecordedRequest r : SIM.requests()) {
      if (r.operationId() == null || r.status() >= 500) {
        continue; // 5xx only comes from the injected fault: the upstream documents no 5xx body
      }
      var report = VALIDATOR.validateResponse(r.path(), Request.Method.valueOf(r.method()), SimpleResponse.Builder.status(r.status())
          .withContentType("application/json").withBody(r.response().toString()).build());
      assertThat(report.getMessages()).as(r.status() + " " + r.response()).isEmpty();
    }
  }

  @AfterAll
  static void stop() {
    SIM.close();
  }

  static OrderRequest market(OrderAction side, int qty, String instrument) {
    return new OrderRequest().instrument(instrument).action(side).quantity(qty).orderType(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY);
  }

  @Test
  void flatPlace_marketOrder_fillsAtTheConfiguredPrice() {
    OrderIdResponse r = client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 2, "MES 12-25"));

    assertThat(r.getOrderId()).matches("[0-9a-f]{32}");
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isEqualTo(2);
    assertThat(SIM.book().snapshot().at("/accounts/0/positions/0/averagePrice").asDouble()).isEqualTo(6000.0);
  }

  @Test
  void flatPlace_closesAnExistingPositionFirst_thenPlaces() {
    SIM.book().setPosition("Sim101", "MES 12-25", -3, 6010.0);

    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "MES 12-25"));

    assertThat(SIM.book().position("Sim101", "MES 12-25")).isEqualTo(1);
  }

  @Test
  void flatPlace_limitOrder_restsAsAWorkingOrder() {
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "MES 12-25").orderType(OrderType.LIMIT).limitPrice(5990.0));

    assertThat(SIM.book().position("Sim101", "MES 12-25")).isZero();
    assertThat(SIM.book().workingOrders("Sim101")).singleElement()
        .satisfies(o -> assertThat(o.limitPrice()).isEqualTo(5990.0));
  }

  @Test
  void reverse_whenFlat_givesTheDocumentedError_andPlacesNothing() {
    NoPositionException e = catchThrowableOfType(NoPositionException.class,
        () -> client.reversePosition("Sim101", market(OrderAction.SELL, 1, "ES 12-25")));

    assertThat(e.error()).contains("No position found for instrument 'ES 12-25' in account 'sim101'");
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();
  }

  @Test
  void reverse_withAPosition_closesItAndPlacesTheNewOrder() {
    SIM.book().setPosition("Sim101", "ES 12-25", 2, 5790.0);

    client.reversePosition("sim101", market(OrderAction.SELL, 2, "ES 12-25"));

    assertThat(SIM.book().position("Sim101", "ES 12-25")).isEqualTo(-2);
  }

  @Test
  void close_byQuantity_byPercentRoundedUp_andAll() {
    SIM.book().setPosition("Sim101", "ES 12-25", 10, 5790.0);

    ClosedPositionsResponse three = client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25").quantity(3));
    assertThat(three.getClosedPositions().get(0).getQuantity()).isEqualTo(3);
    assertThat(three.getClosedPositions().get(0).getMarketPosition()).isEqualTo(MarketPosition.LONG);
    assertThat(three.getClosedPositions().get(0).getUnrealizedProfitLoss()).isEqualTo((5800.0 - 5790.0) * 3 * 50);
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isEqualTo(7);

    client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25").percent(0.1));
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isEqualTo(6);

    client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25"));
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();
  }

  @Test
  void close_whenNothingIsOpen_givesTheDocumentedError() {
    NoPositionException e = catchThrowableOfType(NoPositionException.class,
        () -> client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-24")));
    assertThat(e.error()).contains("No positions found for instrument 'ES 12-24'");
  }

  @Test
  void flatten_withFilters_closesOnlyMatchingPositions_andCancelsTheirOrders() {
    SIM.book().setPosition("Sim101", "MES 12-25", -2, 6005.0);
    SIM.book().setPosition("Sim101", "ES 12-25", 1, 5790.0);
    SIM.book().setPosition("Sim102", "MES 12-25", -1, 6005.0);
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "NQ 12-25").orderType(OrderType.LIMIT).limitPrice(1.0));
    SIM.book().setPosition("Sim101", "MES 12-25", -2, 6005.0);

    FlattenResponse r = client.flatten(new FlattenRequest().account("Sim101").instrument("MES 12-25")
        .marketPosition(MarketPositionFilter.SHORT));

    assertThat(r.getClosedPositions()).singleElement().satisfies(p -> {
      assertThat(p.getInstrument()).isEqualTo("MES 12-25");
      assertThat(p.getMarketPosition()).isEqualTo(MarketPosition.SHORT);
    });
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isZero();
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isEqualTo(1);
    assertThat(SIM.book().position("Sim102", "MES 12-25")).isEqualTo(-1);
    assertThat(SIM.book().workingOrders("Sim101")).hasSize(1);
  }

  @Test
  void flattenEverything_closesEveryAccount_andCancelsEveryOrder() {
    SIM.book().setPosition("Sim101", "MES 12-25", -2, 6005.0);
    SIM.book().setPosition("Sim102", "ES 12-25", 4, 5790.0);
    client.flatPlaceOrder("Sim102", market(OrderAction.BUY, 1, "NQ 12-25").orderType(OrderType.LIMIT).limitPrice(1.0));

    FlattenResponse r = client.flattenEverything();

    assertThat(r.getClosedPositions()).extracting(p -> p.getAccount() + " " + p.getInstrument())
        .containsExactlyInAnyOrder("Sim101 MES 12-25", "Sim102 ES 12-25");
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isZero();
    assertThat(SIM.book().workingOrders("Sim102")).isEmpty();
    assertThat(SIM.book().snapshot().toString()).doesNotContain("\"quantity\"");
  }

  @Test
  void flatten_nothingMatching_succeedsWithAWarning() {
    FlattenResponse r = client.flatten(new FlattenRequest().account("Sim101"));
    assertThat(r.getWarning()).contains("nothing was flattened");
  }

  @Test
  void accountNames_areCaseInsensitive_unknownAccountsAreRejected() {
    client.flatPlaceOrder("SIM102", market(OrderAction.SELL, 1, "MES 12-25"));
    assertThat(SIM.book().position("Sim102", "MES 12-25")).isEqualTo(-1);

    RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class,
        () -> client.flatPlaceOrder("Sim999", market(OrderAction.SELL, 1, "MES 12-25")));
    assertThat(e.error()).contains("invalid_account");
    assertThat(e.detail()).contains("Account Sim999 not found");
  }

  @Test
  void aRootSymbol_tradesTheFrontMonth_asCrossTradeDoes_andAnUnknownRootIsRefused() {
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "MES"));
    assertThat(SIM.book().position("Sim101", "MES 12-25")).as("the front month, never an instrument called MES")
        .isEqualTo(1);
    assertThat(SIM.book().snapshot().toString()).doesNotContain("\"MES\"");
    RequestRejectedException unknown = catchThrowableOfType(RequestRejectedException.class,
        () -> client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "XYZ")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).hasValue("Invalid request");
    assertThat(unknown.detail()).hasValueSatisfying(d -> assertThat(d).contains("'XYZ' is unknown"));
    assertThat(SIM.book().snapshot().toString()).doesNotContain("XYZ");
  }

  @Test
  void wrongToken_is401_andExecutesNothing() {
    CrossTradeClient stranger = CrossTradeClient.builder().token("wrong").baseUrl(SIM.baseUrl()).build();
    catchThrowableOfType(UnauthorizedException.class, () -> stranger.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25")));
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();
    assertThat(SIM.requests()).singleElement().satisfies(r -> assertThat(r.authorized()).isFalse());
  }

  @Test
  void disconnected_is408_andExecutesNothing() {
    SIM.faults().disconnected(true);
    catchThrowableOfType(NinjaTraderNotConnectedException.class,
        () -> client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25")));
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();
  }

  /**
   * GET Watermarks (reference §4.1): the Account Manager's session highs of total P&amp;L, net liquidation and
   * unrealized P&amp;L, kept as the book changes, answered over REST and WebSocket while NinjaTrader is offline (the
   * add-on's reads are 408 meanwhile); a test hook sets them; a new session starts them from the current values.
   */
  @Test
  void watermarks_keepTheSessionsHighs_andAreAnsweredWhileNinjaTraderIsOffline() {
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 2, "ES 12-25")); // fills at 5800
    SIM.book().setPrice("ES 12-25", 5810.0); // unrealized +1000: the high
    SIM.book().setPrice("ES 12-25", 5795.0); // unrealized -500 now
    SIM.faults().disconnected(true);

    WatermarksResponse rest = client.getWatermarks("sim101");
    WatermarksResponse ws;
    try (CrossTradeClient overWebSocket = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl())
        .transport(TransportType.WEBSOCKET).build()) {
      ws = overWebSocket.getWatermarks("Sim101");
    }

    AccountWatermarks data = rest.getData();
    assertThat(data.getAccount()).isEqualTo("Sim101");
    assertThat(data.getWatermarks().getPnlhigh()).isEqualTo(1000.0);
    assertThat(data.getWatermarks().getUnrealhigh()).isEqualTo(1000.0);
    assertThat(data.getWatermarks().getNetliqhigh()).isEqualTo(Book.STARTING_CASH + 1000.0);
    assertThat(data.getStats().getUnrealized()).isEqualTo(-500.0);
    assertThat(data.getStats().getPnl()).isEqualTo(-500.0);
    assertThat(data.getStats().getNetliq()).isEqualTo(Book.STARTING_CASH - 500.0);
    assertThat(data.getStats().getPoscount()).isEqualTo(1);
    assertThat(data.getStats().getNetliqhigh()).isEqualTo(data.getWatermarks().getNetliqhigh());
    assertThat(ws).isEqualTo(rest);
    catchThrowableOfType(NinjaTraderNotConnectedException.class, () -> client.getPosition("Sim101", "ES 12-25"));
    assertThat(SIM.requests()).extracting(RecordedRequest::status).containsExactly(200, 200, 200, 408);

    SIM.book().setWatermarks("Sim102", 250.0, Book.STARTING_CASH + 250.0, 0.0);
    assertThat(client.getWatermarks("Sim102").getData().getWatermarks().getNetliqhigh())
        .isEqualTo(Book.STARTING_CASH + 250.0);
    assertThat(catchThrowableOfType(RequestRejectedException.class, () -> client.getWatermarks("Sim999")).status())
        .isEqualTo(400);

    SIM.reset(); // a new session
    assertThat(client.getWatermarks("Sim101").getData().getWatermarks().getNetliqhigh()).isEqualTo(Book.STARTING_CASH);
  }

  @Test
  void rateLimit_allowsABurstOf20_thenAnswers429WithRetryAfter() {
    SIM.faults().rateLimit(true);
    CrossTradeClient client = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl())
        .rateLimiter(org.crosstradediscord.client.RateLimiter.disabled()).build();
    int ok = 0;
    RateLimitedException limited = null;
    long start = System.nanoTime();
    for (int i = 0; i < 200 && limited == null; i++) {
      try {
        client.flatten(new FlattenRequest().account("Sim101"));
        ok++;
      } catch (RateLimitedException e) {
        limited = e;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // a burst of 20, plus what the bucket refilled (3 per second) while the calls ran on a possibly busy machine
    assertThat(ok).isBetween(20, 20 + (int) Math.ceil(seconds * 3) + 1);
    assertThat(limited).isNotNull();
    assertThat(limited.error()).contains("Rate limit exceeded");
    assertThat(limited.retryAfter()).isPresent();
  }

  @Test
  void latencyPastTheClientTimeout_isOutcomeUnknown_andTheOrderWasPlacedAnyway() {
    SIM.faults().latency(Duration.ofMillis(800));
    CrossTradeClient impatient = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl())
        .requestTimeout(Duration.ofMillis(200)).build();

    catchThrowableOfType(OutcomeUnknownException.class,
        () -> impatient.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25")));

    assertThat(SIM.book().position("Sim101", "ES 12-25")).as("why the SDK says 'outcome unknown'").isEqualTo(1);
    assertThat(SIM.requests()).hasSize(1);
  }

  @Test
  void serverErrorFault_is5xx_forTheNextRequestOnly() {
    SIM.faults().serverError(503, 1);
    catchThrowableOfType(OutcomeUnknownException.class,
        () -> client.flatten(new FlattenRequest().account("Sim101")));
    client.flatten(new FlattenRequest().account("Sim101"));
    assertThat(SIM.requests()).extracting(RecordedRequest::status).containsExactly(503, 200);
  }

  @Test
  void bodyTheSpecForbids_is400InvalidRequest_andExecutesNothing() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(SIM.baseUrl() + "/v1/api/accounts/Sim101/orders/flatplace"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"instrument\":\"ES 12-25\",\"action\":\"BUY\",\"quantity\":0,\"orderType\":\"MARKET\",\"timeInForce\":\"DAY\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Invalid request");
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();
  }

  @Test
  void everySeedExampleRequest_isAcceptedByTheSimulator() {
    for (SpecOperation op : Spec.get().operations()) {
      for (SpecExample ex : op.requestExamples()) {
        seedTheDocsExampleState();
        SdkOperations.call(client, op.operationId(), "Sim101", ex.json());
      }
    }
    assertThat(SIM.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.status()).as(r.path()).isEqualTo(200));
  }

  /** Positions in the docs' example instruments and a working order with the docs' example order id. */
  static void seedTheDocsExampleState() {
    SIM.book().setPosition("Sim101", "MES 12-25", 1, 6000.0);
    SIM.book().setPosition("Sim101", "MES 03-25", 8, 6000.0);
    SIM.book().setPosition("Sim101", "ES 12-25", 4, 5779.8125);
    if (!"Working".equals(SIM.book().orderState("Sim101", (String) Spec.get().operation("cancelOrder")
        .parameterExamples().get("orderId")))) {
      SIM.book().addWorkingLimitOrder("Sim101", (String) Spec.get().operation("cancelOrder").parameterExamples()
          .get("orderId"), "ES 12-25", "BUY", 1, 5400.0);
    }
  }

  @Test
  void limitOrder_restsWhileThePriceHasNotCrossedIt_thenFillsAtItsLimit() {
    OrderIdResponse placed = client.flatPlaceOrder("Sim101",
        market(OrderAction.BUY, 2, "MES 12-25").orderType(OrderType.LIMIT).limitPrice(5990.0));

    Order working = client.getOrder("Sim101", placed.getOrderId());
    assertThat(working.getOrderState()).isEqualTo("Working");
    assertThat(working.getOrderAction()).isEqualTo("Buy");
    assertThat(working.getOrderType()).isEqualTo("Limit");
    assertThat(working.getLimitPrice()).isEqualTo(5990.0);
    assertThat(client.listOrders("Sim101").getOrders()).extracting(Order::getOrderId).containsExactly(placed.getOrderId());

    SIM.book().setPrice("MES 12-25", 5990.25);
    assertThat(client.getOrder("Sim101", placed.getOrderId()).getOrderState()).as("not crossed yet").isEqualTo("Working");
    assertThat(client.getPosition("Sim101", "MES 12-25").getMarketPosition()).isEqualTo(MarketPosition.FLAT);

    SIM.book().setPrice("MES 12-25", 5989.5);

    Order filled = client.getOrder("Sim101", placed.getOrderId());
    assertThat(filled.getOrderState()).isEqualTo("Filled");
    assertThat(filled.getFilled()).isEqualTo(2);
    assertThat(filled.getAverageFillPrice()).isEqualTo(5990.0);
    Position p = client.getPosition("Sim101", "MES 12-25");
    assertThat(p.getMarketPosition()).isEqualTo(MarketPosition.LONG);
    assertThat(p.getQuantity()).isEqualTo(2);
    assertThat(p.getAveragePrice()).isEqualTo(5990.0);
    assertThat(p.getUnrealizedProfitLoss()).isEqualTo((5989.5 - 5990.0) * 2 * 5);
    assertThat(SIM.book().workingOrders("Sim101")).isEmpty();
  }

  @Test
  void sellLimitAboveTheMarket_andStopMarketBelow_fillOnlyWhenCrossed() {
    SIM.book().setPosition("Sim101", "ES 12-25", 2, 5790.0);
    OrderIdResponse target = client.flatPlaceOrder("Sim102",
        market(OrderAction.SELL, 1, "ES 12-25").orderType(OrderType.LIMIT).limitPrice(5810.0));
    OrderIdResponse stop = client.flatPlaceOrder("Sim101",
        market(OrderAction.SELL, 1, "ES 12-25").orderType(OrderType.STOPMARKET).stopPrice(5780.0));
    assertThat(SIM.book().position("Sim101", "ES 12-25")).as("flat-place closed the long first").isZero();

    SIM.book().setPrice("ES 12-25", 5809.75);
    assertThat(SIM.book().orderState("Sim102", target.getOrderId())).isEqualTo("Working");
    SIM.book().setPrice("ES 12-25", 5810.0);
    assertThat(SIM.book().orderState("Sim102", target.getOrderId())).isEqualTo("Filled");
    assertThat(SIM.book().position("Sim102", "ES 12-25")).isEqualTo(-1);

    assertThat(SIM.book().orderState("Sim101", stop.getOrderId())).isEqualTo("Working");
    SIM.book().setPrice("ES 12-25", 5779.5);
    assertThat(SIM.book().orderState("Sim101", stop.getOrderId())).isEqualTo("Filled");
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isEqualTo(-1);
  }

  @Test
  void cancel_ofAWorkingOrder_cancelsIt_andAnyFurtherOrUnknownCancelIsTheDocumentedRefusal() {
    OrderIdResponse placed = client.flatPlaceOrder("Sim101",
        market(OrderAction.BUY, 1, "ES 12-25").orderType(OrderType.LIMIT).limitPrice(5700.0));

    OrderIdResponse cancelled = client.cancelOrder("Sim101", placed.getOrderId());

    assertThat(cancelled.getOrderId()).isEqualTo(placed.getOrderId());
    assertThat(client.getOrder("Sim101", placed.getOrderId()).getOrderState()).isEqualTo("Cancelled");
    assertThat(SIM.book().workingOrders("Sim101")).isEmpty();
    SIM.book().setPrice("ES 12-25", 5600.0);
    assertThat(SIM.book().position("Sim101", "ES 12-25")).as("a cancelled order never fills").isZero();

    RequestRejectedException again = catchThrowableOfType(RequestRejectedException.class,
        () -> client.cancelOrder("Sim101", placed.getOrderId()));
    assertThat(again.error()).contains("Order linked to '" + placed.getOrderId() + "' not found or already terminal.");
    RequestRejectedException unknown = catchThrowableOfType(RequestRejectedException.class,
        () -> client.cancelOrder("Sim101", "ffffffffffffffffffffffffffffffff"));
    assertThat(unknown.error()).hasValueSatisfying(t -> assertThat(t).endsWith("not found or already terminal."));
    OrderIdResponse market = client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25"));
    RequestRejectedException filled = catchThrowableOfType(RequestRejectedException.class,
        () -> client.cancelOrder("Sim101", market.getOrderId()));
    assertThat(filled.error()).hasValueSatisfying(t -> assertThat(t).contains("not found or already terminal"));
  }

  @Test
  void pnl_isNonZeroAfterAPriceMove_andACloseRealizesIt() {
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 2, "ES 12-25")); // fills at 5800

    SIM.book().setPrice("ES 12-25", 5810.0);

    Position p = client.getPosition("Sim101", "ES 12-25");
    assertThat(p.getMarketPrice()).isEqualTo(5810.0);
    assertThat(p.getUnrealizedProfitLoss()).isEqualTo(10 * 2 * 50.0);
    Account before = client.getAccount("Sim101");
    assertThat(before.getItem().getUnrealizedProfitLoss()).isEqualTo(1000.0);
    assertThat(before.getItem().getRealizedProfitLoss()).isZero();

    client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25").quantity(1));

    Account after = client.getAccount("Sim101");
    assertThat(after.getItem().getRealizedProfitLoss()).isEqualTo(500.0);
    assertThat(after.getItem().getUnrealizedProfitLoss()).isEqualTo(500.0);
    assertThat(after.getItem().getCashValue()).isEqualTo(Book.STARTING_CASH + 500.0);
    assertThat(after.getItem().getNetLiquidation()).isEqualTo(Book.STARTING_CASH + 1000.0);
    assertThat(client.getAccount("Sim102").getItem().getRealizedProfitLoss()).as("per account").isZero();
  }

  @Test
  void positionReads_listPositions_getAllPositionsWithAndWithoutFlat_andAFlatGetPosition() {
    SIM.book().setPosition("Sim101", "ES 12-25", 3, 5790.0);
    SIM.book().setPosition("Sim102", "MES 12-25", -1, 6010.0);
    client.closePosition("Sim102", new ClosePositionRequest().instrument("MES 12-25"));

    assertThat(client.listPositions("sim101").getPositions()).singleElement().satisfies(p -> {
      assertThat(p.getAccount()).isEqualTo("Sim101");
      assertThat(p.getQuantity()).isEqualTo(3);
      assertThat(p.getUnrealizedProfitLoss()).isEqualTo(10 * 3 * 50.0);
    });
    PositionsResponse open = client.getAllPositions(null);
    assertThat(open.getPositions()).extracting(p -> p.getAccount() + " " + p.getMarketPosition())
        .containsExactly("Sim101 Long");
    assertThat(open.getCount()).isEqualTo(1);
    assertThat(client.getAllPositions(true).getPositions()).extracting(p -> p.getAccount() + " " + p.getMarketPosition())
        .containsExactly("Sim101 Long", "Sim102 Flat");
    Position flat = client.getPosition("Sim101", "NQ 12-25");
    assertThat(flat.getMarketPosition()).isEqualTo(MarketPosition.FLAT);
    assertThat(flat.getQuantity()).isZero();
  }

  @Test
  void accountReads_listTheConfiguredAccounts_andAnUnknownAccountIsRefused() {
    assertThat(client.listAccounts().getAccounts()).extracting(Account::getName).containsExactly("Sim101", "Sim102");
    assertThat(client.getAccount("SIM102").getName()).isEqualTo("Sim102");
    RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class, () -> client.listOrders("Sim999"));
    assertThat(e.detail()).contains("Account Sim999 not found");
  }

  @Test
  void inputEnums_areMatchedCaseInsensitively_likeUpstream_butUnknownValuesAreStillRefused() throws Exception {
    HttpResponse<String> pascal = rawPost("/v1/api/accounts/Sim101/orders/flatplace",
        "{\"instrument\":\"ES 12-25\",\"action\":\"Buy\",\"orderType\":\"Market\",\"quantity\":1,\"timeInForce\":\"Gtc\"}");
    HttpResponse<String> lower = rawPost("/v1/api/positions/flatten", "{\"account\":\"Sim101\",\"marketPosition\":\"LONG\"}");
    HttpResponse<String> unknown = rawPost("/v1/api/accounts/Sim101/orders/flatplace",
        "{\"instrument\":\"ES 12-25\",\"action\":\"Sideways\",\"orderType\":\"market\",\"quantity\":1,\"timeInForce\":\"day\"}");

    assertThat(pascal.statusCode()).as(pascal.body()).isEqualTo(200);
    assertThat(lower.statusCode()).as(lower.body()).isEqualTo(200);
    assertThat(lower.body()).contains("ES 12-25");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();
    assertThat(SIM.requests().get(0).body().path("action").asText()).as("logged as received").isEqualTo("Buy");
  }

  @Test
  void priceControlEndpoint_movesThePrice_andFillsCrossedOrders() throws Exception {
    client.flatPlaceOrder("Sim101", market(OrderAction.SELL, 1, "NQ 12-25").orderType(OrderType.LIMIT).limitPrice(5100.0));

    HttpResponse<String> r = rawPost("/_sim/prices", "{\"instrument\":\"NQ 12-25\",\"price\":5100.25}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SIM.book().price("NQ 12-25")).isEqualTo(5100.25);
    assertThat(SIM.book().position("Sim101", "NQ 12-25")).isEqualTo(-1);
    assertThat(rawPost("/_sim/prices", "{\"instrument\":\"NQ 12-25\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void priceWalk_isSeeded_movesByTicks_andIsOffByDefault() throws Exception {
    Book a = new Book(List.of("A"), Map.of("ES 12-25", 5800.0));
    Book b = new Book(List.of("A"), Map.of("ES 12-25", 5800.0));
    java.util.Random ra = new java.util.Random(7);
    java.util.Random rb = new java.util.Random(7);
    List<Double> pathA = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      a.walk(ra, 0.25);
      b.walk(rb, 0.25);
      pathA.add(a.price("ES 12-25"));
      assertThat(a.price("ES 12-25")).isEqualTo(b.price("ES 12-25"));
      assertThat(a.price("ES 12-25") % 0.25).isZero();
    }
    assertThat(pathA).as("it moves").anySatisfy(p -> assertThat(p).isNotEqualTo(5800.0));

    assertThat(SIM.priceWalk().running()).isFalse();
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25"));
    HttpResponse<String> on = rawPost("/_sim/walk", "{\"intervalMs\":10,\"tick\":0.25,\"seed\":3}");
    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(on.body()).contains("intervalMs=10");
    try {
      org.crosstradediscord.testing.Poll.until(() -> SIM.book().price("ES 12-25") != 5800.0 ? java.util.Optional.of(true)
          : java.util.Optional.empty(), java.time.Duration.ofSeconds(5), () -> "the walk moves the price");
      assertThat(SIM.book().price("ES 12-25")).isNotEqualTo(5800.0);
    } finally {
      rawPost("/_sim/walk", "{\"enabled\":false}");
    }
    assertThat(SIM.priceWalk().running()).isFalse();
  }

  private static HttpResponse<String> rawPost(String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestLog_recordsWhoAskedWhatInOrder_withoutTheToken() {
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25"));
    client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25"));

    assertThat(SIM.requests()).extracting(RecordedRequest::operationId).containsExactly("flatPlaceOrder", "closePosition");
    assertThat(SIM.requests().get(0).body().path("quantity").asInt()).isEqualTo(1);
    assertThat(SIM.requests().toString()).doesNotContain(TOKEN);
  }
}
