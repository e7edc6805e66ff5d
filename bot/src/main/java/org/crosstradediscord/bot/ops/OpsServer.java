package org.crosstradediscord.bot.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops endpoint on the JDK's HTTP server ({@code ops.listen}): {@code GET /healthz} (200 {@code ok}, or 503 and
 * one line saying why) and {@code GET /metrics} (200, Prometheus text format 0.0.4). {@code HEAD} works too; other
 * methods are 405, other paths 404. No authentication: bind it to loopback (or a container's own network) only.
 * Two handler threads; requests beyond them wait in the server's queue.
 */
final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private OpsServer(HttpServer server, ExecutorService threads) {
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
    HttpServer server = HttpServer.create(address, 16);
    ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "ops-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      try (exchange) {
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
      } catch (IOException | RuntimeException e) {
        log.debug("ops request failed: {}", org.crosstradediscord.bot.config.SafeText.oneLine(e.toString()));
      }
    });
    server.start();
    return new OpsServer(server, threads);
  }

  private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** @return the bound address (the real port when 0 was asked) */
  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
