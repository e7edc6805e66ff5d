package org.crosstradediscord.bot.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops endpoint on the JDK's HTTP server ({@code ops.listen}): {@code GET /healthz} (200 {@code ok}, or 503 and
 * one line saying why) and {@code GET /metrics} (200, Prometheus text format 0.0.4). {@code HEAD} works too; other
 * methods are 405, other paths 404. No authentication: bind it to loopback (or a container's own network) only.
 *
 * <p>Bounded ({@link DeadlineExecutor}): {@value #THREADS} worker threads, at most {@value #QUEUE} connections
 * waiting for one, and {@link #DEADLINE} per request (reading it, answering it, and the server draining an unread
 * body): a client that sends half a request line or stalls is dropped then, so stalled clients cannot keep
 * {@code /healthz} from answering for longer than that. A connection that arrives while every worker is busy and the
 * queue is full is closed at once (the JDK server cannot answer a request it has not read, so no 503 then).
 */
final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** Worker threads. */
  static final int THREADS = 8;
  /** Connections that may wait for a worker. */
  static final int QUEUE = 16;
  /** The longest one request may hold a worker; {@code /healthz} itself takes at most about 1 s. */
  static final Duration DEADLINE = Duration.ofSeconds(3);

  private final HttpServer server;
  private final DeadlineExecutor threads;

  private OpsServer(HttpServer server, DeadlineExecutor threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Binds and starts serving.
   *
   * @param address where to listen (port 0: any free port)
   * @param health the health check
   * @param metrics the metrics text
   * @return the running server
   * @throws IOException the address cannot be bound (in use, not an address of this host, no permission)
   */
  static OpsServer start(InetSocketAddress address, Health health, Supplier<String> metrics) throws IOException {
    return start(address, health, metrics, THREADS, QUEUE, DEADLINE);
  }

  /**
   * As {@link #start(InetSocketAddress, Health, Supplier)} with other bounds (for tests).
   *
   * @param address where to listen (port 0: any free port)
   * @param health the health check
   * @param metrics the metrics text
   * @param threads worker threads
   * @param queue connections that may wait for a worker
   * @param deadline the longest one request may hold a worker
   * @return the running server
   * @throws IOException the address cannot be bound
   */
  static OpsServer start(InetSocketAddress address, Health health, Supplier<String> metrics, int threads, int queue,
      Duration deadline) throws IOException {
    DeadlineExecutor workers = new DeadlineExecutor("ops-http", threads, queue, deadline);
    HttpServer server = BoundedHttp.start(address, workers, exchange -> {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/healthz") && !path.equals("/metrics")) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found: GET /healthz or /metrics\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
      } else if (path.equals("/healthz")) {
        Health.Status status = health.check();
        send(exchange, status.healthy() ? 200 : 503, "text/plain; charset=utf-8", status.reason() + "\n");
      } else {
        send(exchange, 200, METRICS_TYPE, metrics.get());
      }
    }, log);
    return new OpsServer(server, workers);
  }

  private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
    BoundedHttp.send(exchange, code, type, body);
  }

  /** @return the bound address (the real port when 0 was asked) */
  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.close();
  }
}
