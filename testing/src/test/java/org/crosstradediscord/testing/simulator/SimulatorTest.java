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
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.model.ClosePositionRequest;
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

  @Test
  void rateLimit_allowsABurstOf20_thenAnswers429WithRetryAfter() {
    SIM.faults().rateLimit(true);
    CrossTradeClient client = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl())
        .rateLimiter(org.crosstradediscord.client.RateLimiter.disabled()).build();
    int ok = 0;
    RateLimitedException limited = null;
    for (int i = 0; i < 25 && limited == null; i++) {
      try {
        client.flatten(new FlattenRequest().account("Sim101"));
        ok++;
      } catch (RateLimitedException e) {
        limited = e;
      }
    }
    assertThat(ok).isBetween(20, 21);
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
  void requestLog_recordsWhoAskedWhatInOrder_withoutTheToken() {
    client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1, "ES 12-25"));
    client.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25"));

    assertThat(SIM.requests()).extracting(RecordedRequest::operationId).containsExactly("flatPlaceOrder", "closePosition");
    assertThat(SIM.requests().get(0).body().path("quantity").asInt()).isEqualTo(1);
    assertThat(SIM.requests().toString()).doesNotContain(TOKEN);
  }
}
