package org.crosstradediscord.testing.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.SendGate;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.hostile.HostileUpstream;
import org.crosstradediscord.testing.hostile.WsMode;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SDK's {@link SendGate} ({@code CrossTradeClient.withSendGate}), issue 20 "Halt means halt": the last check of
 * an order-placing call runs after the rate-limiter token is taken and right before the request is written, over
 * REST and WebSocket, against the simulator (and the hostile upstream for the WebSocket connection's state).
 */
class SendGateTest {
  private static final String TOKEN = "send-gate-token-7f3a91";
  private static final String ES = "ES 12-25";
  private static final CrossTradeSimulator SIM = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101", "Sim102"),
      Map.of(ES, 5800.0, "MES 12-25", 6000.0));
  private static final HostileUpstream UP = HostileUpstream.start();
  private static final WireMockSpecServer WM = new WireMockSpecServer();

  private final List<CrossTradeClient> clients = new ArrayList<>();

  @BeforeEach
  void reset() {
    SIM.reset();
    UP.reset();
    WM.reset();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(CrossTradeClient::close);
  }

  @AfterAll
  static void stop() {
    SIM.close();
    UP.close();
    WM.close();
  }

  private CrossTradeClient client(String baseUrl, TransportType transport, RateLimiter limiter) {
    CrossTradeClient c = CrossTradeClient.builder().token(TOKEN).baseUrl(baseUrl).transport(transport)
        .rateLimiter(limiter).connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5)).build();
    clients.add(c);
    return c;
  }

  private CrossTradeClient simClient(TransportType transport, RateLimiter limiter) {
    return client(SIM.baseUrl(), transport, limiter);
  }

  private static OrderRequest market(OrderAction side, int qty) {
    return new OrderRequest().instrument(ES).action(side).quantity(qty).orderType(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY);
  }

  /** A gate like the bot's halt check: refuses once {@code halted} is set, and records what it saw. */
  private static SendGate haltGate(AtomicBoolean halted, List<String> saw) {
    return op -> {
      saw.add(op + (halted.get() ? " halted" : " running"));
      if (halted.get()) {
        throw new NotSentException(op, "trading is halted");
      }
    };
  }

  private static List<String> writesReceived() {
    return SIM.requests().stream().filter(r -> "POST".equals(r.method())).map(RecordedRequest::operationId).toList();
  }

  private static void assertPlainNotSent(Throwable thrown, String operationId) {
    assertThat(thrown).isInstanceOf(NotSentException.class).isNotInstanceOf(OutcomeUnknownException.class)
        .isNotInstanceOf(UnreachableException.class);
    NotSentException e = (NotSentException) thrown;
    assertThat(e.operationId()).isEqualTo(operationId);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).startsWith(operationId + " was not sent: ").contains("nothing was executed");
    assertThat(e.getMessage().toLowerCase(Locale.ROOT)).doesNotContain("unknown").doesNotContain("check ninjatrader");
  }

  /** The order thread is inside {@code RateLimiter.acquire}: its token not yet granted. */
  private static boolean waitingForToken(Thread t) {
    return Arrays.stream(t.getStackTrace()).anyMatch(f ->
        f.getClassName().equals(RateLimiter.class.getName()) && f.getMethodName().equals("acquire"));
  }

  /**
   * The key scenario: the bot checked "halted?" (false), the order then queues in the client-side rate limiter behind
   * reads; a halt arrives meanwhile. The gate runs after the token, sees the halt, and nothing reaches the upstream.
   * (With the check before the limiter — main's semantics — the order went out after the halt.)
   */
  @ParameterizedTest
  @EnumSource(TransportType.class)
  void haltArrivingWhileTheOrderWaitsForItsToken_stopsIt_andTheUpstreamReceivesNoOrder(TransportType transport)
      throws Exception {
    RateLimiter limiter = RateLimiter.of(2, 1);
    CrossTradeClient client = simClient(transport, limiter);
    AtomicBoolean halted = new AtomicBoolean();
    List<String> gateSaw = new CopyOnWriteArrayList<>();
    CrossTradeClient order = client.withSendGate(haltGate(halted, gateSaw));
    client.listAccounts(); // connected (WebSocket) and warm
    while (limiter.available() > 0) {
      client.listAccounts(); // reads drain the shared limiter: the order must wait about 1 s for its token
    }
    assertThat(halted.get()).as("the bot's own check before calling").isFalse();

    FutureTask<OrderIdResponse> placing = new FutureTask<>(() -> order.flatPlaceOrder("Sim101",
        market(OrderAction.BUY, 2)));
    Thread caller = new Thread(placing, "order-" + transport);
    caller.start();
    Poll.until(() -> waitingForToken(caller) ? Optional.of(true) : Optional.empty(), Duration.ofSeconds(5),
        () -> "the order never waited for a rate-limiter token (" + caller.getState() + ")");
    assertThat(gateSaw).as("the gate has not run while the order waits for its token").isEmpty();
    halted.set(true);

    Throwable thrown = catchThrowable(() -> placing.get(10, TimeUnit.SECONDS));

    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertPlainNotSent(thrown.getCause(), "flatPlaceOrder");
    assertThat(((NotSentException) thrown.getCause()).reason()).isEqualTo("trading is halted");
    assertThat(new NotSentException("flatPlaceOrder", "trading is halted.").getMessage())
        .isEqualTo("flatPlaceOrder was not sent: trading is halted. Nothing left this machine; nothing was executed.");
    assertThat(gateSaw).containsExactly("flatPlaceOrder halted");
    assertThat(writesReceived()).as("no order reached the simulator").isEmpty();
    assertThat(SIM.requests()).extracting(RecordedRequest::operationId).containsOnly("listAccounts");
    assertThat(SIM.book().position("Sim101", ES)).isZero();
  }

  /** A passing gate: every write calls it once, just before it reaches the upstream; reads never; all succeed. */
  @ParameterizedTest
  @EnumSource(TransportType.class)
  void passingGate_isCalledOncePerWrite_beforeItArrives_neverForReads_andEverythingIsSent(TransportType transport) {
    CrossTradeClient client = simClient(transport, RateLimiter.disabled());
    List<String> gateSaw = new CopyOnWriteArrayList<>();
    CrossTradeClient gated = client.withSendGate(op -> gateSaw.add(op + " after " + SIM.requests().size()));

    assertThat(gated.flatPlaceOrder("Sim101", market(OrderAction.BUY, 3)).getOrderId()).isNotBlank();
    assertThat(gated.reversePosition("Sim101", market(OrderAction.SELL, 1)).getOrderId()).isNotBlank();
    assertThat(gated.closePosition("Sim101", new ClosePositionRequest().instrument(ES).percent(0.5)).getClosedPositions())
        .isNotEmpty();
    String working = gated.flatPlaceOrder("Sim102", new OrderRequest().instrument(ES).action(OrderAction.BUY)
        .quantity(1).orderType(OrderType.LIMIT).limitPrice(5000.0).timeInForce(TimeInForce.GTC)).getOrderId();
    assertThat(gated.listOrders("Sim102").getOrders()).isNotEmpty();
    assertThat(gated.getOrder("Sim102", working).getOrderId()).isEqualTo(working);
    assertThat(gated.cancelOrder("Sim102", working).getOrderId()).isEqualTo(working);
    assertThat(gated.listAccounts().getAccounts()).isNotEmpty();
    assertThat(gated.getAccount("Sim101").getName()).isEqualTo("Sim101");
    assertThat(gated.listPositions("Sim101").getPositions()).isNotNull();
    assertThat(gated.getAllPositions(null).getPositions()).isNotNull();
    assertThat(gated.getPosition("Sim101", ES).getMarketPosition()).isNotNull();
    gated.flatten(new FlattenRequest().account("Sim101"));
    gated.flattenEverything();

    // each gate call saw the simulator with exactly the requests before it: it ran before its own request arrived
    List<RecordedRequest> received = SIM.requests();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < received.size(); i++) {
      if ("POST".equals(received.get(i).method())) {
        expected.add(received.get(i).operationId() + " after " + i);
      }
    }
    assertThat(gateSaw).isEqualTo(expected);
    assertThat(gateSaw).extracting(s -> s.substring(0, s.indexOf(' '))).containsExactly("flatPlaceOrder",
        "reversePosition", "closePosition", "flatPlaceOrder", "cancelOrder", "flatten", "flatten");
    assertThat(received).extracting(RecordedRequest::operationId).contains("listAccounts", "getAccount",
        "listPositions", "getAllPositions", "getPosition", "listOrders", "getOrder");
    assertThat(received).extracting(RecordedRequest::transport)
        .containsOnly(transport == TransportType.REST ? "rest" : "websocket");
    assertThat(SIM.book().position("Sim101", ES)).isZero();
  }

  /** Spec-driven: every POST of openapi.yaml calls the gate exactly once with its operationId, every GET never. */
  @Test
  void everyOperationOfTheSpec_callsTheGateOnceIfItIsAPost_andNeverIfItIsAGet() throws Exception {
    int posts = 0;
    for (SpecOperation op : Spec.get().operations()) {
      for (SpecExample request : op.requestExamples()) {
        WM.reset();
        WM.server.stubFor(WireMock.request(op.method(), urlPathEqualTo(op.pathWith(SdkContractTest.params(op, request))))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(op.responses(200).get(0).json())));
        List<String> gateSaw = new CopyOnWriteArrayList<>();
        CrossTradeClient c = WM.client();
        clients.add(c);

        SdkOperations.call(c.withSendGate(gateSaw::add), op.operationId(), "Sim101", request.json());

        assertThat(WM.server.getAllServeEvents()).as(op.operationId() + " " + request.name()).hasSize(1);
        if ("POST".equals(op.method())) {
          posts++;
          assertThat(gateSaw).as(op.operationId() + " " + request.name()).containsExactly(op.operationId());
        } else {
          assertThat(op.method()).isEqualTo("GET");
          assertThat(gateSaw).as(op.operationId() + " " + request.name()).isEmpty();
        }
      }
    }
    assertThat(posts).as("flatPlaceOrder, reversePosition, closePosition, flatten (both shapes), cancelOrder")
        .isGreaterThanOrEqualTo(6);
  }

  /** A gate that fails (not a NotSentException) stops the request too; the cause is kept, nothing is sent. */
  @ParameterizedTest
  @EnumSource(TransportType.class)
  void gateThatThrows_isNotSent_andTheClientStaysUsable(TransportType transport) {
    CrossTradeClient client = simClient(transport, RateLimiter.disabled());
    client.listAccounts(); // WebSocket: the connection is open before the refusal
    IllegalStateException boom = new IllegalStateException("halt state unreadable");
    CrossTradeClient gated = client.withSendGate(op -> {
      throw boom;
    });

    Throwable thrown = catchThrowable(() -> gated.reversePosition("Sim101", market(OrderAction.SELL, 1)));

    assertPlainNotSent(thrown, "reversePosition");
    assertThat(thrown.getCause()).isSameAs(boom);
    assertThat(((NotSentException) thrown).reason()).contains("failed").contains("IllegalStateException");
    assertThat(writesReceived()).isEmpty();

    // the same client (and connection) still sends: the refusal left no lock held and nothing pending
    assertThat(client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1)).getOrderId()).isNotBlank();
    assertThat(writesReceived()).containsExactly("flatPlaceOrder");
    assertThat(SIM.book().position("Sim101", ES)).isEqualTo(1);
  }

  /** Views: {@code using()} keeps the gate, the parent is not gated, the limiter is the same, gates compose. */
  @Test
  void gatedView_sharesTheLimiter_keepsTheGateAcrossTransports_andLeavesTheParentUngated() {
    CrossTradeClient client = simClient(TransportType.REST, RateLimiter.disabled());
    List<String> gateSaw = new CopyOnWriteArrayList<>();
    AtomicBoolean halted = new AtomicBoolean(true);
    CrossTradeClient gated = client.withSendGate(haltGate(halted, gateSaw));
    CrossTradeClient overWs = gated.using(TransportType.WEBSOCKET);

    assertThat(gated.rateLimiter()).isSameAs(client.rateLimiter());
    assertThat(overWs.rateLimiter()).isSameAs(client.rateLimiter());
    assertThat(overWs.transport()).isEqualTo(TransportType.WEBSOCKET);
    assertThat(client.withSendGate(SendGate.OPEN)).isSameAs(client);
    assertPlainNotSent(catchThrowable(() -> overWs.flattenEverything()), "flatten");
    assertPlainNotSent(catchThrowable(() -> gated.using(TransportType.REST).cancelOrder("Sim101", "x1")),
        "cancelOrder");
    assertThat(gateSaw).containsExactly("flatten halted", "cancelOrder halted");
    assertThat(writesReceived()).isEmpty();

    // a second gate on a gated view: both must pass
    halted.set(false);
    AtomicBoolean second = new AtomicBoolean(true);
    CrossTradeClient both = gated.withSendGate(op -> {
      if (second.get()) {
        throw new NotSentException(op, "second gate");
      }
    });
    assertThat(((NotSentException) catchThrowable(() -> both.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1))))
        .reason()).isEqualTo("second gate");
    assertThat(writesReceived()).isEmpty();

    // the parent never calls the view's gate
    halted.set(true);
    assertThat(client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1)).getOrderId()).isNotBlank();
    assertThat(gateSaw).containsExactly("flatten halted", "cancelOrder halted", "flatPlaceOrder running");
    assertThat(writesReceived()).containsExactly("flatPlaceOrder");
  }

  /**
   * WebSocket: a gate slower than the whole request timeout (it runs under the send lock) makes the call refuse to
   * send late ({@code UnreachableException}: nothing was sent) instead of sending and then timing out as outcome
   * unknown; the connection stays and carries the next request.
   */
  @Test
  void webSocketGateOutlastingTheRequestTimeout_sendsNothingLate_andKeepsTheConnection() {
    UP.websocket(WsMode.ok());
    CrossTradeClient client = CrossTradeClient.builder().token(TOKEN).baseUrl(UP.baseUrl())
        .transport(TransportType.WEBSOCKET).rateLimiter(RateLimiter.disabled()).requestTimeout(Duration.ofMillis(1_000))
        .build();
    clients.add(client);
    assertThat(client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1)).getOrderId()).isNotBlank();
    CrossTradeClient slow = client.withSendGate(op -> {
      long until = System.nanoTime() + Duration.ofMillis(1_200).toNanos(); // the gate's own slowness is the scenario
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    });

    Throwable thrown = catchThrowable(() -> slow.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1)));

    assertThat(thrown).isInstanceOf(UnreachableException.class).hasMessageContaining("nothing was sent");
    assertThat(client.flatPlaceOrder("Sim101", market(OrderAction.SELL, 1)).getOrderId()).isNotBlank();
    assertThat(UP.recorded().rpcFrames()).extracting(f -> f.path("args").path("action").asText())
        .containsExactly("BUY", "SELL");
    assertThat(UP.recorded().webSocketConnections()).isEqualTo(1);
  }

  /**
   * WebSocket, observed on the wire: a refused order writes no frame, opens no new connection, and the next request on
   * the same connection is answered (the send lock was released and no reply is awaited for the refused one).
   */
  @Test
  void webSocketRefusal_writesNoFrame_andTheSameConnectionCarriesTheNextRequest() {
    UP.websocket(WsMode.ok());
    CrossTradeClient client = client(UP.baseUrl().toString(), TransportType.WEBSOCKET, RateLimiter.disabled());
    assertThat(client.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1)).getOrderId()).isNotBlank();
    AtomicBoolean halted = new AtomicBoolean(true);
    List<String> gateSaw = new CopyOnWriteArrayList<>();
    CrossTradeClient gated = client.withSendGate(haltGate(halted, gateSaw));

    for (int i = 0; i < 3; i++) {
      assertPlainNotSent(catchThrowable(() -> gated.flatPlaceOrder("Sim101", market(OrderAction.BUY, 1))),
          "flatPlaceOrder");
    }
    halted.set(false);
    long start = System.nanoTime();
    OrderIdResponse next = gated.flatPlaceOrder("Sim101", market(OrderAction.SELL, 1));
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(next.getOrderId()).isNotBlank();
    assertThat(ms).as("no wait for a send lock left held (request timeout 5 s)").isLessThan(2_000);
    assertThat(gateSaw).containsExactly("flatPlaceOrder halted", "flatPlaceOrder halted", "flatPlaceOrder halted",
        "flatPlaceOrder running");
    List<JsonNode> frames = UP.recorded().rpcFrames();
    assertThat(frames).hasSize(2);
    assertThat(frames).extracting(f -> f.path("args").path("action").asText()).containsExactly("BUY", "SELL");
    assertThat(UP.recorded().webSocketConnections()).isEqualTo(1);
  }
}
