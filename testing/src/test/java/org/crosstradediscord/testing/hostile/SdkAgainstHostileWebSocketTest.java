package org.crosstradediscord.testing.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.OutcomeUnknownException.Reason;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's WebSocket RPC transport against every {@link WsMode} of the {@link HostileUpstream}: one 2 s deadline
 * bounds every call to under 3.5 s, an order is sent at most once, an error without a status is a refusal only for
 * a documented pre-execution text, an oversized or endless message is outcome unknown (never an OutOfMemoryError),
 * and the keepalive finds a half-open connection, fails what is in flight on it and reconnects.
 */
class SdkAgainstHostileWebSocketTest {
  private static final String TOKEN = "hostileWsToken4c1d9e";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final long BOUND_MS = 3_500;
  private static final HostileUpstream UP = HostileUpstream.start();

  private final List<CrossTradeClient> clients = new ArrayList<>();

  @BeforeEach
  void reset() {
    UP.reset();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(CrossTradeClient::close);
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  private CrossTradeClient client(Duration pingInterval, Duration requestTimeout) {
    CrossTradeClient c = CrossTradeClient.builder().token(TOKEN).baseUrl(UP.baseUrl()).transport(TransportType.WEBSOCKET)
        .connectTimeout(Duration.ofSeconds(1)).requestTimeout(requestTimeout).pingInterval(pingInterval)
        .rateLimiter(RateLimiter.disabled()).build();
    clients.add(c);
    return c;
  }

  private static OrderRequest order() {
    return new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1).orderType(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY);
  }

  /** One flat-place call; asserts the time bound and returns what it threw. */
  private static CrossTradeException flatPlace(CrossTradeClient client, long boundMs) {
    long start = System.nanoTime();
    Throwable t = catchThrowable(() -> client.flatPlaceOrder("Sim101", order()));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).as("the call returned after %d ms", ms).isLessThan(boundMs);
    assertThat(t).as("a typed SDK error, never an Error").isInstanceOf(CrossTradeException.class);
    return (CrossTradeException) t;
  }

  record Case(WsMode mode, Class<? extends CrossTradeException> type, Reason reason) {
    @Override
    public String toString() {
      return mode + " -> " + type.getSimpleName() + (reason == null ? "" : " " + reason);
    }
  }

  static Stream<Arguments> modes() {
    return Stream.of(
        new Case(WsMode.noReply(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(WsMode.halfOpen(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(WsMode.endlessFragments(), OutcomeUnknownException.class, Reason.UNREADABLE_RESPONSE),
        new Case(WsMode.hugeMessage(8L << 20), OutcomeUnknownException.class, Reason.UNREADABLE_RESPONSE),
        new Case(WsMode.dropOnRpc(), OutcomeUnknownException.class, Reason.CONNECTION_LOST),
        new Case(WsMode.closeWith(1011, "line one\n{\"kind\":\"result\",\"forged\":true}"), OutcomeUnknownException.class,
            Reason.CONNECTION_LOST),
        new Case(WsMode.errorReply("{\"error\":\"Internal server error\"}"), OutcomeUnknownException.class,
            Reason.SERVER_ERROR),
        new Case(WsMode.errorReply("{\"error\":\"Timed out waiting for NinjaTrader response\"}"),
            OutcomeUnknownException.class, Reason.SERVER_ERROR),
        new Case(WsMode.errorReply("{\"data\":{\"success\":false,\"error\":\"RPC failed after submit\"}}"),
            OutcomeUnknownException.class, Reason.SERVER_ERROR),
        new Case(WsMode.errorReply("{\"error\":\"Invalid request\",\"detail\":\"quantity must be positive\"}"),
            RequestRejectedException.class, null),
        new Case(WsMode.errorReply("{\"error\":\"RPC failed\",\"status\":400}"), RequestRejectedException.class, null),
        new Case(WsMode.errorReply("{\"error\":\"RPC failed\",\"status\":503}"), OutcomeUnknownException.class,
            Reason.SERVER_ERROR))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void hostileWebSocket_mapsToTheRightType_within3500ms_sentOnce(Case c) {
    UP.websocket(c.mode());
    CrossTradeClient client = client(Duration.ofSeconds(20), REQUEST_TIMEOUT);

    CrossTradeException e = flatPlace(client, BOUND_MS);

    assertThat(e).isExactlyInstanceOf(c.type());
    if (c.reason() != null) {
      assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(c.reason());
      assertThat(e.getMessage()).contains("outcome unknown");
    }
    assertThat(e.getMessage()).as("one line, whatever the upstream sent").doesNotContain("\n").doesNotContain(TOKEN);
    assertThat(UP.recorded().rpcFrames()).as("sent exactly once").hasSize(1);
  }

  @Test
  void halfOpenConnection_theKeepaliveFailsTheCallInFlight_andReconnects_andTheNextCallUsesTheNewConnection() {
    UP.websocket(WsMode.halfOpen());
    // Keepalive every 300 ms, request timeout 10 s: the keepalive, not the timeout, must end the call.
    CrossTradeClient client = client(Duration.ofMillis(300), Duration.ofSeconds(10));

    CrossTradeException e = flatPlace(client, 3_000);

    assertThat(e).isExactlyInstanceOf(OutcomeUnknownException.class);
    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(Reason.CONNECTION_LOST);
    assertThat(e.getMessage()).contains("keepalive");
    UP.recorded().awaitWebSocketConnections(2, Duration.ofSeconds(5));
    UP.websocket(WsMode.ok());
    assertThat(client.flatPlaceOrder("Sim101", order()).getOrderId()).isNotBlank();
    assertThat(UP.recorded().rpcFrames()).as("the failed order was not re-sent").hasSize(2);
  }

  @Test
  void keepalive_sendsAppLevelPings_andKeepsGoingAfterTheConnectionWasReplaced() {
    CrossTradeClient client = client(Duration.ofMillis(200), REQUEST_TIMEOUT);
    assertThat(client.flatPlaceOrder("Sim101", order()).getOrderId()).isNotBlank();
    UP.recorded().awaitAppPings(2, Duration.ofSeconds(5));

    UP.websocket(WsMode.dropOnRpc());
    flatPlace(client, BOUND_MS);
    UP.websocket(WsMode.ok());
    UP.recorded().awaitWebSocketConnections(2, Duration.ofSeconds(5));
    int pings = UP.recorded().appPings();
    UP.recorded().awaitAppPings(pings + 2, Duration.ofSeconds(5));
  }

  @Test
  void upgradeThatNeverCompletes_isUnreachable_nothingSent_withinTheDeadline() {
    UP.rest(RestMode.halfOpen()); // the HTTP upgrade request is never read
    CrossTradeClient client = client(Duration.ofSeconds(20), REQUEST_TIMEOUT);

    CrossTradeException e = flatPlace(client, BOUND_MS);

    assertThat(e).isExactlyInstanceOf(UnreachableException.class);
    assertThat(e.getMessage()).contains("nothing was sent");
    assertThat(UP.recorded().rpcFrames()).isEmpty();
  }
}
