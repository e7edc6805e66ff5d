package org.crosstradediscord.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of the {@link WebSocketTransport} and the requests waiting on it: the pending map (reply
 * matched by id), the send lock, the ids, liveness for the keepalive, the bounded read of inbound messages, and
 * losing/killing it (every pending request then fails; a reconnect follows through {@link WsConnector}).
 */
final class WsConnection implements WebSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

  final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  final AtomicLong ids = new AtomicLong();
  final StringBuilder partial = new StringBuilder();
  final String prefix = Long.toHexString(System.nanoTime());
  /** The JDK WebSocket allows one outstanding send at a time; waits on it are bounded (tryLock). */
  final ReentrantLock sendLock = new ReentrantLock();
  volatile WebSocket socket;
  /** Set once, when the connection is lost, killed or closed; never cleared. */
  volatile boolean dead;
  /** System.nanoTime() of the last frame of any kind received: the connection's liveness. */
  volatile long lastInbound = System.nanoTime();
  /** System.nanoTime() of the keepalive ping not yet followed by any inbound frame, or 0. */
  volatile long pingSentAt;
  long skippedBytes;

  private final long maxMessageBytes;
  private final ObjectMapper mapper;
  private final WsConnector owner;

  WsConnection(long maxMessageBytes, ObjectMapper mapper, WsConnector owner) {
    this.maxMessageBytes = maxMessageBytes;
    this.mapper = mapper;
    this.owner = owner;
  }

  /** @return connected and not lost */
  boolean usable() {
    return socket != null && !dead;
  }

  String nextId() {
    return prefix + "-" + ids.incrementAndGet();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    lastInbound = System.nanoTime();
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    alive();
    if (partial.length() + (long) data.length() > maxMessageBytes) {
      // Bounded read: a message this large is not a reply we can trust; which request it answers is unknown,
      // so every request on this connection is outcome unknown and the connection is replaced.
      partial.setLength(0);
      partial.trimToSize();
      tooLarge(webSocket);
      return null;
    }
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      if (partial.capacity() > 64 * 1024) {
        partial.trimToSize();
      }
      dispatch(text);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    alive();
    skippedBytes += data.remaining();
    if (skippedBytes > maxMessageBytes) {
      tooLarge(webSocket);
      return null;
    }
    if (last) {
      skippedBytes = 0;
      log.debug("ignoring a binary WebSocket message");
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    alive();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    alive();
    webSocket.request(1);
    return null;
  }

  private void alive() {
    lastInbound = System.nanoTime();
    pingSentAt = 0;
    owner.resetBackoff();
  }

  private void tooLarge(WebSocket webSocket) {
    webSocket.abort();
    fail(new MessageTooLargeException(maxMessageBytes), "sent a message larger than " + maxMessageBytes + " bytes");
  }

  private void dispatch(String text) {
    JsonNode frame;
    try {
      frame = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      log.debug("ignoring a frame that is not JSON ({} chars)", text.length());
      return;
    }
    JsonNode id = frame.get("id");
    CompletableFuture<JsonNode> waiting = id == null ? null : pending.remove(id.asText());
    if (waiting != null) {
      waiting.complete(frame);
    } else {
      log.debug("ignoring frame type={} id={}", WebSocketTransport.oneLine(frame.path("type").asText("?")),
          id == null ? "none" : WebSocketTransport.oneLine(id.asText()));
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    String why = reason == null ? "" : WebSocketTransport.oneLine(reason);
    lost("closed by the server (" + statusCode + (why.isEmpty() ? "" : " " + why) + ")");
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    lost(error.getClass().getSimpleName());
  }

  void lost(String why) {
    fail(new ConnectionLostException(why), why);
  }

  /** Marks the connection dead once: every pending request fails with {@code cause}; a reconnect is scheduled. */
  private void fail(RuntimeException cause, String why) {
    synchronized (this) {
      if (dead) {
        return;
      }
      dead = true;
    }
    pending.values().forEach(f -> f.completeExceptionally(cause));
    pending.clear();
    owner.connectionFailed(why);
  }

  /** Gives up on a connection we consider dead (e.g. half-open): abort the socket, then {@link #lost}. */
  void kill(String why) {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    lost(why);
  }

  /** Marks a pending request whose connection dropped. */
  static final class ConnectionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionLostException(String why) {
      super(why, null, false, false);
    }
  }

  /** Marks the pending requests of a connection that received a message over the size limit. */
  static final class MessageTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MessageTooLargeException(long limit) {
      super("a WebSocket message larger than " + limit + " bytes was received", null, false, false);
    }
  }
}
