package org.crosstradediscord.bot.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;

/**
 * The JDK HTTP server as the bot runs it (the ops endpoint, the alert listener): every request on a
 * {@link DeadlineExecutor} (bounded threads, queue and time), one handler for every path, and answers of one text.
 */
public final class BoundedHttp {
  private BoundedHttp() {}

  /** Handles one exchange; what it throws is logged at debug and the connection closed. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param exchange the request
     * @throws IOException the client went away
     */
    void handle(HttpExchange exchange) throws IOException;
  }

  /**
   * Binds and starts a server whose requests run on {@code workers}.
   *
   * @param address where to listen (port 0: any free port)
   * @param workers the bounded workers (closed here when the address cannot be bound)
   * @param handler every request, whatever its path
   * @param log where a failed request is noted (debug)
   * @return the running server
   * @throws IOException the address cannot be bound
   */
  public static HttpServer start(InetSocketAddress address, DeadlineExecutor workers, Handler handler, Logger log)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException | RuntimeException e) {
      workers.close();
      throw e;
    }
    server.setExecutor(workers);
    server.createContext("/", exchange -> {
      try (exchange) {
        handler.handle(exchange);
      } catch (IOException | RuntimeException e) {
        log.debug("request failed: {}", SafeText.oneLine(e.toString()));
      }
    });
    server.start();
    return server;
  }

  /**
   * Answers with one text body (none for {@code HEAD}), never cached.
   *
   * @param exchange the request
   * @param code the HTTP status
   * @param type the {@code Content-Type}
   * @param body the text, UTF-8
   * @throws IOException the client went away
   */
  public static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
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
}
