package org.crosstradediscord.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crosstradediscord.client.api.Operations;

/**
 * Test helper (bot tests): every kind of failure the SDK throws, made by the SDK's own {@link ErrorMapper} and
 * constructors (package-private, hence this package) from what the wire can show, for one operationId.
 */
public final class SdkFailures {
  /** A failure and whether it carries CrossTrade's own words ({@code error}/{@code detail}). */
  public record Case(String label, CrossTradeException failure, boolean upstreamWords) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

  private SdkFailures() {}

  /** @return every case below for every operationId of the generated table */
  public static List<Case> everyOperation() {
    List<Case> all = new ArrayList<>();
    for (Operations.Operation op : Operations.ALL) {
      all.addAll(forOperation(op.operationId()));
    }
    return all;
  }

  /** @return each failure kind for one operation */
  public static List<Case> forOperation(String op) {
    ErrorMapper m = new ErrorMapper(new ObjectMapper(), "tok-0123456789abcdef");
    List<Case> cases = new ArrayList<>();
    Function<String, String> l = what -> op + " " + what;
    // answers with a status
    add(cases, l.apply("400 rejected"), m.fromStatus(op, 400, NO_HEADERS,
        "{\"success\":false,\"error\":\"Invalid quantity\",\"detail\":\"quantity must be at least 1\"}"));
    add(cases, l.apply("400 no position"), m.fromStatus(op, 400, NO_HEADERS,
        "{\"error\":\"No position found for instrument 'MES 12-25' in account 'Sim101'\"}"));
    add(cases, l.apply("400 empty"), m.fromStatus(op, 400, NO_HEADERS, ""));
    add(cases, l.apply("401 words"), m.fromStatus(op, 401, NO_HEADERS, "{\"error\":\"Invalid API key\"}"));
    add(cases, l.apply("401 empty"), m.fromStatus(op, 401, NO_HEADERS, null));
    add(cases, l.apply("403 envelope"), m.fromStatus(op, 403, NO_HEADERS,
        "{\"error\":\"forbidden\",\"detail\":\"Pro subscription required\"}"));
    add(cases, l.apply("408 words"), m.fromStatus(op, 408, NO_HEADERS,
        "{\"error\":\"not_connected\",\"detail\":\"NinjaTrader is not connected\"}"));
    add(cases, l.apply("408 empty"), m.fromStatus(op, 408, NO_HEADERS, ""));
    add(cases, l.apply("429 words"), m.fromStatus(op, 429,
        HttpHeaders.of(Map.of("Retry-After", List.of("2")), (a, b) -> true), "{\"error\":\"Too many requests\"}"));
    add(cases, l.apply("429 empty"), m.fromStatus(op, 429, NO_HEADERS, ""));
    add(cases, l.apply("500 empty"), m.fromStatus(op, 500, NO_HEADERS, ""));
    add(cases, l.apply("502 html"), m.fromStatus(op, 502, NO_HEADERS, "<html>Bad gateway</html>"));
    add(cases, l.apply("503 words"), m.fromStatus(op, 503, NO_HEADERS, "{\"error\":\"Service unavailable\"}"));
    add(cases, l.apply("302 empty"), m.fromStatus(op, 302, NO_HEADERS, ""));
    // no answer, or none that can be read
    add(cases, l.apply("timeout"), m.fromFailure(op, new HttpTimeoutException("request timed out")));
    add(cases, l.apply("ws timeout"), m.timeout(op, "no WebSocket reply within 5000 ms", null));
    add(cases, l.apply("ws not written"), m.timeout(op, "the WebSocket request could not be sent within 2500 ms", null));
    add(cases, l.apply("connection reset"), m.fromFailure(op, new IOException("Connection reset")));
    add(cases, l.apply("ws lost"), m.connectionLost(op, "WebSocket connection lost (EOFException)", new EOFException()));
    add(cases, l.apply("unexpected"), m.fromFailure(op, new IllegalStateException("boom")));
    add(cases, l.apply("unreadable json"), m.fromFailure(op, new JsonParseException(null, "Unexpected character")));
    add(cases, l.apply("unreadable body"), m.unreadable(op, 200, "the body has no orderId"));
    add(cases, l.apply("success=false words"), m.reportedFailure(op, 200,
        Map.of("success", false, "error", "Order rejected by the broker")));
    add(cases, l.apply("success=false bare"), m.reportedFailure(op, 200, Map.of("success", false)));
    add(cases, l.apply("interrupted"), m.fromFailure(op, new InterruptedException()));
    Thread.interrupted(); // the mapper re-asserts the flag; the test thread must not keep it
    // never sent
    add(cases, l.apply("connection refused"), m.fromFailure(op, new ConnectException("Connection refused")));
    add(cases, l.apply("unknown host"), m.fromFailure(op, new UnknownHostException("app.crosstrade.io")));
    add(cases, l.apply("connect timeout"), m.fromFailure(op, new HttpConnectTimeoutException("HTTP connect timed out")));
    add(cases, l.apply("client closed"), new UnreachableException(op, op + ": the client is closed; nothing was sent",
        null));
    add(cases, l.apply("queued too long"), new RateLimitedException(op, 0, null, null,
        op + ": rate limiter queue full (RateLimitedException); nothing was sent", null));
    add(cases, l.apply("send gate"), new NotSentException(op, "trading is halted"));
    add(cases, l.apply("send gate failed"), new NotSentException(op, "the send gate failed (IllegalStateException)"));
    add(cases, l.apply("ws refusal"), new RequestRejectedException(op, 0, "Account 'Sim999' not found", null,
        op + ": Account 'Sim999' not found"));
    return cases;
  }

  private static void add(List<Case> cases, String label, CrossTradeException e) {
    boolean words = e.error().filter(s -> !s.isBlank()).isPresent() || e.detail().filter(s -> !s.isBlank()).isPresent();
    cases.add(new Case(label + " (" + e.getClass().getSimpleName() + ")", e, words));
  }
}
