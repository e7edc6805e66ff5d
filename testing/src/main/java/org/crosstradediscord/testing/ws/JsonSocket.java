package org.crosstradediscord.testing.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of one JSON-text WebSocket of the test kit (the Discord stand-in's gateway, the simulator's
 * {@code /ws/stream}): keeps the Jetty session, parses each text frame, and sends frames one at a time.
 */
public abstract class JsonSocket implements WebSocketListener {
  private static final Logger log = LoggerFactory.getLogger(JsonSocket.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile Session session;

  /** Called once the connection is open; may send. */
  protected abstract void opened();

  /**
   * @param frame a parsed text frame
   */
  protected abstract void onFrame(JsonNode frame);

  /** Called with a text frame that is not JSON. */
  protected abstract void onMalformed();

  @Override
  public final void onWebSocketConnect(Session s) {
    session = s;
    opened();
  }

  @Override
  public final void onWebSocketText(String text) {
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (IOException e) {
      onMalformed();
      return;
    }
    onFrame(frame);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    session = null;
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    log.debug("{} error: {}", getClass().getSimpleName(), cause.toString());
  }

  /** @param frame sent as one text frame; dropped when the connection is gone */
  protected final void send(JsonNode frame) {
    Session s = session;
    if (s == null) {
      return;
    }
    synchronized (this) {
      try {
        s.getRemote().sendString(frame.toString());
      } catch (IOException e) {
        log.debug("{} send failed: {}", getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** @param code close code @param reason close reason */
  protected final void close(int code, String reason) {
    Session s = session;
    if (s != null) {
      s.close(code, reason);
    }
  }

  /** Drops the connection without a close frame (a network failure, as the peer sees it). */
  protected final void drop() {
    Session s = session;
    if (s != null) {
      s.disconnect();
    }
  }
}
