package org.crosstradediscord.testing.hostile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hostile CrossTrade upstream on loopback for fault tests of the SDK and the bot: plain {@link ServerSocket},
 * one daemon thread per connection, HTTP/1.1 and RFC 6455 written by hand so it can break every rule a real
 * server library keeps. It serves whatever path is requested (the SDK POSTs to {@code /v1/api/…}; a request with
 * {@code Upgrade: websocket}, e.g. to {@code /ws/stream}, is upgraded).
 *
 * <pre>{@code
 * try (HostileUpstream up = HostileUpstream.start()) {
 *   up.rest(RestMode.stallBody());
 *   CrossTradeClient client = CrossTradeClient.builder().token("t").baseUrl(up.baseUrl()).build();
 *   // ... expect OutcomeUnknownException, then:
 *   assertThat(up.recorded().requestCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Modes are read when a request or frame arrives; {@link #reset()} returns both to ok, clears the
 * {@link Recording} and closes every open connection (stalled, dripping, half-open ones included).
 */
public final class HostileUpstream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HostileUpstream.class);

  private final ServerSocket server;
  private final URI baseUrl;
  private final Recording recording = new Recording();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile RestMode restMode = RestMode.ok();
  private volatile WsMode wsMode = WsMode.ok();
  private volatile boolean closed;

  private HostileUpstream(ServerSocket server) {
    this.server = server;
    this.baseUrl = URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * Binds an ephemeral port on 127.0.0.1 and starts accepting, with both modes ok.
   *
   * @return the running upstream
   * @throws java.io.UncheckedIOException the port could not be bound
   */
  public static HostileUpstream start() {
    try {
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      HostileUpstream up = new HostileUpstream(s);
      Thread t = new Thread(up::acceptLoop, "hostile-upstream-accept-" + s.getLocalPort());
      t.setDaemon(true);
      t.start();
      return up;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** @return {@code http://127.0.0.1:<port>}, the SDK's base URL */
  public URI baseUrl() {
    return baseUrl;
  }

  /** @return {@code ws://127.0.0.1:<port>/ws/stream}, where the SDK's WebSocket transport connects */
  public URI webSocketUrl() {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws/stream");
  }

  /**
   * @param mode how to answer HTTP requests from now on
   * @return this upstream
   */
  public HostileUpstream rest(RestMode mode) {
    this.restMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * @param mode how to behave on WebSocket connections from now on (open ones included)
   * @return this upstream
   */
  public HostileUpstream websocket(WsMode mode) {
    this.wsMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** @return the current REST mode */
  public RestMode restMode() {
    return restMode;
  }

  /** @return the current WebSocket mode */
  public WsMode websocketMode() {
    return wsMode;
  }

  /** @return what was seen since start or the last {@link #reset()} */
  public Recording recorded() {
    return recording;
  }

  /** Closes every open connection, returns both modes to ok and clears the {@link Recording}. */
  public void reset() {
    restMode = RestMode.ok();
    wsMode = WsMode.ok();
    closeConnections();
    recording.clear();
  }

  /** Stops accepting and closes every connection; idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    closeConnections();
  }

  @Override
  public String toString() {
    return "HostileUpstream{" + baseUrl + ", rest=" + restMode + ", websocket=" + wsMode + "}";
  }

  private void closeConnections() {
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("hostile upstream stopped accepting: {}", e.toString());
        }
        return;
      }
      open.add(s);
      recording.connectionAccepted();
      Thread t = new Thread(() -> serve(s), "hostile-upstream-conn-" + s.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    boolean keepOpen = false;
    try {
      s.setTcpNoDelay(true);
      RestMode mode = restMode;
      if (!mode.readsRequest()) {
        keepOpen = true; // half-open: never read, never write; closed by reset() or close()
        return;
      }
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), LazyJson.SLICE + 16);
      HttpRequestRecord request = HttpRequestReader.read(in);
      if (request == null) {
        return;
      }
      recording.request(request);
      if (request.isWebSocketUpgrade()) {
        new WsConnection(s, in, out, () -> wsMode, recording).run(request);
        return;
      }
      RestExchange exchange = new RestExchange(request, in, out, baseUrl, recording);
      restMode.respond(exchange);
      keepOpen = exchange.keptOpen();
    } catch (IOException e) {
      log.debug("hostile upstream connection ended: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("hostile upstream failed on a connection", e);
    } finally {
      if (!keepOpen || closed) {
        closeQuietly(s);
      }
    }
  }

  private void closeQuietly(Socket s) {
    if (open.remove(s)) {
      recording.connectionClosed();
    }
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
