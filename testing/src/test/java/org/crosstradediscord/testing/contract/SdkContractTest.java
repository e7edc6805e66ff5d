package org.crosstradediscord.testing.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.InvalidRequestException;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.api.Operations.Operation;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.OrdersResponse;
import org.crosstradediscord.client.model.PositionsResponse;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated client, through the front door, against a real WireMock serving the spec's own examples:
 * every request the SDK sends and every response served are validated against openapi.yaml.
 */
class SdkContractTest {
  private static final WireMockSpecServer WM = new WireMockSpecServer();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    WM.reset();
  }

  @AfterAll
  static void stop() {
    WM.close();
  }

  static Stream<Arguments> successCases() {
    return Spec.get().operations().stream().flatMap(op -> op.requestExamples().stream()
        .flatMap(req -> op.responses(200).stream().map(res -> Arguments.of(op.operationId(), req, res))));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("successCases")
  void operation_sendsTheDocumentedRequest_andRoundTripsTheDocumentedResponse(
      String operationId, SpecExample request, SpecExample response) throws Exception {
    SpecOperation op = Spec.get().operation(operationId);
    Map<String, Object> params = params(op, request);
    String path = op.pathWith(params);
    WM.server.stubFor(WireMock.request(op.method(), urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(response.json())));

    Object result = SdkOperations.call(WM.client(), operationId, "Sim101", request.json());

    RequestPatternBuilder sent = RequestPatternBuilder.newRequestPattern(RequestMethod.fromString(op.method()),
        urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + WireMockSpecServer.TOKEN));
    if (op.hasBody()) {
      sent.withRequestBody(equalToJson(request.json()));
    } else {
      op.queryWith(params).forEach((k, v) -> sent.withQueryParam(k, equalTo(v)));
    }
    WM.server.verify(1, sent);
    assertThat(WM.server.getAllServeEvents()).hasSize(1);
    assertThat(JSON.readTree(SdkOperations.toJson(result))).isEqualTo(withoutNulls(JSON.readTree(response.json())));
    assertThat(WM.validation.exchanges()).hasSize(1);
    assertThat(WM.validation.exchanges().get(0).report().getMessages())
        .as(WM.validation.exchanges().get(0).describe()).isEmpty();
  }

  /**
   * Coverage from the SDK's own operations table (generated from openapi.yaml): every row is called through the
   * front door and arrives as exactly one request with the row's HTTP method on the row's path template, valid
   * against the spec; and the contract cases above include every row.
   */
  @Test
  void everyOperationOfTheTable_isExercisedThroughTheSdk_onItsMethodAndPath() throws Exception {
    assertThat(Operations.ALL).isNotEmpty();
    for (Operation row : Operations.ALL) {
      WM.reset();
      SpecOperation op = Spec.get().operation(row.operationId());
      SpecExample request = op.requestExamples().get(0);
      WM.server.stubFor(WireMock.request(row.httpMethod(), urlPathMatching(SpecOperation.pathPattern(
          row.pathTemplate()).pattern())).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody(op.responses(200).get(0).json())));

      Object result = SdkOperations.call(WM.client(), row.operationId(), "Sim101", request.json());

      assertThat(result).as(row.operationId()).isNotNull();
      assertThat(WM.server.getAllServeEvents()).as(row.operationId()).singleElement().satisfies(e -> {
        assertThat(e.getRequest().getMethod().getName()).isEqualTo(row.httpMethod());
        assertThat(e.getRequest().getUrl().replaceFirst("\\?.*", "")).matches(SpecOperation.pathPattern(
            row.pathTemplate()));
      });
      assertThat(WM.validation.exchanges()).singleElement()
          .satisfies(x -> assertThat(x.report().getMessages()).as(x.describe()).isEmpty());
    }
    assertThat(successCases().map(a -> (String) a.get()[0]).distinct())
        .containsExactlyInAnyOrderElementsOf(Operations.ALL.stream().map(Operation::operationId).toList());
  }

  @Test
  void flatPlace_withAccountNeedingEncoding_isPercentEncodedInThePath() {
    WM.server.stubFor(post(urlPathEqualTo("/v1/api/accounts/Sim%20101%2FA/orders/flatplace"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"orderId\":\"abc123\",\"success\":true}")));

    OrderIdResponse placed = WM.client().flatPlaceOrder("Sim 101/A", marketBuy());

    assertThat(placed.getOrderId()).isEqualTo("abc123");
    assertThat(WM.server.getAllServeEvents().get(0).getRequest().getUrl())
        .isEqualTo("/v1/api/accounts/Sim%20101%2FA/orders/flatplace");
  }

  @Test
  void responseWithUnknownFields_isAccepted_andKeepsThem() {
    WM.server.stubFor(post(urlPathEqualTo(Spec.get().operation("flatPlaceOrder").path("Sim101")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"orderId\":\"abc\",\"success\":true,\"fillPrice\":5500.25}")));

    OrderIdResponse placed = WM.client().flatPlaceOrder("Sim101", marketBuy());

    assertThat(placed.getOrderId()).isEqualTo("abc");
    assertThat(placed.getAdditionalProperty("fillPrice")).isEqualTo(5500.25);
    assertThat(WM.validation.exchanges().get(0).report().getMessages()).isEmpty();
  }

  @Test
  void flatPlace_withLimitOrderWithoutLimitPrice_isRejected_beforeAnyRequest() {
    CrossTradeClient client = WM.client();
    OrderRequest limit = marketBuy().orderType(OrderType.LIMIT);

    assertThatThrownBy(() -> client.flatPlaceOrder("Sim101", limit))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limitPrice");
    assertThat(WM.server.getAllServeEvents()).isEmpty();
  }

  @Test
  void flatten_withNoFilters_isRejected_beforeAnyRequest() {
    CrossTradeClient client = WM.client();

    assertThatThrownBy(() -> client.flatten(new FlattenRequest()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("flattenEverything()");
    assertThatThrownBy(() -> client.flatten(null)).isInstanceOf(InvalidRequestException.class);
    assertThat(WM.server.getAllServeEvents()).isEmpty();
  }

  @Test
  void flattenEverything_sendsAnEmptyObject() throws Exception {
    WM.server.stubFor(post(urlPathEqualTo("/v1/api/positions/flatten")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"orderIds\":[],\"closedPositions\":[],\"success\":true}")));

    WM.client().flattenEverything();

    JsonNode sent = JSON.readTree(WM.server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(sent.isObject() && sent.isEmpty()).as(sent.toString()).isTrue();
  }

  @Test
  void stubThatBreaksTheSpec_isReportedByTheValidation() {
    WM.server.stubFor(post(urlPathEqualTo(Spec.get().operation("closePosition").path("Sim101")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"closedPositions\":[{\"account\":\"Sim101\",\"instrument\":\"ES 12-25\","
                + "\"marketPosition\":\"Long\",\"quantity\":\"four\"}],\"success\":true}")));

    try {
      WM.client().closePosition("Sim101",
          new org.crosstradediscord.client.model.ClosePositionRequest().instrument("ES 12-25"));
    } catch (RuntimeException expectedUnreadable) {
      // the SDK cannot read "four" as a quantity either; what matters here is the validator's report
    }

    assertThat(WM.validation.exchanges().get(0).report().getMessages()).extracting(m -> m.getKey())
        .contains("validation.response.body.schema.type");
  }

  /** The SDK does not write null fields: a documented {@code "tag": null} round-trips as absent. */
  static JsonNode withoutNulls(JsonNode n) {
    if (n.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
      n.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          o.set(f.getKey(), withoutNulls(f.getValue()));
        }
      });
      return o;
    }
    if (n.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
      n.forEach(e -> a.add(withoutNulls(e)));
      return a;
    }
    return n;
  }

  static Map<String, Object> params(SpecOperation op, SpecExample request) throws Exception {
    Map<String, Object> params = new LinkedHashMap<>(op.parameterExamples());
    params.put("account", "Sim101");
    if (!op.hasBody()) {
      JSON.readTree(request.json()).fields().forEachRemaining(f ->
          params.put(f.getKey(), f.getValue().isBoolean() ? f.getValue().asBoolean() : f.getValue().asText()));
    }
    return params;
  }

  @Test
  void read_whoseConnectionIsResetBeforeAnyResponse_isSentOnceMore_andSucceeds() {
    String path = Spec.get().operation("listPositions").path("Sim101");
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).inScenario("reset").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(Spec.get().operation("listPositions").responses(200).get(0).json())));

    PositionsResponse r = WM.client().listPositions("Sim101");

    assertThat(r.getPositions()).singleElement().satisfies(p -> assertThat(p.getQuantity()).isEqualTo(7));
    WM.server.verify(2, WireMock.getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void read_answeredWithGarbageInsteadOfAResponse_isResentOnceByTheSdk() {
    // the JDK does not re-send this one itself (bytes arrived, but no HTTP response): the SDK's own retry does
    String path = Spec.get().operation("getOrder").path("Sim101");
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).inScenario("garbage").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)).willSetStateTo("recovered"));
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).inScenario("garbage").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(Spec.get().operation("getOrder").responses(200).get(0).json())));

    assertThat(WM.client().getOrder("Sim101", "ce0a8e5002ea463e856eb6384f5cee7e").getOrderState())
        .isEqualTo("CancelPending");
    WM.server.verify(2, WireMock.getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void read_failingTwice_isSentExactlyTwice_thenFails() {
    String path = Spec.get().operation("listOrders").path("Sim101");
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> WM.client().listOrders("Sim101")).isInstanceOf(CrossTradeException.class)
        .hasMessageContaining("nothing was changed").hasMessageNotContaining("may have been executed");
    WM.server.verify(2, WireMock.getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void read_slowerThanTheTimeout_failsWithinOneDeadline_andIsNotResent() {
    String path = Spec.get().operation("getAllPositions").path("Sim101");
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"positions\":[],\"success\":true}")
        .withChunkedDribbleDelay(10, 3_000)));

    long start = System.nanoTime();
    OutcomeUnknownException e = org.assertj.core.api.Assertions.catchThrowableOfType(OutcomeUnknownException.class,
        () -> WM.client(java.time.Duration.ofMillis(500)).getAllPositions(null));
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(e.reason()).isEqualTo(OutcomeUnknownException.Reason.TIMEOUT);
    assertThat(ms).as("one deadline (500 ms) covers the body too").isLessThan(2_000);
    WM.server.verify(1, WireMock.getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void read_withABodyLargerThanTheLimit_isUnreadable_andIsNotResent() {
    String path = Spec.get().operation("listOrders").path("Sim101");
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"orders\":[],\"pad\":\"" + "a".repeat(2 << 20) + "\",\"success\":true}")));

    OutcomeUnknownException e = org.assertj.core.api.Assertions.catchThrowableOfType(OutcomeUnknownException.class,
        () -> WM.client().listOrders("Sim101"));

    assertThat(e.reason()).isEqualTo(OutcomeUnknownException.Reason.UNREADABLE_RESPONSE);
    assertThat(e.getMessage()).contains("larger than 1048576 bytes");
    WM.server.verify(1, WireMock.getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void read_answeredWithAnError_isNotResent() {
    String path = Spec.get().operation("getAccount").path("Sim101");
    WM.server.stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503).withBody("busy")));

    assertThatThrownBy(() -> WM.client().getAccount("Sim101")).isInstanceOf(CrossTradeException.class);
    WM.server.verify(1, WireMock.getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void cancel_isAPost_whoseConnectionIsReset_isSentExactlyOnce() {
    String path = Spec.get().operation("cancelOrder").path("Sim101");
    WM.server.stubFor(post(urlPathEqualTo(path)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
    WM.server.stubFor(post(urlPathEqualTo(path)).inScenario("reset").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"orderId\":\"ce0a8e5002ea463e856eb6384f5cee7e\",\"success\":true}")));

    assertThatThrownBy(() -> WM.client().cancelOrder("Sim101", "ce0a8e5002ea463e856eb6384f5cee7e"))
        .isInstanceOf(OutcomeUnknownException.class);
    WM.server.verify(1, postRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void cancel_sendsAnEmptyObject_andTheNotFoundTextIsARefusal() throws Exception {
    String path = Spec.get().operation("cancelOrder").path("Sim101");
    WM.server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody(Spec.get().operation("cancelOrder").responses(400).get(0).json())));

    RequestRejectedException e = org.assertj.core.api.Assertions.catchThrowableOfType(RequestRejectedException.class,
        () -> WM.client().cancelOrder("Sim101", "ce0a8e5002ea463e856eb6384f5cee7e"));

    assertThat(e.error()).hasValueSatisfying(t -> assertThat(t).contains("not found or already terminal"));
    JsonNode sent = JSON.readTree(WM.server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(sent.isObject() && sent.isEmpty()).as(sent.toString()).isTrue();
    WM.server.verify(1, postRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void reads_withUnknownFieldsAtEveryLevel_andUnknownEnumValues_areRead_andKeepThem() {
    WM.server.stubFor(WireMock.get(urlPathEqualTo("/v1/api/positions")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"positions\":[{\"account\":\"Sim101\","
            + "\"instrument\":\"ES 12-25\",\"marketPosition\":\"Hedged\",\"quantity\":1,\"averagePrice\":5800.25,"
            + "\"newNested\":{\"a\":[1,2]}}],\"count\":1,\"success\":true,\"cursor\":\"next\"}")));
    WM.server.stubFor(WireMock.get(urlPathEqualTo("/v1/api/accounts/Sim101")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"name\":\"Sim101\",\"riskProfile\":{\"x\":1},"
            + "\"item\":{\"cashValue\":1000.5,\"realizedProfitLoss\":-12.5,\"unrealizedProfitLoss\":40.0,"
            + "\"someNewValue\":3.0},\"success\":true}")));
    WM.server.stubFor(WireMock.get(urlPathEqualTo("/v1/api/accounts/Sim101/orders")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"orders\":[{\"orderId\":\"o1\","
            + "\"orderState\":\"SomeNewState\",\"orderType\":\"MIT\",\"ocoGroup\":{\"id\":\"g\"}}],\"success\":true}")));

    PositionsResponse all = WM.client().getAllPositions(null);
    Account account = WM.client().getAccount("Sim101");
    OrdersResponse orders = WM.client().listOrders("Sim101");

    assertThat(all.getAdditionalProperty("cursor")).isEqualTo("next");
    assertThat(all.getPositions().get(0).getMarketPosition()).isEqualTo(MarketPosition.UNKNOWN_DEFAULT_OPEN_API);
    assertThat(all.getPositions().get(0).getAdditionalProperty("newNested")).isNotNull();
    assertThat(account.getItem().getCashValue()).isEqualTo(1000.5);
    assertThat(account.getItem().getRealizedProfitLoss()).isEqualTo(-12.5);
    assertThat(account.getItem().getAdditionalProperty("someNewValue")).isEqualTo(3.0);
    assertThat(account.getAdditionalProperty("riskProfile")).isNotNull();
    assertThat(orders.getOrders().get(0).getOrderState()).isEqualTo("SomeNewState");
    assertThat(WM.validation.exchanges()).allSatisfy(x -> assertThat(x.report().getMessages()).as(x.describe())
        .filteredOn(m -> !m.getMessage().contains("Hedged")).isEmpty());
  }

  @Test
  void getPosition_percentEncodesTheInstrumentInTheQuery_andGetAllPositionsSendsIncludeFlat() {
    WM.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(
            "{\"account\":\"Sim101\",\"instrument\":\"ES 12-25\",\"marketPosition\":\"Flat\",\"quantity\":0,"
                + "\"positions\":[],\"success\":true}")));

    WM.client().getPosition("Sim 101", "ES 12-25");
    WM.client().getAllPositions(true);
    WM.client().getAllPositions(null);

    assertThat(WM.server.getAllServeEvents()).extracting(e -> e.getRequest().getUrl()).containsExactlyInAnyOrder(
        "/v1/api/accounts/Sim%20101/position?instrument=ES%2012-25", "/v1/api/positions?includeFlat=true",
        "/v1/api/positions");
  }

  @Test
  void reads_withBlankAccountOrderIdOrInstrument_areRejected_beforeAnyRequest() {
    CrossTradeClient client = WM.client();

    assertThatThrownBy(() -> client.getOrder("Sim101", " ")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("orderId");
    assertThatThrownBy(() -> client.cancelOrder("Sim101", null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.getPosition("Sim101", "")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("instrument");
    assertThatThrownBy(() -> client.listPositions(" ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.listOrders(null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.getAccount("")).isInstanceOf(InvalidRequestException.class);
    assertThat(WM.server.getAllServeEvents()).isEmpty();
  }

  static OrderRequest marketBuy() {
    return new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1)
        .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY);
  }
}
