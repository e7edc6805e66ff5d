package org.crosstradediscord.testing.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.OutcomeUnknownException.Reason;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's REST transport against every {@link RestMode} of the {@link HostileUpstream}, for a money-moving order
 * ({@code flatPlaceOrder}) and a position close ({@code closePosition}): the right exception type and reason, the
 * request timeout bounding every call to at most 1.5 s more than itself, the POST sent exactly once (never re-sent,
 * no redirect followed), and the bearer token nowhere in what the exception carries.
 */
class SdkAgainstHostileRestTest {
  /** Letters and digits only, so a JSON parser quotes it whole ("Unrecognized token '…'") before scrubbing. */
  private static final String TOKEN = "hostileSecretToken9f3a7c";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  /** 1 s: fourteen cases wait for it to pass (a stall, a drip, a half-open connection), so it sets this class's time. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  /**
   * The bar (a 2 s request timeout bounds every call to under 3.5 s) as the overrun it allows: the timeout
   * plus 1.5 s.
   */
  private static final long BOUND_MS = REQUEST_TIMEOUT.toMillis() + 1_500;
  private static final HostileUpstream UP = HostileUpstream.start();

  /** An SDK call under test and the path it POSTs to. */
  enum Operation {
    FLAT_PLACE_ORDER("/v1/api/accounts/Sim101/orders/flatplace",
        c -> c.flatPlaceOrder("Sim101", new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY)
            .quantity(1).orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY))),
    CLOSE_POSITION("/v1/api/accounts/Sim101/positions/close",
        c -> c.closePosition("Sim101", new ClosePositionRequest().instrument("MES 12-25")));

    final String path;
    final Function<CrossTradeClient, Object> call;

    Operation(String path, Function<CrossTradeClient, Object> call) {
      this.path = path;
      this.call = call;
    }
  }

  /** A hostile mode and what the SDK must make of it. */
  record Case(RestMode mode, Class<? extends CrossTradeException> type, Reason reason) {
    @Override
    public String toString() {
      return mode + " -> " + type.getSimpleName() + (reason == null ? "" : " " + reason);
    }
  }

  @BeforeEach
  void reset() {
    UP.reset();
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  static Stream<Arguments> outcomeUnknownModes() {
    return crossed(List.of(
        new Case(RestMode.stallBeforeHeaders(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.stallBody(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.dripBody(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.hugeBody(2L << 30), OutcomeUnknownException.class, Reason.UNREADABLE_RESPONSE),
        new Case(RestMode.halfOpen(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.status(500, "{\"error\":\"Internal server error\"}"), OutcomeUnknownException.class,
            Reason.SERVER_ERROR),
        new Case(RestMode.status(502, "<html><body>Bad gateway</body></html>"), OutcomeUnknownException.class,
            Reason.SERVER_ERROR),
        new Case(RestMode.status(504, ""), OutcomeUnknownException.class, Reason.SERVER_ERROR),
        new Case(RestMode.redirect(301), OutcomeUnknownException.class, Reason.UNEXPECTED_STATUS),
        new Case(RestMode.redirect(302), OutcomeUnknownException.class, Reason.UNEXPECTED_STATUS),
        new Case(RestMode.redirect(303), OutcomeUnknownException.class, Reason.UNEXPECTED_STATUS),
        new Case(RestMode.redirect(307), OutcomeUnknownException.class, Reason.UNEXPECTED_STATUS),
        new Case(RestMode.redirect(308), OutcomeUnknownException.class, Reason.UNEXPECTED_STATUS)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("outcomeUnknownModes")
  void hostileUpstream_isOutcomeUnknown_withinTheTimeoutPlus1500ms_sentOnce(Operation op, Case c) {
    CrossTradeException e = callAgainst(c.mode(), op);

    assertThat(e).isExactlyInstanceOf(c.type());
    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(c.reason());
    assertThat(e.getMessage()).contains("outcome unknown");
    assertSentOnce(op, c.mode());
  }

  static Stream<Arguments> tokenEchoModes() {
    return crossed(List.of(
        new Case(RestMode.tokenEcho(200), OutcomeUnknownException.class, Reason.UNREADABLE_RESPONSE),
        new Case(RestMode.tokenEcho(400), RequestRejectedException.class, null),
        new Case(RestMode.tokenEcho(401), UnauthorizedException.class, null),
        new Case(RestMode.tokenEcho(403), RequestRejectedException.class, null),
        new Case(RestMode.tokenEcho(500), OutcomeUnknownException.class, Reason.SERVER_ERROR),
        new Case(RestMode.tokenEcho(302), OutcomeUnknownException.class, Reason.UNEXPECTED_STATUS)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tokenEchoModes")
  void upstreamEchoingTheToken_neverLeaksIt_alongTheCauseChain(Operation op, Case c) {
    CrossTradeException e = callAgainst(c.mode(), op);

    assertThat(e).isExactlyInstanceOf(c.type());
    if (c.reason() != null) {
      assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(c.reason());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(t.getMessage()).as("message of %s", t.getClass().getName()).doesNotContain(TOKEN);
      assertThat(t.toString()).as("toString of %s", t.getClass().getName()).doesNotContain(TOKEN);
      assertThat(t.getLocalizedMessage()).doesNotContain(TOKEN);
    }
    assertThat(e.error().orElse("")).doesNotContain(TOKEN);
    assertThat(e.detail().orElse("")).doesNotContain(TOKEN);
    assertThat(e.upstreamMessage()).doesNotContain(TOKEN);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).as("printed stack trace, suppressed and causes included").doesNotContain(TOKEN);
    assertSentOnce(op, c.mode());
    assertThat(UP.recorded().requests().get(0).header("Authorization")).as("the upstream did see the token")
        .contains("Bearer " + TOKEN);
  }

  static Stream<Arguments> markdownModes() {
    return crossed(List.of(
        new Case(RestMode.markdown(400), RequestRejectedException.class, null),
        new Case(RestMode.markdown(502), OutcomeUnknownException.class, Reason.SERVER_ERROR)));
  }

  static Stream<Arguments> markdownSuccessFalseModes() {
    return crossed(List.of(new Case(RestMode.markdown(200), OutcomeUnknownException.class, Reason.UNREADABLE_RESPONSE)));
  }

  /** Escaping for Discord is the bot's job; the SDK must hand the upstream's words over unchanged. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("markdownModes")
  void markdownInTheError_reachesTheExceptionAsTheUpstreamWroteIt(Operation op, Case c) {
    CrossTradeException e = callAgainst(c.mode(), op);

    assertThat(e).isExactlyInstanceOf(c.type());
    assertThat(e.getMessage()).contains(RestMode.MARKDOWN_ERROR);
    assertThat(e.upstreamMessage()).contains(RestMode.MARKDOWN_ERROR);
    assertSentOnce(op, c.mode());
  }

  /**
   * A 200 {@code {"success":false,"error":…}}: undocumented on a 2xx, so outcome unknown (not a refusal), and the
   * upstream's words still reach the user.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("markdownSuccessFalseModes")
  void markdownInA200SuccessFalse_reachesTheExceptionAsTheUpstreamWroteIt(Operation op, Case c) {
    markdownInTheError_reachesTheExceptionAsTheUpstreamWroteIt(op, c);
  }

  static Stream<Arguments> operations() {
    return Stream.of(Operation.values()).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void okMode_isASuccess_sentOnce(Operation op) {
    CrossTradeClient client = client();

    Object result = op.call.apply(client);

    assertThat(result).isNotNull();
    assertSentOnce(op, RestMode.ok());
  }

  static Stream<Arguments> modesTheSdkGivesUpOn() {
    return crossed(List.of(
        new Case(RestMode.stallBeforeHeaders(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.stallBody(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.dripBody(), OutcomeUnknownException.class, Reason.TIMEOUT),
        new Case(RestMode.hugeBody(2L << 30), OutcomeUnknownException.class, Reason.UNREADABLE_RESPONSE)));
  }

  /** A call that gave up must not leave its connection (and a dripping or 2 GiB response) running. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("modesTheSdkGivesUpOn")
  void afterGivingUp_theSdkHangsUp(Operation op, Case c) {
    CrossTradeException e = callAgainst(c.mode(), op);

    assertThat(e).isExactlyInstanceOf(c.type());
    UP.recorded().awaitNoOpenConnections(Duration.ofSeconds(2));
    assertThat(UP.recorded().streamedBytes()).as("bytes pushed before the SDK hung up").isLessThan(256L << 20);
  }

  private static CrossTradeException callAgainst(RestMode mode, Operation op) {
    UP.rest(mode);
    CrossTradeClient client = client();
    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> op.call.apply(client));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(thrown).as("%s against %s", op, mode).isInstanceOf(CrossTradeException.class);
    assertThat(ms).as("%s against %s took %d ms", op, mode, ms).isLessThan(BOUND_MS);
    return (CrossTradeException) thrown;
  }

  private static CrossTradeClient client() {
    return CrossTradeClient.builder().token(TOKEN).baseUrl(UP.baseUrl()).connectTimeout(CONNECT_TIMEOUT)
        .requestTimeout(REQUEST_TIMEOUT).rateLimiter(RateLimiter.disabled()).build();
  }

  /** Exactly one TCP connection and, unless half-open (nothing is read), exactly one POST to the path. */
  private static void assertSentOnce(Operation op, RestMode mode) {
    Recording r = UP.recorded();
    assertThat(r.tcpConnections()).as("TCP connections: %s", r).isEqualTo(1);
    if (mode.toString().equals("halfOpen")) {
      assertThat(r.requestCount()).as("half-open reads nothing").isZero();
    } else {
      assertThat(r.requestCount()).as("requests: %s", r).isEqualTo(1);
      assertThat(r.requestCount("POST", op.path)).isEqualTo(1);
    }
  }

  private static Stream<Arguments> crossed(List<Case> cases) {
    return Stream.of(Operation.values()).flatMap(op -> cases.stream().map(c -> Arguments.of(op, c)));
  }
}
