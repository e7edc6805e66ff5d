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
import java.util.concurrent.CopyOnWriteArrayList;
import org.crosstradediscord.testing.spec.Spec;

/**
 * The simulated CrossTrade API in front of the {@link Book}, shared by the REST and WebSocket transports:
 * server-error fault, bearer token (401), rate limit (429), NinjaTrader connection (408), request validation
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
   * @param path raw request path (validated as is), e.g. {@code /v1/api/accounts/Sim101/orders/flatplace}
   * @param account decoded account path parameter, or null
   * @param authorization the Authorization header as received, or null
   * @param rawBody the body text
   * @return the answer
   */
  public SimResponse handle(String transport, String operationId, String path, String account, String authorization,
      String rawBody) {
    long received = System.nanoTime();
    JsonNode body = parse(rawBody);
    boolean authorized = authorized(authorization);
    SimResponse r = decide(operationId, path, account, authorization, authorized, rawBody, body);
    log.add(new RecordedRequest(Instant.now(), transport, operationId, path, account, body, r.status(), r.body(), authorized, received));
    return r;
  }

  private SimResponse decide(String operationId, String path, String account, String authorization, boolean authorized,
      String rawBody, JsonNode body) {
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
    if (faults.isDisconnected()) {
      return SimResponse.envelope(408, "not_connected", "NinjaTrader or the CrossTrade add-on is not connected");
    }
    ValidationReport report = validator.validateRequest(new SimpleRequest.Builder("POST", path)
        .withHeader("Authorization", authorization).withContentType("application/json").withBody(rawBody).build());
    if (report.hasErrors() || body == null || !body.isObject()) {
      String why = report.getMessages().isEmpty() ? "body must be a JSON object" : report.getMessages().get(0).getMessage();
      return new SimResponse(400, SimResponse.JSON.createObjectNode().put("error", "Invalid request").put("detail", why), -1);
    }
    return book.execute(operationId, account, body);
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
