package org.crosstradediscord.testing.simulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crosstradediscord.testing.spec.Spec;

/**
 * The simulated CrossTrade API in front of the {@link Book}, shared by the REST and WebSocket transports:
 * server-error fault, bearer token (401), rate limit (429), NinjaTrader connection (408, for the operations whose
 * spec declares a 408 response), request validation
 * against openapi.yaml (400 {@code Invalid request}), then the operation. Records every request.
 */
public final class Upstream {
  private final Book book;
  private final Faults faults = new Faults();
  private final byte[] token;
  private final OpenApiInteractionValidator validator = Spec.get().validator();
  private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param book the simulated accounts
   * @param token the bearer token to accept
   */
  public Upstream(Book book, String token) {
    this.book = book;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** @return the simulated accounts */
  public Book book() {
    return book;
  }

  private final java.util.concurrent.atomic.AtomicInteger pnlStreams = new java.util.concurrent.atomic.AtomicInteger();

  /** @return the live counter of WebSocket connections streaming P&amp;L (changed by {@code streamPnl} and closes) */
  java.util.concurrent.atomic.AtomicInteger pnlStreamCounter() {
    return pnlStreams;
  }

  /** @return how many WebSocket connections are streaming P&amp;L now */
  public int pnlStreams() {
    return pnlStreams.get();
  }

  /** @return the fault switches */
  public Faults faults() {
    return faults;
  }

  /** @return every request received, in order */
  public List<RecordedRequest> requests() {
    return List.copyOf(log);
  }

  /** Forgets the request log and the ping count. */
  public void clearRequests() {
    log.clear();
    pings.set(0);
  }

  /** @return WebSocket keepalive pings received since the last reset */
  public int pings() {
    return pings.get();
  }

  void ping() {
    pings.incrementAndGet();
  }

  /**
   * @param transport {@code rest} or {@code websocket}
   * @param operationId spec operationId, or null when the path matched none
   * @param method HTTP method of the operation
   * @param path raw request path (validated as is), e.g. {@code /v1/api/accounts/Sim101/orders/flatplace}
   * @param params decoded path parameters and query parameters
   * @param authorization the Authorization header as received, or null
   * @param rawBody the body text (ignored for a GET)
   * @return the answer
   */
  public SimResponse handle(String transport, String operationId, String method, String path, Map<String, String> params,
      String authorization, String rawBody) {
    long received = System.nanoTime();
    boolean get = "GET".equals(method);
    JsonNode body = get ? null : parse(rawBody);
    boolean authorized = authorized(authorization);
    Map<String, String> p = Map.copyOf(params);
    SimResponse r = decide(operationId, method, path, p, authorization, authorized, rawBody, body);
    log.add(new RecordedRequest(Instant.now(), transport, operationId, path, p.get("account"), body, r.status(),
        r.body(), authorized, received, method, p));
    return r;
  }

  /**
   * Upstream matches input enum values case-insensitively (reference §7: the docs' own WebSocket frames send
   * {@code Buy}, {@code Market}, {@code Gtc}); the simulator maps them to the spec's canonical casing before
   * validating, so a value that is no enum value in any casing is still refused.
   */
  static JsonNode canonicalEnums(JsonNode body) {
    if (body == null || !body.isObject()) {
      return body;
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) body).deepCopy();
    ENUMS.forEach((field, values) -> {
      JsonNode v = copy.get(field);
      if (v != null && v.isTextual()) {
        values.stream().filter(c -> c.equalsIgnoreCase(v.asText().strip())).findFirst().ifPresent(c -> copy.put(field, c));
      }
    });
    return copy;
  }

  private static final Map<String, List<String>> ENUMS = Map.of(
      "action", List.of("BUY", "SELL"),
      "orderType", List.of("MARKET", "LIMIT", "STOPMARKET", "STOPLIMIT"),
      "timeInForce", List.of("DAY", "GTC"),
      "marketPosition", List.of("long", "short"));

  private SimResponse decide(String operationId, String method, String path, Map<String, String> params,
      String authorization, boolean authorized, String rawBody, JsonNode received) {
    int fault = faults.takeServerError();
    if (fault > 0) {
      return SimResponse.error(fault, "Internal server error");
    }
    if (!authorized) {
      return SimResponse.error(401, "Unauthorized");
    }
    if (operationId == null) {
      return SimResponse.error(404, "Not found: " + path);
    }
    long wait = faults.takeToken();
    if (wait >= 0) {
      SimResponse limited = SimResponse.error(429, "Rate limit exceeded");
      return new SimResponse(429, limited.body(), wait);
    }
    if (faults.isDisconnected() && Spec.get().operation(operationId).declares(408)) {
      // only operations that reach the add-on can be refused for it: one that declares no 408 is answered by
      // CrossTrade's own server (e.g. its stored data) with NinjaTrader offline
      return SimResponse.envelope(408, "not_connected", "NinjaTrader or the CrossTrade add-on is not connected");
    }
    boolean get = "GET".equals(method);
    JsonNode body = canonicalEnums(received);
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path).withHeader("Authorization", authorization);
    if (get) {
      queryOf(operationId, params).forEach(request::withQueryParam);
    } else {
      request.withContentType("application/json").withBody(body == null ? rawBody : body.toString());
    }
    ValidationReport report = validator.validateRequest(request.build());
    if (report.hasErrors() || (!get && (body == null || !body.isObject()))) {
      String why = report.getMessages().isEmpty() ? "body must be a JSON object" : report.getMessages().get(0).getMessage();
      return new SimResponse(400, SimResponse.JSON.createObjectNode().put("error", "Invalid request").put("detail", why), -1);
    }
    String instrument = body != null && body.path("instrument").isTextual() ? body.path("instrument").asText()
        : params.get("instrument");
    if (instrument != null && ROOT_ONLY.matcher(instrument.strip()).matches()) {
      java.util.Optional<String> front = book.frontMonth(instrument.strip());
      if (front.isEmpty()) {
        return new SimResponse(400, SimResponse.JSON.createObjectNode().put("error", "Invalid request").put("detail",
            "instrument '" + instrument.strip() + "' is unknown: no contract of that root is traded here"), -1);
      }
      params = new java.util.LinkedHashMap<>(params);
      params.put("instrument", front.get());
      if (body instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("instrument")) {
        o.put("instrument", front.get());
      }
    }
    return book.execute(operationId, params, body);
  }

  /**
   * A bare root symbol ({@code MES}) resolves to the front month the way CrossTrade does (reference §1.3: "root
   * symbol. Resolves to the current front month"): the simulator's contract of that root ({@code MES 12-25}), so it
   * never trades an instrument of its own invention. A root with no contract here is refused with the documented
   * generic 400 body ({@code {"error": "Invalid request"}}, §1.4 lists no text for it) and a {@code detail} naming it.
   * Other forms (CME code {@code ESH26}, continuous {@code ES1!}) pass unchanged.
   */
  private static final java.util.regex.Pattern ROOT_ONLY = java.util.regex.Pattern.compile("\\p{Alpha}{1,6}");

  private static Map<String, String> queryOf(String operationId, Map<String, String> params) {
    Map<String, String> q = new java.util.LinkedHashMap<>();
    for (String name : Spec.get().operation(operationId).queryParams()) {
      if (params.containsKey(name)) {
        q.put(name, params.get(name));
      }
    }
    return q;
  }

  boolean authorized(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(authorization.substring(7).getBytes(StandardCharsets.UTF_8), token);
  }

  private static JsonNode parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return SimResponse.JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }
}
