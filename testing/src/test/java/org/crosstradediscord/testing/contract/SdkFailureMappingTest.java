package org.crosstradediscord.testing.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure the upstream or the network can produce, through a real WireMock, ends in the SDK's right
 * exception type, carries the upstream's words, and never causes a second POST.
 */
class SdkFailureMappingTest {
  private static final WireMockSpecServer WM = new WireMockSpecServer();
  private static final String FLATPLACE = Spec.get().operation("flatPlaceOrder").path("Sim101");

  @BeforeEach
  void reset() {
    WM.reset();
  }

  @AfterAll
  static void stop() {
    WM.close();
  }

  static Stream<Arguments> documentedErrors() {
    return Spec.get().operations().stream().flatMap(op -> op.responseExamples().stream()
        .filter(ex -> ex.status() >= 400).map(ex -> Arguments.of(op.operationId(), ex)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("documentedErrors")
  void documentedErrorResponse_mapsToItsExceptionType_withTheUpstreamWords(String operationId, SpecExample error) {
    SpecOperation op = Spec.get().operation(operationId);
    WM.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.request(op.method(),
        urlPathEqualTo(op.path("Sim101"))).willReturn(json(error.status(), error.json())));

    CrossTradeException e = callFirstExample(op);

    Class<? extends CrossTradeException> expected = switch (error.status()) {
      case 400 -> error.json().contains("No position") ? NoPositionException.class : RequestRejectedException.class;
      case 401 -> UnauthorizedException.class;
      case 408 -> NinjaTraderNotConnectedException.class;
      case 429 -> RateLimitedException.class;
      default -> throw new AssertionError("unexpected documented status " + error.status());
    };
    assertThat(e).isExactlyInstanceOf(expected);
    assertThat(e.status()).isEqualTo(error.status());
    assertThat(e.error()).isPresent();
    assertThat(error.json()).contains(e.error().orElseThrow());
    assertThat(WM.server.getAllServeEvents()).as("sent once").hasSize(1);
    assertThat(WM.validation.exchanges().get(0).report().getMessages()).isEmpty();
  }

  @Test
  void badRequest_inEnvelopeShape_keepsCodeAndDetail() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(json(400,
        "{\"success\":false,\"error\":\"invalid_account\",\"detail\":\"Account Sim999 not found\"}")));

    CrossTradeException e = flatPlace();

    assertThat(e).isExactlyInstanceOf(RequestRejectedException.class);
    assertThat(e.error()).contains("invalid_account");
    assertThat(e.detail()).contains("Account Sim999 not found");
    assertThat(e.upstreamMessage()).isEqualTo("Account Sim999 not found (invalid_account)");
  }

  @Test
  void rateLimited_withRetryAfter_exposesTheWait() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE))
        .willReturn(json(429, "{\"error\":\"Rate limit exceeded\"}").withHeader("Retry-After", "7")));

    RateLimitedException e = (RateLimitedException) flatPlace();

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertSentOnce(FLATPLACE);
  }

  @Test
  void rateLimited_withoutRetryAfter_hasNoWait() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(json(429, "{\"error\":\"Rate limit exceeded\"}")));

    RateLimitedException e = (RateLimitedException) flatPlace();

    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.error()).contains("Rate limit exceeded");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503})
  void serverError_onAPost_isOutcomeUnknown_andNotResent(int status) {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(aResponse().withStatus(status).withBody("upstream broke")));

    CrossTradeException e = flatPlace();

    assertThat(e).isInstanceOf(OutcomeUnknownException.class);
    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(OutcomeUnknownException.Reason.SERVER_ERROR);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).contains("outcome unknown");
    assertSentOnce(FLATPLACE);
  }

  @Test
  void responseSlowerThanTheRequestTimeout_isOutcomeUnknown_andNotResent() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE))
        .willReturn(json(200, "{\"orderId\":\"late\",\"success\":true}").withFixedDelay(1_500)));
    CrossTradeClient impatient = WM.client(Duration.ofMillis(300));

    CrossTradeException e = catchThrowableOfType(CrossTradeException.class,
        () -> impatient.flatPlaceOrder("Sim101", SdkContractTest.marketBuy()));

    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(OutcomeUnknownException.Reason.TIMEOUT);
    assertThat(e.getMessage()).contains("check NinjaTrader before retrying");
    assertSentOnce(FLATPLACE);
  }

  @Test
  void bodyDrippingPastTheDeadline_isOutcomeUnknownWithinTheTimeout() {
    // headers at once, then the body in 20 chunks over 6 s: the JDK's own timeout stops at the headers
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE))
        .willReturn(json(200, "{\"orderId\":\"" + "a".repeat(200) + "\",\"success\":true}")
            .withChunkedDribbleDelay(20, 6_000)));
    CrossTradeClient impatient = WM.client(Duration.ofMillis(1_000));

    long start = System.nanoTime();
    CrossTradeException e = catchThrowableOfType(CrossTradeException.class,
        () -> impatient.flatPlaceOrder("Sim101", SdkContractTest.marketBuy()));
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(ms).as("one deadline covers the body too (timeout 1 s + margin)").isLessThan(2_500);
    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(OutcomeUnknownException.Reason.TIMEOUT);
    assertSentOnce(FLATPLACE);
  }

  @Test
  void bodyLargerThanTheLimit_isOutcomeUnknown_notAnError() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE))
        .willReturn(json(200, "{\"orderId\":\"" + "a".repeat(2 << 20) + "\",\"success\":true}")));

    CrossTradeException e = flatPlace();

    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(OutcomeUnknownException.Reason.UNREADABLE_RESPONSE);
    assertThat(e.getMessage()).contains("larger than 1048576 bytes");
    assertSentOnce(FLATPLACE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectionFaults")
  void connectionLostAfterSending_isOutcomeUnknown_andNotResent(Fault fault) {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(aResponse().withFault(fault)));

    CrossTradeException e = flatPlace();

    assertThat(e).isInstanceOf(OutcomeUnknownException.class);
    assertThat(((OutcomeUnknownException) e).reason()).isIn(OutcomeUnknownException.Reason.CONNECTION_LOST,
        OutcomeUnknownException.Reason.UNREADABLE_RESPONSE);
    assertSentOnce(FLATPLACE);
  }

  static Stream<Fault> connectionFaults() {
    return Stream.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.RANDOM_DATA_THEN_CLOSE);
  }

  @Test
  void malformedSuccessBody_isOutcomeUnknown_unreadable() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(json(200, "{\"orderId\": \"abc\", ")));

    OutcomeUnknownException e = (OutcomeUnknownException) flatPlace();

    assertThat(e.reason()).isEqualTo(OutcomeUnknownException.Reason.UNREADABLE_RESPONSE);
    assertSentOnce(FLATPLACE);
  }

  @Test
  void successWithoutOrderId_isOutcomeUnknown_notSuccess() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(json(200, "{\"success\":true}")));

    OutcomeUnknownException e = (OutcomeUnknownException) flatPlace();

    assertThat(e.reason()).isEqualTo(OutcomeUnknownException.Reason.UNREADABLE_RESPONSE);
    assertThat(e.getMessage()).contains("no orderId");
  }

  @Test
  void successFalseOn200_isOutcomeUnknown_notARefusal() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE))
        .willReturn(json(200, "{\"orderId\":\"x\",\"success\":false,\"error\":\"order_rejected\"}")));

    CrossTradeException e = flatPlace();
    assertThat(e).isExactlyInstanceOf(OutcomeUnknownException.class);
    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(OutcomeUnknownException.Reason.UNREADABLE_RESPONSE);
    assertSentOnce(FLATPLACE);
  }

  @Test
  void closedPort_isUnreachable_nothingSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CrossTradeClient client = CrossTradeClient.builder().token(WireMockSpecServer.TOKEN)
        .baseUrl("http://127.0.0.1:" + port).build();

    CrossTradeException e = catchThrowableOfType(CrossTradeException.class,
        () -> client.flatPlaceOrder("Sim101", SdkContractTest.marketBuy()));

    assertThat(e).isExactlyInstanceOf(UnreachableException.class);
    assertThat(e.getMessage()).contains("nothing was sent");
  }

  @Test
  void upstreamEchoingTheToken_neverLeaksItIntoTheException() {
    WM.server.stubFor(post(urlPathEqualTo(FLATPLACE)).willReturn(
        json(401, "{\"error\":\"bad token " + WireMockSpecServer.TOKEN + "\"}")));

    CrossTradeException e = flatPlace();

    assertThat(e).isExactlyInstanceOf(UnauthorizedException.class);
    assertThat(e.getMessage()).doesNotContain(WireMockSpecServer.TOKEN).contains("[redacted]");
    assertThat(e.error().orElseThrow()).doesNotContain(WireMockSpecServer.TOKEN);
    assertThat(WM.client().toString()).doesNotContain(WireMockSpecServer.TOKEN);
  }

  private static CrossTradeException flatPlace() {
    return catchThrowableOfType(CrossTradeException.class,
        () -> WM.client().flatPlaceOrder("Sim101", SdkContractTest.marketBuy()));
  }

  private static CrossTradeException callFirstExample(SpecOperation op) {
    String body = op.requestExamples().get(0).json();
    return catchThrowableOfType(CrossTradeException.class,
        () -> SdkOperations.call(WM.client(), op.operationId(), "Sim101", body));
  }

  private static void assertSentOnce(String path) {
    WM.server.verify(1, postRequestedFor(urlPathEqualTo(path)));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }
}
