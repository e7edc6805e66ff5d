package org.crosstradediscord.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One in-process loopback HTTP server (the JDK's) that answers every POST like the flat-place operation
 * ({@code 200 {"success":true,"orderId":"…"}}), the same for the SDK and for the hand-written call, so the benchmark
 * compares only what each client adds. Sets {@code -Dsun.net.httpserver.nodelay=true} (TCP_NODELAY) unless given.
 */
final class LoopbackServer implements AutoCloseable {
  static final String FLATPLACE = "/v1/api/accounts/Sim101/orders/flatplace";
  private static final byte[] ANSWER =
      "{\"success\":true,\"orderId\":\"3cba6631f0ad4ebd938b0b3fc9c71951\"}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService threads;

  private LoopbackServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  static LoopbackServer start() throws IOException {
    // TCP_NODELAY: without it every answer waits for the client's delayed ACK (tens of ms on Linux loopback) once
    // the headers and body go out in two writes. The JMH forks pass it on the command line; the interleaved
    // comparison runs in the launching JVM, so it is set here too (read once, when the JDK server first starts).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ANSWER.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(ANSWER);
      }
    });
    ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "loopback-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.start();
    return new LoopbackServer(server, threads);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
