package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WebSocketTransport}'s connection lifecycle: the current {@link WsConnection}, opening it within a call's
 * deadline (one connect at a time), re-opening it in the background with backoff (250 ms doubling to 5 s, reset by
 * the first frame received) after it was lost, and the keepalive ping that detects a half-open connection.
 */
final class WsConnector {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

  private final URI uri;
  private final String token;
  private final String userAgent;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration pingInterval;
  private final long maxMessageBytes;
  private final ObjectMapper mapper;
  private final ErrorMapper errors;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final ReentrantLock connectLock = new ReentrantLock();
  private volatile WsConnection current;
  private volatile boolean closed;
  private volatile long backoffMs = 250;

  WsConnector(URI uri, String token, Duration connectTimeout, Duration requestTimeout, String userAgent,
      Duration pingInterval, long maxMessageBytes, ObjectMapper mapper, ErrorMapper errors) {
    this.uri = uri;
    this.token = token;
    this.userAgent = userAgent;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.pingInterval = pingInterval;
    this.maxMessageBytes = maxMessageBytes;
    this.mapper = mapper;
    this.errors = errors;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crosstrade-ws");
      t.setDaemon(true);
      return t;
    });
    long ping = pingInterval.toMillis();
    scheduler.scheduleWithFixedDelay(this::keepalive, ping, ping, TimeUnit.MILLISECONDS);
  }

  /** @return the time left until {@code deadline} (System.nanoTime()), at least 1 ns */
  static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }

  /** A frame arrived: the next reconnect after a loss starts again from the shortest backoff. */
  void resetBackoff() {
    backoffMs = 250;
  }

  /** A connection was marked dead (its pending requests already failed): reconnect unless closed. */
  void connectionFailed(String why) {
    if (!closed) {
      log.warn("CrossTrade WebSocket {}; requests in flight fail as outcome unknown; reconnecting", why);
      scheduleReconnect();
    }
  }

  /** Stops reconnects and the keepalive, fails the current connection's requests and closes it (best effort). */
  void close() {
    closed = true;
    scheduler.shutdownNow();
    WsConnection c = current;
    if (c != null) {
      c.lost("client closed");
      WebSocket ws = c.socket;
      if (ws != null) {
        try {
          ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closing").orTimeout(1, TimeUnit.SECONDS)
              .whenComplete((done, failure) -> ws.abort());
        } catch (RuntimeException e) {
          ws.abort();
        }
      }
    }
  }

  /**
   * @return the current connection if usable, else a new one opened within {@code deadline}
   * @throws CrossTradeException not connected in time (nothing was sent), or the token was refused
   */
  WsConnection connection(String operationId, long deadline) {
    WsConnection c = current;
    if (c != null && c.usable()) {
      return c;
    }
    boolean locked;
    try {
      locked = connectLock.tryLock(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(operationId, operationId + ": interrupted while connecting; nothing was sent", e);
    }
    if (!locked) {
      throw new UnreachableException(operationId, operationId + ": the CrossTrade WebSocket did not connect within "
          + requestTimeout.toMillis() + " ms; nothing was sent", null);
    }
    try {
      c = current;
      if (c != null && c.usable()) {
        return c;
      }
      current = connect(operationId, deadline);
      return current;
    } finally {
      connectLock.unlock();
    }
  }

  private WsConnection connect(String operationId, long deadline) {
    if (closed) {
      throw new UnreachableException(operationId, operationId + ": the client is closed; nothing was sent", null);
    }
    WsConnection c = new WsConnection(maxMessageBytes, mapper, this);
    long waitNanos = Math.min(connectTimeout.toNanos(), remaining(deadline));
    CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(Duration.ofNanos(waitNanos))
        .header("Authorization", "Bearer " + token).header("User-Agent", userAgent)
        .buildAsync(uri, c);
    try {
      c.socket = opening.get(waitNanos, TimeUnit.NANOSECONDS);
      // backoffMs is reset by the first frame received (alive()), not here: a server that accepts and closes at
      // once must not get a reconnect every 250 ms.
      log.info("connected to CrossTrade WebSocket {}", uri);
      return c;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        if (status == 401 || status == 403) {
          throw errors.fromStatus(operationId, 401, null, "{\"error\":\"WebSocket upgrade refused with HTTP " + status
              + ": the CrossTrade token was not accepted\"}");
        }
        throw new UnreachableException(operationId, operationId + ": WebSocket upgrade refused with HTTP " + status
            + "; nothing was sent", errors.scrubbed(cause));
      }
      throw new UnreachableException(operationId, operationId + ": could not open the CrossTrade WebSocket ("
          + cause.getClass().getSimpleName() + "); nothing was sent", errors.scrubbed(cause));
    } catch (TimeoutException e) {
      // Cancelling the future would not stop the JDK's handshake; close whatever it may still open.
      opening.whenComplete((late, failure) -> {
        if (late != null) {
          late.abort();
        }
      });
      throw new UnreachableException(operationId, operationId + ": WebSocket connect timed out after "
          + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms; nothing was sent", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      opening.whenComplete((late, failure) -> {
        if (late != null) {
          late.abort();
        }
      });
      throw new UnreachableException(operationId, operationId + ": interrupted while connecting; nothing was sent", e);
    }
  }

  private void scheduleReconnect() {
    long delay = backoffMs;
    backoffMs = Math.min(5_000, backoffMs * 2);
    try {
      scheduler.schedule(() -> {
        if (closed) {
          return;
        }
        try {
          connection("reconnect", System.nanoTime() + connectTimeout.toNanos());
        } catch (RuntimeException e) {
          log.warn("CrossTrade WebSocket reconnect failed ({}); next try in {} ms",
              WebSocketTransport.oneLine(String.valueOf(e.getMessage())), backoffMs);
          scheduleReconnect();
        }
      }, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * Keepalive, run every ping interval: when the previous {@code {"action":"ping"}} has had no frame of any kind
   * after it for a whole interval, the connection is dead (e.g. half-open): it is aborted, requests in flight on it
   * fail as outcome unknown, and a reconnect follows with backoff. Otherwise a new ping is sent. Never throws (an
   * exception would cancel every later run) and never waits on the send lock or a send longer than the interval.
   */
  private void keepalive() {
    WsConnection c = current;
    try {
      if (c == null || !c.usable() || closed) {
        return;
      }
      long now = System.nanoTime();
      long sentAt = c.pingSentAt;
      if (sentAt != 0 && c.lastInbound < sentAt && now - sentAt >= pingInterval.toNanos()) {
        c.kill("no reply to the keepalive ping within " + pingInterval.toMillis() + " ms (connection dead)");
        return;
      }
      if (sentAt != 0) {
        return; // a ping is still waiting for its reply
      }
      long bound = Math.min(pingInterval.toNanos(), requestTimeout.toNanos());
      if (!c.sendLock.tryLock(bound, TimeUnit.NANOSECONDS)) {
        return; // a request is sending; its own deadline covers it
      }
      try {
        if (!c.usable()) {
          return;
        }
        c.pingSentAt = System.nanoTime();
        c.socket.sendText("{\"action\":\"ping\"}", true).get(bound, TimeUnit.NANOSECONDS);
      } finally {
        c.sendLock.unlock();
      }
    } catch (TimeoutException e) {
      if (c != null) { // the connection that was pinged, never a newer one
        c.kill("keepalive ping not sent within " + Math.min(pingInterval.toMillis(), requestTimeout.toMillis()) + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      log.warn("CrossTrade WebSocket keepalive ping failed ({}); the next one follows on schedule",
          e.getClass().getSimpleName());
    }
  }
}
