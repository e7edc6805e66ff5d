package org.crosstradediscord.bot.intake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertIdentity;
import org.crosstradediscord.bot.alerts.AlertReader;
import org.crosstradediscord.bot.alerts.AlertRefused;
import org.crosstradediscord.bot.alerts.AlertSyntax;
import org.crosstradediscord.bot.ops.BoundedHttp;
import org.crosstradediscord.bot.ops.DeadlineExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert listener ({@code alerts.listen}): {@code POST /alerts/{source}} with an alert in CrossTrade's syntax
 * ({@link AlertSyntax}) as the body. Answers, each one line of {@code text/plain}:
 * 202 {@code accepted <alert id>}; 200 {@code duplicate <alert id>} (no second card); 400 {@code <field>: <reason>};
 * 401 {@code unauthorized} (a missing or wrong {@code key}: no detail); 404 {@code unknown source}; 405 (not POST);
 * 413 (body over the source's {@code max_body_bytes}); 429 (over {@code max_per_minute} authenticated alerts in
 * 60 s); 503 (the store did not answer: nothing recorded, the sender may retry).
 *
 * <p>Bounded like the ops endpoint (the JDK server on a {@link DeadlineExecutor}): {@value #THREADS} workers, at most
 * {@value #QUEUE} connections waiting, {@link #DEADLINE} per request; a stalled or dripping client loses its
 * connection at the deadline, a flood past the queue is closed at once. The {@code key} is removed before anything
 * else sees the alert and is never logged, stored, shown or echoed. Plain HTTP: put a TLS reverse proxy in front.
 */
public final class AlertListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertListener.class);
  /** Worker threads. */
  public static final int THREADS = 4;
  /** Connections that may wait for a worker. */
  public static final int QUEUE = 32;
  /** The longest one request may hold a worker (reading, checking, storing, answering). */
  public static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final Pattern PATH = Pattern.compile("/alerts/([A-Za-z0-9_-]{1,64})/?");
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final DeadlineExecutor workers;

  private AlertListener(HttpServer server, DeadlineExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Binds and starts serving.
   *
   * @param address where to listen (port 0: any free port)
   * @param sources the sources by name
   * @param inbox where readable, authenticated alerts go
   * @return the running listener
   * @throws IOException the address cannot be bound
   */
  public static AlertListener start(InetSocketAddress address, Map<String, IntakeSource> sources, AlertInbox inbox)
      throws IOException {
    return start(address, sources, inbox, new PerMinute(System::nanoTime), DEADLINE);
  }

  static AlertListener start(InetSocketAddress address, Map<String, IntakeSource> sources, AlertInbox inbox,
      PerMinute perMinute, Duration deadline) throws IOException {
    DeadlineExecutor workers = new DeadlineExecutor("alert-http", THREADS, QUEUE, deadline);
    Map<String, IntakeSource> bySource = Map.copyOf(sources);
    HttpServer server = BoundedHttp.start(address, workers, exchange -> handle(exchange, bySource, inbox, perMinute),
        log);
    return new AlertListener(server, workers);
  }

  private static void handle(HttpExchange exchange, Map<String, IntakeSource> sources, AlertInbox inbox,
      PerMinute perMinute) throws IOException {
    Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
    IntakeSource source = path.matches() ? sources.get(path.group(1)) : null;
    if (source == null) {
      send(exchange, 404, "unknown source");
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      send(exchange, 405, "method not allowed: POST the alert");
      return;
    }
    byte[] body = readBody(exchange, source.maxBodyBytes());
    if (body == null) {
      log.info("alert from {} refused: body over {} bytes", source.name(), source.maxBodyBytes());
      send(exchange, 413, "body over " + source.maxBodyBytes() + " bytes");
      return;
    }
    Map<String, String> fields;
    Alert alert;
    try {
      fields = new LinkedHashMap<>(AlertSyntax.read(body));
      String key = fields.remove("key");
      if (!source.keyMatches(key)) {
        log.info("alert from {} refused: {} key", source.name(), key == null ? "no" : "wrong");
        send(exchange, 401, "unauthorized");
        return;
      }
      if (!perMinute.tryAcquire(source.name(), source.maxPerMinute())) {
        log.info("alert from {} refused: over {} per minute", source.name(), source.maxPerMinute());
        exchange.getResponseHeaders().set("Retry-After", "60");
        send(exchange, 429, "too many alerts: at most " + source.maxPerMinute() + " per minute");
        return;
      }
      alert = AlertReader.read(fields);
    } catch (AlertRefused e) {
      log.info("alert from {} refused: {}", source.name(), e.problem().line());
      send(exchange, 400, e.problem().line());
      return;
    }
    AlertInbox.Receipt receipt;
    try {
      receipt = inbox.receive(source.name(), alert, AlertIdentity.of(source.name(), fields));
    } catch (RuntimeException e) {
      log.error("alert from {} not recorded", source.name(), e);
      receipt = AlertInbox.Receipt.unavailable();
    }
    switch (receipt.kind()) {
      case ACCEPTED -> send(exchange, 202, "accepted " + receipt.alertId());
      case DUPLICATE -> send(exchange, 200, "duplicate " + receipt.alertId());
      case UNAVAILABLE -> send(exchange, 503, "storage unavailable: nothing recorded, send it again");
    }
  }

  /** @return the body, or null when it is longer than {@code max} bytes (read no further than max + 1) */
  private static byte @Nullable [] readBody(HttpExchange exchange, int max)
      throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      if (length != null && Long.parseLong(length.strip()) > max) {
        return null; // announced too long: not read at all
      }
    } catch (NumberFormatException e) {
      return null; // no number we could hold: certainly over the bound
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(max + 1);
      return body.length > max ? null : body;
    }
  }

  private static void send(HttpExchange exchange, int code, String line) throws IOException {
    BoundedHttp.send(exchange, code, TEXT, line + "\n");
  }

  /** @return the bound address (the real port when 0 was asked) */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.close();
  }
}
