package org.crosstradediscord.testing.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded WebSocket connection of the {@link HostileUpstream}: reads masked client frames on the connection's
 * thread, hands each RPC and app-level ping to the current {@link WsMode}, and writes unmasked server frames under
 * one lock. Long messages are streamed by a separate daemon thread so close frames are still read meanwhile.
 */
final class WsConnection {
  private static final Logger log = LoggerFactory.getLogger(WsConnection.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Largest client message accepted (the SDK's frames are tiny). */
  private static final int MAX_CLIENT_MESSAGE = 1 << 20;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Supplier<WsMode> mode;
  private final Recording recording;
  private final Object writeLock = new Object();
  private volatile boolean open = true;
  private volatile boolean streaming;
  private volatile boolean closeSent;

  WsConnection(Socket socket, InputStream in, OutputStream out, Supplier<WsMode> mode, Recording recording) {
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.mode = mode;
    this.recording = recording;
  }

  /**
   * Answers the upgrade request with 101 and serves frames until the connection ends.
   *
   * @param upgrade the client's upgrade request
   */
  void run(HttpRequestRecord upgrade) throws IOException {
    String key = upgrade.header("Sec-WebSocket-Key").orElse(null);
    if (key == null) {
      out.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return;
    }
    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + WsFrames.acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    recording.webSocketAccepted();
    try {
      readLoop();
    } finally {
      open = false;
    }
  }

  private void readLoop() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (open) {
      WsFrames.Frame f = WsFrames.read(in, MAX_CLIENT_MESSAGE);
      if (f == null) {
        return;
      }
      WsMode m = mode.get();
      switch (f.opcode()) {
        case WsFrames.PING -> {
          recording.controlPing();
          if (m.answersControlFrames()) {
            frame(true, WsFrames.PONG, f.payload());
          }
        }
        case WsFrames.PONG -> { }
        case WsFrames.CLOSE -> {
          recording.clientClose();
          if (m.answersControlFrames() || closeSent) {
            open = false; // stops a streamed message before the close reply
            if (!closeSent) {
              closeSent = true;
              frame(true, WsFrames.CLOSE, Arrays.copyOf(f.payload(), Math.min(2, f.payload().length)));
            }
            return;
          }
        }
        case WsFrames.TEXT, WsFrames.BINARY, WsFrames.CONTINUATION -> {
          if (message.size() + (long) f.payload().length > MAX_CLIENT_MESSAGE) {
            throw new java.net.ProtocolException("client message over " + MAX_CLIENT_MESSAGE + " bytes");
          }
          message.write(f.payload());
          if (f.fin()) {
            String text = message.toString(StandardCharsets.UTF_8);
            message.reset();
            onMessage(text, m);
          }
        }
        default -> throw new java.net.ProtocolException("unknown opcode " + f.opcode());
      }
    }
  }

  private void onMessage(String text, WsMode m) throws IOException {
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (IOException notJson) {
      log.debug("hostile upstream ignores a non-JSON WebSocket message ({} chars)", text.length());
      return;
    }
    String action = frame.path("action").asText("");
    if (action.equals("rpc")) {
      recording.rpc(frame);
      m.onRpc(this, frame);
    } else if (action.equals("ping")) {
      recording.appPing();
      m.onAppPing(this);
    }
  }

  /** @return true until the client closed, the socket failed or the upstream closed it */
  boolean isOpen() {
    return open && !socket.isClosed();
  }

  /**
   * Sends one complete text message in one frame; skipped while a streamed message is in progress (a data frame
   * must not interleave with a fragmented message) or after a close frame was sent.
   */
  void sendText(String text) throws IOException {
    if (streaming || closeSent) {
      return;
    }
    frame(true, WsFrames.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a close frame (the reason is sent as given, newlines and all) and serves until the client answers. */
  void sendClose(int code, String reason) throws IOException {
    if (closeSent) {
      return;
    }
    closeSent = true;
    frame(true, WsFrames.CLOSE, WsFrames.closePayload(code, reason));
  }

  /** @return true once this connection sent a close frame */
  boolean closeSent() {
    return closeSent;
  }

  /** Closes the TCP connection abruptly (RST): no close frame. */
  void abort() {
    open = false;
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /**
   * Streams one message on a daemon thread: the first slice as a text frame, the others as continuation frames,
   * FIN on the last; stops early when the connection ends.
   *
   * @param message the message text
   */
  void streamMessage(LazyJson message) {
    stream("hugeMessage", () -> {
      boolean[] first = {true};
      message.writeSlices((b, off, len, last) -> {
        if (!isOpen()) {
          throw new IOException("connection ended");
        }
        frame(last, first[0] ? WsFrames.TEXT : WsFrames.CONTINUATION, b, off, len);
        first[0] = false;
        recording.streamed(len);
      });
    });
  }

  /**
   * Streams a message that never ends: a text frame with FIN=0 starting with {@code prefix}, then continuation
   * frames of {@link LazyJson#SLICE} bytes, each with FIN=0, until the connection ends.
   *
   * @param prefix the start of the message
   */
  void streamEndless(String prefix) {
    stream("endlessFragments", () -> {
      byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
      frame(false, WsFrames.TEXT, start, 0, start.length);
      recording.streamed(start.length);
      byte[] slice = new byte[LazyJson.SLICE];
      Arrays.fill(slice, (byte) 'x');
      while (isOpen()) {
        frame(false, WsFrames.CONTINUATION, slice, 0, slice.length);
        recording.streamed(slice.length);
      }
    });
  }

  @FunctionalInterface
  private interface Streamer {
    void run() throws IOException;
  }

  private void stream(String what, Streamer streamer) {
    streaming = true;
    Thread t = new Thread(() -> {
      try {
        streamer.run();
      } catch (IOException e) {
        log.debug("hostile upstream stopped streaming {}: {}", what, e.toString());
      } finally {
        streaming = false;
      }
    }, "hostile-ws-" + what);
    t.setDaemon(true);
    t.start();
  }

  private void frame(boolean fin, int opcode, byte[] payload) throws IOException {
    frame(fin, opcode, payload, 0, payload.length);
  }

  private void frame(boolean fin, int opcode, byte[] b, int off, int len) throws IOException {
    synchronized (writeLock) {
      WsFrames.write(out, fin, opcode, b, off, len);
    }
  }
}
