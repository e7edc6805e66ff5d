package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.client.model.PnlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a {@link PnlStream}: reads its messages (bounded by the response limit), decodes each
 * {@code pnlUpdate} frame and hands it to the stream, reports a server's error frame, and ends once — lost (aborted,
 * the stream then schedules the next connection) or closed politely.
 */
final class PnlSession implements WebSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(PnlStream.class);

  /** What the stream does with this connection's events. */
  interface Owner {
    /** A {@code pnlUpdate} frame was decoded on {@code session}. */
    void received(PnlSession session, PnlUpdate update);

    /** The server sent an error frame; {@code problem} is one bounded line. */
    void problem(String problem);

    /** {@code session} was just lost and aborted (called once, holding its lock): schedule the next one. */
    void lost(String why);
  }

  final StringBuilder partial = new StringBuilder();
  volatile WebSocket socket;
  volatile boolean ended;
  long firstFrameNanos;

  private final long maxMessageBytes;
  private final ObjectMapper mapper;
  private final Owner owner;

  PnlSession(long maxMessageBytes, ObjectMapper mapper, Owner owner) {
    this.maxMessageBytes = maxMessageBytes;
    this.mapper = mapper;
    this.owner = owner;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (partial.length() + (long) data.length() > maxMessageBytes) {
      partial.setLength(0);
      partial.trimToSize();
      lost("a message larger than " + maxMessageBytes + " bytes");
      return null;
    }
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      frame(text);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    lost("closed by the server (" + statusCode + ")");
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    lost(describe(error));
  }

  private void frame(String text) {
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (Exception e) {
      log.debug("ignoring a P&L stream frame that is not JSON ({} chars)", text.length());
      return;
    }
    String type = node.path("type").asText();
    if (!"pnlUpdate".equals(type)) {
      if ("error".equals(type) || node.has("error")) { // e.g. the subscription refused: say so (bounded, one line)
        owner.problem("the server said: " + WebSocketTransport.oneLine(node.path("error").asText(
            node.path("message").asText("error"))));
      }
      return; // status, pong, marketData, … are not ours
    }
    PnlUpdate update;
    try {
      update = mapper.treeToValue(node, PnlUpdate.class);
    } catch (Exception e) {
      log.debug("ignoring an unreadable pnlUpdate frame: {}", describe(e));
      return;
    }
    owner.received(this, update);
  }

  /** The connection is gone or unusable: abort it and schedule the next one (once per connection). */
  synchronized void lost(String why) {
    if (ended) {
      return;
    }
    ended = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    owner.lost(why);
  }

  /** Ends the subscription politely (close), then hard. */
  synchronized void end(boolean unsubscribe) {
    ended = true;
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    try {
      if (unsubscribe) {
        ws.sendText("{\"action\":\"streamPnl\",\"enabled\":false}", true).get(500, TimeUnit.MILLISECONDS);
      }
      CompletableFuture<WebSocket> closing = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      closing.get(500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("P&L stream did not close politely: {}", describe(e));
    } finally {
      ws.abort();
    }
  }

  /** @return a failure in one line: its (or, for an ExecutionException, its cause's) class and message; no token */
  static String describe(Throwable e) {
    Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String m = root.getMessage();
    return WebSocketTransport.oneLine(root.getClass().getSimpleName() + (m == null ? "" : ": " + m));
  }
}
