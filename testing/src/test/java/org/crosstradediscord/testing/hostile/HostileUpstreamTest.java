package org.crosstradediscord.testing.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.testing.spec.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit's self-test: each {@link RestMode} and {@link WsMode} of {@link HostileUpstream} really behaves as
 * documented, seen through the JDK's HttpClient and WebSocket and through raw sockets.
 */
class HostileUpstreamTest {
  private static final HostileUpstream UP = HostileUpstream.start();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Duration WAIT = Duration.ofSeconds(3);
  /** Long enough to show silence, far below any test's budget. */
  private static final Duration SILENCE = Duration.ofMillis(400);
  private static final String FLATPLACE = "/v1/api/accounts/Sim101/orders/flatplace";
  private static final String RPC = "{\"action\":\"rpc\",\"id\":\"abc-7\",\"api\":\"FlatPlace\",\"args\":{\"account\":\"Sim101\"}}";

  @BeforeEach
  void reset() {
    UP.reset();
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  // ---- REST ----

  @ParameterizedTest
  @ValueSource(strings = {"flatPlaceOrder", "reversePosition", "closePosition", "flatten"})
  void restOk_answersEachOperationWithTheFieldsOfItsSpec200Example(String operationId) throws Exception {
    String path = Spec.get().operation(operationId).path("Sim101");

    HttpResponse<String> r = post(path, "{}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    String example = Spec.get().operation(operationId).responses(200).get(0).json();
    assertThat(fieldNames(JSON.readTree(r.body()))).isEqualTo(fieldNames(JSON.readTree(example)));
    assertThat(UP.recorded().requestCount("POST", path)).isEqualTo(1);
    assertThat(UP.recorded().requests().get(0).body()).isEqualTo("{}");
  }

  @Test
  void stallBeforeHeaders_readsTheRequestAndSendsNothing() throws Exception {
    UP.rest(RestMode.stallBeforeHeaders());
    try (Socket s = rawPost(FLATPLACE)) {
      UP.recorded().awaitRequestCount(1, WAIT);
      assertSilent(s);
    }
    assertThat(UP.recorded().requests().get(0).header("Authorization")).contains("Bearer raw-token");
  }

  @Test
  void stallBody_sendsHeadersPromising100BytesThenNothing() throws Exception {
    UP.rest(RestMode.stallBody());
    try (Socket s = rawPost(FLATPLACE)) {
      String head = readHead(s.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: 100");
      assertSilent(s);
    }
  }

  @Test
  void dripBody_sendsOneByteAboutEvery300ms_andStopsWhenTheClientGoesAway() throws Exception {
    UP.rest(RestMode.dripBody());
    try (Socket s = rawPost(FLATPLACE)) {
      InputStream in = s.getInputStream();
      assertThat(readHead(in)).contains("Transfer-Encoding: chunked");
      long start = System.nanoTime();
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        body.append(readChunk(in));
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(body.toString()).isEqualTo("{\"o");
      assertThat(ms).as("3 bytes take two drip intervals").isGreaterThanOrEqualTo(2 * RestMode.DRIP_INTERVAL_MS - 50);
    }
    UP.recorded().awaitNoOpenConnections(WAIT);
  }

  @Test
  void hugeBody_streamsExactlyTheRequestedLength_asOrderIdJson() throws Exception {
    long bytes = 8L << 20;
    UP.rest(RestMode.hugeBody(bytes));

    HttpResponse<InputStream> r = HTTP.send(request(FLATPLACE, "{}"), HttpResponse.BodyHandlers.ofInputStream());

    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(bytes);
    byte[] first = new byte[12];
    long total;
    byte[] last;
    try (InputStream in = r.body()) {
      assertThat(in.readNBytes(first, 0, first.length)).isEqualTo(12);
      total = first.length;
      byte[] buf = new byte[64 * 1024];
      last = new byte[0];
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
        if (n >= 17) {
          last = java.util.Arrays.copyOfRange(buf, n - 17, n);
        }
      }
    }
    assertThat(total).isEqualTo(bytes);
    assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("{\"orderId\":\"");
    assertThat(new String(last, StandardCharsets.US_ASCII)).isEqualTo("\",\"success\":true}");
  }

  @Test
  void hugeBody_of2GiB_announcesItsLengthAndStartsStreamingAtOnce() throws Exception {
    UP.rest(RestMode.hugeBody(2L << 30));
    try (Socket s = rawPost(FLATPLACE)) {
      InputStream in = s.getInputStream();
      assertThat(readHead(in)).contains("Content-Length: 2147483648");
      assertThat(new String(in.readNBytes(1 << 20), StandardCharsets.US_ASCII)).startsWith("{\"orderId\":\"xxx");
    }
    UP.recorded().awaitNoOpenConnections(WAIT);
  }

  @Test
  void status_answersTheGivenCodeAndBody() throws Exception {
    UP.rest(RestMode.status(503, "{\"error\":\"down\"}"));

    HttpResponse<String> r = post(FLATPLACE, "{}");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"error\":\"down\"}");
  }

  @Test
  void redirect_pointsBackAtTheUpstream() throws Exception {
    UP.rest(RestMode.redirect(307));

    HttpResponse<String> r = post(FLATPLACE, "{}");

    assertThat(r.statusCode()).isEqualTo(307);
    assertThat(r.headers().firstValue("Location")).contains(UP.baseUrl() + "/redirected" + FLATPLACE);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 401})
  void tokenEcho_putsTheAuthorizationValueInTheBody(int status) throws Exception {
    UP.rest(RestMode.tokenEcho(status));

    HttpResponse<String> r = post(FLATPLACE, "{}");

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.body()).contains("Bearer self-test-token");
    if (status == 200) {
      assertThat(r.body()).endsWith("\"orderId\":self-test-token}");
    }
  }

  @Test
  void restHalfOpen_acceptsButNeverReadsNorAnswers() throws Exception {
    UP.rest(RestMode.halfOpen());
    try (Socket s = rawPost(FLATPLACE)) {
      UP.recorded().awaitTcpConnections(1, WAIT);
      assertSilent(s);
    }
    assertThat(UP.recorded().requestCount()).isZero();
    assertThat(UP.recorded().openConnections()).isEqualTo(1);
    UP.reset();
    assertThat(UP.recorded().openConnections()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400})
  void markdown_answersTheHostileErrorText(int status) throws Exception {
    UP.rest(RestMode.markdown(status));

    HttpResponse<String> r = post(FLATPLACE, "{}");

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo(RestMode.MARKDOWN_ERROR);
  }

  // ---- WebSocket ----

  @Test
  void handshake_computesTheRfc6455AcceptKey() throws Exception {
    // the worked example of RFC 6455 §1.3
    assertThat(WsFrames.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    try (Socket s = new Socket("127.0.0.1", UP.baseUrl().getPort())) {
      s.getOutputStream().write(("GET /ws/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 101")
          .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
    UP.recorded().awaitWebSocketConnections(1, WAIT);
  }

  @Test
  void wsOk_answersRpcsByIdWithValidData_andPingsWithPong() throws Exception {
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      JsonNode reply = JSON.readTree(ws.next(WAIT));
      assertThat(reply.get("id").asText()).isEqualTo("abc-7");
      assertThat(reply.get("data").get("orderId").asText()).isNotBlank();

      ws.send("{\"action\":\"ping\"}");
      assertThat(ws.next(WAIT)).isEqualTo("{\"type\":\"pong\"}");

      ws.socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1, 2})).get(2, TimeUnit.SECONDS);
      assertThat(ws.pongs.poll(3, TimeUnit.SECONDS)).isNotNull();

      ws.socket.sendClose(1000, "bye").get(2, TimeUnit.SECONDS);
      assertThat(ws.closed.get(3, TimeUnit.SECONDS)).startsWith("1000");
    }
    assertThat(UP.recorded().webSocketConnections()).isEqualTo(1);
    assertThat(UP.recorded().rpcFrames()).hasSize(1);
    assertThat(UP.recorded().rpcFrames().get(0).get("api").asText()).isEqualTo("FlatPlace");
    assertThat(UP.recorded().appPings()).isEqualTo(1);
    assertThat(UP.recorded().controlPings()).isEqualTo(1);
    assertThat(UP.recorded().requestCount("GET", "/ws/stream")).isEqualTo(1);
  }

  @Test
  void wsHalfOpen_recordsButNeverAnswers_notEvenPings() throws Exception {
    UP.websocket(WsMode.halfOpen());
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      ws.send("{\"action\":\"ping\"}");
      ws.socket.sendPing(java.nio.ByteBuffer.allocate(0)).get(2, TimeUnit.SECONDS);
      UP.recorded().awaitRpcCount(1, WAIT);
      UP.recorded().awaitAppPings(1, WAIT);

      assertThat(ws.next(SILENCE)).isNull();
      assertThat(ws.pongs).isEmpty();
    }
  }

  @Test
  void wsErrorReply_echoesTheIdWithTheErrorFields() throws Exception {
    UP.websocket(WsMode.errorReply("{\"error\":\"Internal server error\"}"));
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      JsonNode reply = JSON.readTree(ws.next(WAIT));
      assertThat(reply.get("id").asText()).isEqualTo("abc-7");
      assertThat(reply.get("error").asText()).isEqualTo("Internal server error");
      assertThat(reply.has("status")).isFalse();
      assertThat(reply.has("data")).isFalse();
    }
  }

  @Test
  void wsEndlessFragments_deliversMoreThan1MiBOfNonFinalFragments() throws Exception {
    UP.websocket(WsMode.endlessFragments());
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      org.crosstradediscord.testing.Poll.until(
          () -> ws.nonFinalChars.get() > (1 << 20) ? java.util.Optional.of(true) : java.util.Optional.empty(),
          WAIT, () -> "only " + ws.nonFinalChars.get() + " chars of fragments");
      assertThat(ws.lastMessageChars).isNotDone();
      ws.socket.sendClose(1000, "enough").get(2, TimeUnit.SECONDS);
    }
    UP.recorded().awaitNoOpenConnections(WAIT);
  }

  @Test
  void wsHugeMessage_isOneMessageOfExactlyTheRequestedSize() throws Exception {
    long bytes = 4L << 20;
    UP.websocket(WsMode.hugeMessage(bytes));
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      assertThat(ws.lastMessageChars.get(3, TimeUnit.SECONDS)).isEqualTo(bytes);
      assertThat(ws.lastHead).startsWith("{\"id\":\"abc-7\",\"data\":{\"orderId\":\"xxx");
      assertThat(ws.lastTail).endsWith("xxx\",\"success\":true}}");
      assertThat(ws.nonFinalParts.get()).isGreaterThan(1);
    }
  }

  @Test
  void wsCloseWith_closesOnTheFirstRpcWithTheReasonAsGiven() throws Exception {
    UP.websocket(WsMode.closeWith(1011, "line one\nline two"));
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      assertThat(ws.closed.get(3, TimeUnit.SECONDS)).isEqualTo("1011 line one\nline two");
    }
  }

  @Test
  void wsNoReply_answersPingsButNeverRpcs() throws Exception {
    UP.websocket(WsMode.noReply());
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      ws.send("{\"action\":\"ping\"}");
      assertThat(ws.next(WAIT)).isEqualTo("{\"type\":\"pong\"}");
      assertThat(ws.next(SILENCE)).isNull();
    }
    assertThat(UP.recorded().rpcFrames()).hasSize(1);
  }

  @Test
  void wsDropOnRpc_endsTheConnectionWithoutACloseFrame() throws Exception {
    UP.websocket(WsMode.dropOnRpc());
    try (WsProbe ws = WsProbe.connect(UP.webSocketUrl())) {
      ws.send(RPC);
      Throwable e = ws.error.get(3, TimeUnit.SECONDS);
      assertThat(e).isInstanceOf(IOException.class);
      assertThat(ws.closed).isNotDone();
    }
  }

  @Test
  void reset_returnsToOkAndClearsTheRecording() throws Exception {
    UP.rest(RestMode.status(500, "x")).websocket(WsMode.noReply());
    post(FLATPLACE, "{}");

    UP.reset();

    assertThat(UP.restMode().toString()).isEqualTo("ok");
    assertThat(UP.websocketMode().toString()).isEqualTo("ok");
    assertThat(UP.recorded().requestCount()).isZero();
    assertThat(post(FLATPLACE, "{}").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> WsMode.errorReply("[1]")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- helpers ----

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(request(path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(UP.baseUrl().resolve(path)).timeout(WAIT)
        .header("Authorization", "Bearer self-test-token").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static Socket rawPost(String path) throws IOException {
    Socket s = new Socket("127.0.0.1", UP.baseUrl().getPort());
    s.setSoTimeout((int) WAIT.toMillis());
    s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer raw-token\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  /** Nothing arrives within {@link #SILENCE}, and the connection is not closed either. */
  private static void assertSilent(Socket s) throws IOException {
    s.setSoTimeout((int) SILENCE.toMillis());
    assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the head: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readChunk(InputStream in) throws IOException {
    StringBuilder size = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("closed in a chunk");
      }
      size.append((char) b);
    }
    int n = Integer.parseInt(size.toString().trim(), 16);
    String data = new String(in.readNBytes(n), StandardCharsets.US_ASCII);
    in.readNBytes(2);
    return data;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

}
