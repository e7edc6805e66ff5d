package org.crosstradediscord.testing.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.crosstradediscord.testing.Poll;

/**
 * What a {@link HostileUpstream} saw since it started or was last {@link HostileUpstream#reset() reset}: TCP
 * connections, HTTP requests (per method and path), WebSocket connections, RPC frames and app-level pings, and
 * how many bytes its streaming modes pushed out. Thread-safe; the {@code await…} methods poll a condition with
 * {@link Poll}, never sleep a fixed time.
 */
public final class Recording {
  private final AtomicInteger tcpConnections = new AtomicInteger();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final List<HttpRequestRecord> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger webSocketConnections = new AtomicInteger();
  private final List<JsonNode> rpcFrames = new CopyOnWriteArrayList<>();
  private final AtomicInteger appPings = new AtomicInteger();
  private final AtomicInteger controlPings = new AtomicInteger();
  private final AtomicInteger clientCloseFrames = new AtomicInteger();
  private final AtomicLong streamedBytes = new AtomicLong();

  Recording() {}

  void clear() {
    tcpConnections.set(0);
    requests.clear();
    webSocketConnections.set(0);
    rpcFrames.clear();
    appPings.set(0);
    controlPings.set(0);
    clientCloseFrames.set(0);
    streamedBytes.set(0);
  }

  void connectionAccepted() {
    tcpConnections.incrementAndGet();
    openConnections.incrementAndGet();
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  void request(HttpRequestRecord r) {
    requests.add(r);
  }

  void webSocketAccepted() {
    webSocketConnections.incrementAndGet();
  }

  void rpc(JsonNode frame) {
    rpcFrames.add(frame);
  }

  void appPing() {
    appPings.incrementAndGet();
  }

  void controlPing() {
    controlPings.incrementAndGet();
  }

  void clientClose() {
    clientCloseFrames.incrementAndGet();
  }

  void streamed(long bytes) {
    streamedBytes.addAndGet(bytes);
  }

  /** @return TCP connections accepted (a {@link RestMode#halfOpen()} connection counts though nothing is read) */
  public int tcpConnections() {
    return tcpConnections.get();
  }

  /** @return TCP connections open right now (not reset by {@link HostileUpstream#reset()}, which closes them) */
  public int openConnections() {
    return openConnections.get();
  }

  /** @return every HTTP request read, in arrival order, WebSocket upgrades included */
  public List<HttpRequestRecord> requests() {
    return List.copyOf(requests);
  }

  /** @return the number of HTTP requests read */
  public int requestCount() {
    return requests.size();
  }

  /**
   * @param method e.g. {@code POST}
   * @param path e.g. {@code /v1/api/positions/flatten}
   * @return the number of requests read with exactly that method and path
   */
  public int requestCount(String method, String path) {
    String key = method + " " + path;
    return (int) requests.stream().filter(r -> r.key().equals(key)).count();
  }

  /** @return WebSocket connections upgraded (handshake answered with 101) */
  public int webSocketConnections() {
    return webSocketConnections.get();
  }

  /** @return every {@code {"action":"rpc",…}} frame received, parsed, in arrival order */
  public List<JsonNode> rpcFrames() {
    return List.copyOf(rpcFrames);
  }

  /** @return app-level {@code {"action":"ping"}} frames received */
  public int appPings() {
    return appPings.get();
  }

  /** @return RFC 6455 ping control frames received */
  public int controlPings() {
    return controlPings.get();
  }

  /** @return RFC 6455 close frames received from clients */
  public int clientCloseFrames() {
    return clientCloseFrames.get();
  }

  /** @return body or message bytes written by the streaming modes (drip, huge, endless fragments) */
  public long streamedBytes() {
    return streamedBytes.get();
  }

  /**
   * @param n how many RPC frames to wait for
   * @param timeout how long
   * @return the RPC frames received, at least {@code n}
   * @throws AssertionError fewer arrived in time
   */
  public List<JsonNode> awaitRpcCount(int n, Duration timeout) {
    await(() -> rpcFrames.size(), n, timeout, "RPC frames");
    return rpcFrames();
  }

  /**
   * @param n how many HTTP requests to wait for
   * @param timeout how long
   * @return the requests read, at least {@code n}
   * @throws AssertionError fewer arrived in time
   */
  public List<HttpRequestRecord> awaitRequestCount(int n, Duration timeout) {
    await(requests::size, n, timeout, "HTTP requests");
    return requests();
  }

  /**
   * @param n how many TCP connections to wait for
   * @param timeout how long
   * @throws AssertionError fewer were accepted in time
   */
  public void awaitTcpConnections(int n, Duration timeout) {
    await(tcpConnections::get, n, timeout, "TCP connections");
  }

  /**
   * @param n how many WebSocket upgrades to wait for
   * @param timeout how long
   * @throws AssertionError fewer happened in time
   */
  public void awaitWebSocketConnections(int n, Duration timeout) {
    await(webSocketConnections::get, n, timeout, "WebSocket connections");
  }

  /**
   * @param n how many app-level pings to wait for
   * @param timeout how long
   * @throws AssertionError fewer arrived in time
   */
  public void awaitAppPings(int n, Duration timeout) {
    await(appPings::get, n, timeout, "app-level pings");
  }

  /**
   * @param bytes how many streamed bytes to wait for
   * @param timeout how long
   * @throws AssertionError fewer were written in time
   */
  public void awaitStreamedBytes(long bytes, Duration timeout) {
    Poll.until(() -> streamedBytes.get() >= bytes ? Optional.of(true) : Optional.empty(), timeout,
        () -> "expected at least " + bytes + " streamed bytes, got " + streamedBytes.get());
  }

  /**
   * Waits until every connection is closed, e.g. to show a client hung up on a dripping or stalled response.
   *
   * @param timeout how long
   * @throws AssertionError a connection is still open after it
   */
  public void awaitNoOpenConnections(Duration timeout) {
    Poll.until(() -> openConnections.get() <= 0 ? Optional.of(true) : Optional.empty(), timeout,
        () -> openConnections.get() + " connection(s) still open");
  }

  private static void await(IntSupplier count, int n, Duration timeout, String what) {
    Poll.until(() -> count.getAsInt() >= n ? Optional.of(true) : Optional.empty(), timeout,
        () -> "expected at least " + n + " " + what + ", got " + count.getAsInt());
  }

  @Override
  public String toString() {
    return "Recording{tcp=" + tcpConnections + ", open=" + openConnections + ", requests=" + requests.stream()
        .map(HttpRequestRecord::key).toList() + ", ws=" + webSocketConnections + ", rpcs=" + rpcFrames.size()
        + ", appPings=" + appPings + ", streamedBytes=" + streamedBytes + "}";
  }
}
