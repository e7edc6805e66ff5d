package org.crosstradediscord.testing.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.util.stream.Stream;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.testing.contract.SdkOperations;
import org.crosstradediscord.testing.spec.SpecExample;

/** The SDK's WebSocket RPC transport against the simulator's {@code /ws/stream}. */
class WebSocketTransportTest {
  static final String TOKEN = "ws-token-123456";
  static final ObjectMapper JSON = new ObjectMapper();
  static final CrossTradeSimulator SIM = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101", "Sim102"),
      Map.of("ES 12-25", 5800.0, "MES 12-25", 6000.0));

  final List<CrossTradeClient> clients = new ArrayList<>();

  @BeforeEach
  void reset() {
    SIM.reset();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(CrossTradeClient::close);
  }

  @AfterAll
  static void stop() {
    SIM.close();
  }

  CrossTradeClient client(TransportType transport, RateLimiter limiter, Duration timeout) {
    CrossTradeClient c = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl()).transport(transport)
        .rateLimiter(limiter).requestTimeout(timeout).build();
    clients.add(c);
    return c;
  }

  CrossTradeClient ws() {
    return client(TransportType.WEBSOCKET, RateLimiter.disabled(), Duration.ofSeconds(5));
  }

  static OrderRequest market(String instrument, OrderAction side, int qty) {
    return new OrderRequest().instrument(instrument).action(side).quantity(qty).orderType(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY);
  }

  @Test
  void sdkRpcNames_equalTheSpecsXWebsocketRpc() {
    Map<String, String> fromSpec = new HashMap<>();
    for (SpecOperation op : Spec.get().operations()) {
      fromSpec.put(op.operationId(), op.websocketRpc());
    }
    assertThat(CrossTradeClient.websocketRpcNames()).isEqualTo(fromSpec);
    assertThat(Spec.get().model().getPaths().get("/v1/api/positions/flatten").getPost().getExtensions())
        .containsEntry("x-websocket-rpc-without-filters", "FlattenEverything");
  }

  /** Runs the same scenario on a fresh book over each transport; the answers must be equal. */
  @Test
  void everyRpc_givesTheSameResultAsRest_forTheSameState() throws Exception {
    List<Function<CrossTradeClient, Object>> scenario = List.of(
        c -> c.flatPlaceOrder("Sim101", market("ES 12-25", OrderAction.BUY, 3)),
        c -> c.reversePosition("sim101", market("ES 12-25", OrderAction.SELL, 1)),
        c -> c.closePosition("Sim101", new ClosePositionRequest().instrument("ES 12-25").percent(0.5)),
        c -> c.flatten(new FlattenRequest().account("Sim101")),
        c -> c.flatPlaceOrder("Sim102", market("MES 12-25", OrderAction.SELL, 2)),
        CrossTradeClient::flattenEverything);
    List<JsonNode> rest = run(client(TransportType.REST, RateLimiter.disabled(), Duration.ofSeconds(5)), scenario);
    List<String> restOps = SIM.requests().stream().map(r -> r.transport() + " " + r.operationId()).toList();
    List<JsonNode> ws = run(ws(), scenario);

    assertThat(ws).isEqualTo(rest);
    assertThat(restOps).allMatch(s -> s.startsWith("rest "));
    assertThat(SIM.requests()).extracting(RecordedRequest::transport).containsOnly("websocket");
    assertThat(SIM.requests()).extracting(RecordedRequest::operationId)
        .containsExactly("flatPlaceOrder", "reversePosition", "closePosition", "flatten", "flatPlaceOrder", "flatten");
    assertThat(SIM.requests().get(5).body()).isEqualTo(JSON.readTree("{}"));
  }

  private List<JsonNode> run(CrossTradeClient c, List<Function<CrossTradeClient, Object>> scenario) {
    SIM.reset();
    List<JsonNode> out = new ArrayList<>();
    for (Function<CrossTradeClient, Object> step : scenario) {
      JsonNode n = JSON.valueToTree(step.apply(c));
      ((ObjectNode) n).remove(List.of("orderId", "orderIds"));
      out.add(n);
    }
    return out;
  }

  static Stream<Arguments> everyOperationAndExample() {
    return Spec.get().operations().stream()
        .flatMap(op -> op.requestExamples().stream().map(ex -> Arguments.of(op.operationId(), ex)));
  }

  /**
   * The contract over WebSocket: every operation of the spec × every request example, through the SDK's RPC
   * transport against the simulator (the docs' example instruments and order id exist there); the RPC carries
   * the spec's name, and the reply's data obeys the spec's 200 response.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyOperationAndExample")
  void everyOperationAndExample_overWebSocket_isAnsweredWithTheSpecsResponse(String operationId, SpecExample example) {
    SpecOperation op = Spec.get().operation(operationId);
    SIM.book().setPosition("Sim101", "MES 12-25", 1, 6000.0);
    SIM.book().setPosition("Sim101", "MES 03-25", 8, 6000.0);
    SIM.book().setPosition("Sim101", "ES 12-25", 4, 5779.8125);
    SIM.book().addWorkingLimitOrder("Sim101", (String) op.parameterExamples().getOrDefault("orderId", "none"),
        "ES 12-25", "BUY", 1, 5400.0);

    Object result = SdkOperations.call(ws(), operationId, "Sim101", example.json());

    assertThat(result).isNotNull();
    RecordedRequest r = SIM.requests().get(SIM.requests().size() - 1);
    assertThat(r.transport()).isEqualTo("websocket");
    assertThat(r.operationId()).isEqualTo(operationId);
    assertThat(r.status()).as(r.response().toString()).isEqualTo(200);
    var report = Spec.get().validator().validateResponse(r.path(), Request.Method.valueOf(op.method()),
        SimpleResponse.Builder.status(200).withContentType("application/json").withBody(r.response().toString()).build());
    assertThat(report.getMessages()).as(r.response().toString()).isEmpty();
  }

  @Test
  void reads_overWebSocket_passPathAndQueryParametersInArgs_andEqualRest() {
    SIM.book().setPosition("Sim101", "ES 12-25", 2, 5790.0);
    CrossTradeClient rest = client(TransportType.REST, RateLimiter.disabled(), Duration.ofSeconds(5));
    CrossTradeClient c = ws();
    OrderIdResponse placed = c.flatPlaceOrder("Sim102",
        market("MES 12-25", OrderAction.BUY, 1).orderType(OrderType.LIMIT).limitPrice(5900.0));

    assertThat(c.getPosition("sim101", "ES 12-25")).isEqualTo(rest.getPosition("sim101", "ES 12-25"));
    assertThat(c.getAllPositions(true)).isEqualTo(rest.getAllPositions(true));
    assertThat(c.listPositions("Sim101")).isEqualTo(rest.listPositions("Sim101"));
    assertThat(c.listAccounts()).isEqualTo(rest.listAccounts());
    assertThat(c.getAccount("Sim101")).isEqualTo(rest.getAccount("Sim101"));
    assertThat(c.listOrders("Sim102")).isEqualTo(rest.listOrders("Sim102"));
    assertThat(c.getOrder("Sim102", placed.getOrderId()).getOrderState()).isEqualTo("Working");
    assertThat(c.cancelOrder("Sim102", placed.getOrderId()).getOrderId()).isEqualTo(placed.getOrderId());
    RequestRejectedException again = catchThrowableOfType(RequestRejectedException.class,
        () -> c.cancelOrder("Sim102", placed.getOrderId()));
    assertThat(again.error()).hasValueSatisfying(t -> assertThat(t).contains("not found or already terminal"));
    assertThat(SIM.requests()).filteredOn(r -> "websocket".equals(r.transport()) && "getPosition".equals(r.operationId()))
        .singleElement().satisfies(r -> assertThat(r.params()).containsEntry("instrument", "ES 12-25")
            .containsEntry("account", "sim101"));
  }

  @Test
  void errorsInsideReplies_mapToTheSameExceptionsAsRest() {
    CrossTradeClient c = ws();
    NoPositionException noPosition = catchThrowableOfType(NoPositionException.class,
        () -> c.reversePosition("Sim101", market("ES 12-25", OrderAction.BUY, 1)));
    assertThat(noPosition.error()).contains("No position found for instrument 'ES 12-25' in account 'sim101'");

    SIM.faults().disconnected(true);
    catchThrowableOfType(NinjaTraderNotConnectedException.class, () -> c.flatten(new FlattenRequest().account("Sim101")));
    SIM.faults().disconnected(false);

    SIM.faults().rateLimit(true);
    RateLimitedException limited = null;
    for (int i = 0; i < 30 && limited == null; i++) {
      try {
        c.flatten(new FlattenRequest().account("Sim101"));
      } catch (RateLimitedException e) {
        limited = e;
      }
    }
    assertThat(limited).isNotNull();
  }

  @Test
  void emptyFlatten_neverBecomesFlattenEverything() {
    CrossTradeClient c = ws();
    assertThatThrownBy(() -> c.flatten(new FlattenRequest())).isInstanceOf(InvalidRequestException.class);
    assertThat(SIM.requests()).isEmpty();
  }

  @Test
  void hundredConcurrentRequests_areCorrelatedByTheirIds() throws Exception {
    CrossTradeClient c = ws();
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<OrderIdResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String instrument = "I" + i + " 12-25";
        futures.add(pool.submit((Callable<OrderIdResponse>) () ->
            c.flatPlaceOrder("Sim101", market(instrument, OrderAction.BUY, 1))));
      }
      Map<String, String> orderIdByInstrument = new HashMap<>();
      for (int i = 0; i < 100; i++) {
        orderIdByInstrument.put("I" + i + " 12-25", futures.get(i).get().getOrderId());
      }
      assertThat(SIM.requests()).hasSize(100).allSatisfy(r -> assertThat(orderIdByInstrument.get(r.body().path("instrument").asText()))
          .as("reply for " + r.body().path("instrument").asText()).isEqualTo(r.response().path("orderId").asText()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void replySlowerThanTheTimeout_isOutcomeUnknown() {
    ws().flatten(new FlattenRequest().account("Sim101")); // warm: a fork's first WebSocket call can take a second
    CrossTradeClient c = client(TransportType.WEBSOCKET, RateLimiter.disabled(), Duration.ofMillis(1_000));
    c.flatten(new FlattenRequest().account("Sim101")); // connect first
    SIM.faults().delayNextReply(Duration.ofMillis(2_500));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> c.flatPlaceOrder("Sim101", market("ES 12-25", OrderAction.BUY, 1)));

    assertThat(e.reason()).isEqualTo(OutcomeUnknownException.Reason.TIMEOUT);
    assertThat(SIM.requests()).hasSize(3);
  }

  @Test
  void connectionDroppedMidRequest_isOutcomeUnknown_notResent_thenReconnects() throws Exception {
    CrossTradeClient c = ws();
    c.flatten(new FlattenRequest().account("Sim101"));
    SIM.faults().dropConnection(1);

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> c.flatPlaceOrder("Sim101", market("ES 12-25", OrderAction.BUY, 1)));

    assertThat(e.reason()).isEqualTo(OutcomeUnknownException.Reason.CONNECTION_LOST);
    assertThat(e.getMessage()).contains("outcome unknown");
    Thread.sleep(500);
    assertThat(SIM.requests()).filteredOn(r -> "flatPlaceOrder".equals(r.operationId())).hasSize(1);
    assertThat(SIM.book().position("Sim101", "ES 12-25")).as("it executed before the drop").isEqualTo(1);

    OrderIdResponse after = c.flatPlaceOrder("Sim101", market("MES 12-25", OrderAction.BUY, 1));
    assertThat(after.getOrderId()).isNotBlank();
    assertThat(SIM.requests()).filteredOn(r -> "flatPlaceOrder".equals(r.operationId())).hasSize(2);
  }

  @Test
  void keepalivePings_goOutOnTheInterval_andUnknownFramesAreIgnored() throws Exception {
    CrossTradeClient c = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl()).transport(TransportType.WEBSOCKET)
        .rateLimiter(RateLimiter.disabled()).pingInterval(Duration.ofMillis(50)).build();
    clients.add(c);
    c.flatten(new FlattenRequest().account("Sim101")); // the simulator greets with an unsolicited {"type":"status"}
    // pings every 50 ms: at least 3 arrive (awaited, not slept: a loaded machine may take longer than 150 ms)
    org.crosstradediscord.testing.Poll.until(() -> SIM.pings() >= 3 ? java.util.Optional.of(true)
        : java.util.Optional.empty(), Duration.ofSeconds(10), () -> "3 pings; got " + SIM.pings());
    assertThat(c.flatten(new FlattenRequest().account("Sim101")).getSuccess()).isTrue(); // pongs did not confuse it
  }

  @Test
  void wrongToken_failsTheUpgradeWithAClearError() {
    CrossTradeClient stranger = CrossTradeClient.builder().token("wrong-token").baseUrl(SIM.baseUrl())
        .transport(TransportType.WEBSOCKET).build();
    clients.add(stranger);
    UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class,
        () -> stranger.flatten(new FlattenRequest().account("Sim101")));
    assertThat(e.getMessage()).contains("WebSocket upgrade refused with HTTP 401").doesNotContain("wrong-token");
    assertThat(SIM.requests()).isEmpty();
  }

  @Test
  void defaultLimiter_holdsA50RequestBurstAcrossBothTransportsOfOneClient_toTheBudget_withNo429() throws Exception {
    SIM.faults().rateLimit(true);
    CrossTradeClient rest = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl())
        .requestTimeout(Duration.ofSeconds(30)).build(); // the default limiter, on
    clients.add(rest);
    CrossTradeClient ws = rest.using(TransportType.WEBSOCKET);
    assertThat(ws.transport()).isEqualTo(TransportType.WEBSOCKET);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    long start = System.nanoTime();
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        CrossTradeClient c = i % 2 == 0 ? rest : ws;
        all.add(pool.submit(() -> c.flatten(new FlattenRequest().account("Sim101"))));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(SIM.requests()).hasSize(50).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(SIM.requests()).extracting(RecordedRequest::transport).contains("rest", "websocket");
    assertThat(seconds).as("the requests beyond the burst go at 3/s").isGreaterThan((50 - 20) / 3.0);
  }
}
