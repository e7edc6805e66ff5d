package org.crosstradediscord.testing.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How the {@link HostileUpstream} answers an HTTP request (any method, any path), set per test with
 * {@link HostileUpstream#rest(RestMode)}. Every mode but {@link #halfOpen()} first reads and records the whole
 * request. Modes that stall wait for the client to go away (or the upstream to be reset or closed); none of them
 * ever ends on its own.
 */
public final class RestMode {
  /**
   * The error text of {@link #markdown(int)}: Discord markdown, a phishing link and mass mentions, as a hostile
   * upstream could put them in front of a channel.
   */
  public static final String MARKDOWN_ERROR = "[Verify your key](https://evil.example) @everyone ||x|| ``` <@&123>";
  /** Pace of {@link #dripBody()}: one byte per this many milliseconds. */
  public static final long DRIP_INTERVAL_MS = 300;

  /** Answers one exchange. */
  @FunctionalInterface
  interface Responder {
    void respond(RestExchange x) throws IOException, InterruptedException;
  }

  private final String name;
  private final boolean readsRequest;
  private final Responder responder;

  private RestMode(String name, boolean readsRequest, Responder responder) {
    this.name = name;
    this.readsRequest = readsRequest;
    this.responder = responder;
  }

  /**
   * 200 with a valid JSON body for the operation at the requested path, in the shape of openapi.yaml's 200
   * example: flatplace/reverseposition {@code {"orderId","success":true}}, close {@code {"closedPositions":[…]}},
   * flatten {@code {"orderIds":[…],"closedPositions":[…]}}; any other path {@code {"success":true}}.
   *
   * @return the mode
   */
  public static RestMode ok() {
    return new RestMode("ok", true, x -> x.respond(200, OkBodies.forPath(x.request().path())));
  }

  /** @return reads the request and sends nothing at all, until the client goes away */
  public static RestMode stallBeforeHeaders() {
    return new RestMode("stallBeforeHeaders", true, RestExchange::awaitClientGone);
  }

  /** @return sends 200 headers announcing {@code Content-Length: 100}, then nothing, until the client goes away */
  public static RestMode stallBody() {
    return new RestMode("stallBody", true, x -> {
      x.head(200, "Content-Type: application/json", "Content-Length: 100");
      x.awaitClientGone();
    });
  }

  /**
   * @return 200, chunked, then {@code {"orderId":"xxx…} one byte every {@value #DRIP_INTERVAL_MS} ms, forever,
   *     until a write fails because the client went away (or the upstream was reset or closed)
   */
  public static RestMode dripBody() {
    return new RestMode("dripBody", true, x -> {
      x.head(200, "Content-Type: application/json", "Transfer-Encoding: chunked");
      byte[] prefix = "{\"orderId\":\"".getBytes(StandardCharsets.US_ASCII);
      for (long i = 0; ; i++) {
        x.chunk(new byte[] {i < prefix.length ? prefix[(int) i] : (byte) 'x'});
        Thread.sleep(DRIP_INTERVAL_MS);
      }
    });
  }

  /**
   * 200 with {@code Content-Length: bytes} and an {@code OrderIdResponse}-shaped body of exactly that many bytes
   * ({@code {"orderId":"xxx…","success":true}}), generated slice by slice: 2 GiB costs a 64 KiB buffer. Stops
   * when the client goes away.
   *
   * @param bytes the body's length, e.g. {@code 2L << 30}
   * @return the mode
   */
  public static RestMode hugeBody(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0");
    }
    return new RestMode("hugeBody(" + bytes + ")", true, x -> {
      LazyJson body = LazyJson.orderId(bytes);
      x.head(200, "Content-Type: application/json", "Content-Length: " + body.length());
      body.writeSlices((b, off, len, last) -> x.bodyBytes(b, off, len));
    });
  }

  /**
   * @param code any status, e.g. 500, 502, 503, 418, 101
   * @param body the body as given (sent as JSON when it starts with {@code {} or {@code [})
   * @return the mode
   */
  public static RestMode status(int code, String body) {
    Objects.requireNonNull(body, "body");
    return new RestMode("status(" + code + ")", true, x -> x.respond(code, body));
  }

  /**
   * @param code a 3xx status, e.g. 301, 302, 303, 307, 308
   * @return answers with {@code Location: <baseUrl>/redirected<path>}; a client that follows it shows up as a
   *     second request in the {@link Recording}
   */
  public static RestMode redirect(int code) {
    if (code < 300 || code > 399) {
      throw new IllegalArgumentException("a redirect is 3xx, got " + code);
    }
    return new RestMode("redirect(" + code + ")", true,
        x -> x.respond(code, "", "Location: " + x.baseUrl() + "/redirected" + x.request().path()));
  }

  /**
   * Echoes the {@code Authorization} header it received. A 4xx/5xx status answers
   * {@code {"error":"invalid key <value>","detail":"received Authorization: <value>"}}. A 2xx answers a body that
   * contains the value in a string and then the bare credential (the value after {@code Bearer }) as an unquoted
   * JSON token, so a parser's error message quotes it: {@code {"success":true,"echo":"<value>","orderId":<cred>}}.
   *
   * @param status e.g. 200 or 401
   * @return the mode
   */
  public static RestMode tokenEcho(int status) {
    return new RestMode("tokenEcho(" + status + ")", true, x -> {
      String value = x.request().header("Authorization").orElse("");
      String credential = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7) : value;
      String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
      x.respond(status, status >= 200 && status < 300
          ? "{\"success\":true,\"echo\":\"" + escaped + "\",\"orderId\":" + credential + "}"
          : "{\"error\":\"invalid key " + escaped + "\",\"detail\":\"received Authorization: " + escaped + "\"}");
    });
  }

  /**
   * @return accepts the TCP connection and never reads or writes a byte; the connection stays open until the
   *     upstream is reset or closed (applies to every connection accepted while set, WebSocket ones included)
   */
  public static RestMode halfOpen() {
    return new RestMode("halfOpen", false, RestExchange::keepOpen);
  }

  /**
   * @param status e.g. 400 or 502; a 2xx answers {@code {"success":false,"error":…}}
   * @return answers {@code {"error":}{@value #MARKDOWN_ERROR}{@code }}
   */
  public static RestMode markdown(int status) {
    String error = "\"error\":\"" + MARKDOWN_ERROR + "\"";
    return new RestMode("markdown(" + status + ")", true,
        x -> x.respond(status, status >= 200 && status < 300 ? "{\"success\":false," + error + "}" : "{" + error + "}"));
  }

  boolean readsRequest() {
    return readsRequest;
  }

  void respond(RestExchange x) throws IOException, InterruptedException {
    responder.respond(x);
  }

  @Override
  public String toString() {
    return name;
  }
}
