package org.crosstradediscord.testing.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK {@link WebSocket} client for the kit's self-test: collects whole text messages up to a size, and counts
 * the characters of longer ones without keeping them (first and last few characters only).
 */
final class WsProbe implements WebSocket.Listener, AutoCloseable {
  private static final int KEEP = 1 << 20;

  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  final CompletableFuture<Throwable> error = new CompletableFuture<>();
  final AtomicLong nonFinalChars = new AtomicLong();
  final AtomicInteger nonFinalParts = new AtomicInteger();
  final CompletableFuture<Long> lastMessageChars = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private long partialChars;
  private String head = "";
  volatile String lastHead = "";
  volatile String lastTail = "";
  final WebSocket socket;

  private WsProbe(URI uri) throws Exception {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
        .buildAsync(uri, this).get(3, TimeUnit.SECONDS);
  }

  static WsProbe connect(URI uri) throws Exception {
    return new WsProbe(uri);
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(2, TimeUnit.SECONDS);
  }

  @Override
  public void onOpen(WebSocket ws) {
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partialChars += data.length();
    if (head.length() < 64) {
      head = (head + data).substring(0, Math.min(64, head.length() + data.length()));
    }
    if (partial.length() + data.length() <= KEEP) {
      partial.append(data);
    }
    if (!last) {
      nonFinalParts.incrementAndGet();
      nonFinalChars.addAndGet(data.length());
    } else {
      String text = data.toString();
      lastHead = head;
      lastTail = text.substring(Math.max(0, text.length() - 64));
      if (partialChars <= KEEP) {
        messages.add(partial.toString());
      }
      lastMessageChars.complete(partialChars);
      partial.setLength(0);
      partialChars = 0;
      head = "";
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
    pongs.add(message);
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable e) {
    error.complete(e);
  }

  /** @return the next whole message, or null when none comes within the wait */
  String next(Duration wait) throws InterruptedException {
    return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
