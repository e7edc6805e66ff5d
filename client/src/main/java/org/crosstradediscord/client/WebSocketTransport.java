package org.crosstradediscord.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.api.Operations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket RPC transport (reference §5): one long-lived connection to {@code /ws/stream} with the bearer
 * token on the upgrade request; requests {@code {"action":"rpc","id","api","args"}} where {@code args} is the
 * path parameter and body fields merged; replies {@code {"id","data"}} matched by id with a per-request timeout.
 *
 * <p>Safety: a request in flight when the connection drops fails with {@link OutcomeUnknownException} and is never
 * re-sent; the transport reconnects in the background with backoff (250 ms doubling to 5 s) and the next request
 * uses the new connection. Each call has one deadline (the request timeout) for connecting, the send lock, sending
 * and the reply. A message over the size limit is never buffered whole: the connection is aborted and its requests
 * fail as outcome unknown. Keepalive: {@code {"action":"ping"}} every ping interval; when a whole interval passes
 * after a ping with no frame of any kind, the connection is dead (half-open): aborted, its requests outcome unknown,
 * re-opened with backoff. Frames that are not replies to a pending id (pong, market data, status…) are ignored and
 * logged at debug. Error replies follow the rule in openapi.yaml's {@code x-websocket-rpc-notes}: both
 * {@code {"id","data":{"error",…}}} and {@code {"id","error",…}} are read, with an optional numeric {@code status};
 * without one, only a documented pre-execution text is a refusal, anything else is outcome unknown.
 */
final class WebSocketTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

  /** operationId → RPC name: the {@code x-websocket-rpc} column of the generated operations table. */
  static final Map<String, String> RPC_NAMES = Operations.ALL.stream().filter(op -> op.websocketRpc() != null)
      .collect(Collectors.toUnmodifiableMap(Operation::operationId, Operation::websocketRpc));

  /**
   * Documented error texts and codes, each matched against the WHOLE start of the reply's {@code error} (or, when
   * absent, {@code detail}) — never anywhere inside it, so "RPC failed after submit: … not found" or "Timed out …;
   * NinjaTrader disconnected" stay outcome unknown (reference §1.4, openapi.yaml {@code x-websocket-rpc-notes}).
   */
  private static final Pattern NO_POSITION = Pattern.compile("^no positions? found\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern RATE_LIMITED = Pattern.compile("^(rate limit exceeded|rate_limited)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_CONNECTED = Pattern.compile(
      "^(not_connected\\s*$|ninjatrader (8 )?(or the crosstrade add-on )?is not connected\\b)", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNAUTHORIZED = Pattern.compile("^(unauthorized|invalid token|invalid_token)\\b",
      Pattern.CASE_INSENSITIVE);
  /**
   * Refusals before anything is executed: validation ("Invalid request", "invalid_…" codes), an unknown account,
   * an order "not found or already terminal", an add-on too old for the command ("Unknown API command").
   */
  private static final Pattern PRE_EXECUTION_REFUSAL = Pattern.compile(
      "^(invalid request\\b|invalid_[a-z_]+\\s*$|account \\S+ not found\\.?\\s*$"
          + "|order linked to '[^']*' not found or already terminal\\.?\\s*$|not found or already terminal\\.?\\s*$"
          + "|unknown api command\\b)",
      Pattern.CASE_INSENSITIVE);

  private final URI uri;
  private final String token;
  private final String userAgent;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration pingInterval;
  private final long maxMessageBytes;
  private final ObjectMapper mapper;
  private final ErrorMapper errors;
  private final ResponseChecks checks;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final ReentrantLock connectLock = new ReentrantLock();
  private volatile Connection current;
  private volatile boolean closed;
  private volatile long backoffMs = 250;

  /** One WebSocket connection and the requests waiting on it. */
  private final class Connection implements WebSocket.Listener {
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
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
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
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
      alive();
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
      alive();
      webSocket.request(1);
      return null;
    }

    private void alive() {
      lastInbound = System.nanoTime();
      pingSentAt = 0;
      backoffMs = 250;
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
        log.debug("ignoring frame type={} id={}", oneLine(frame.path("type").asText("?")),
            id == null ? "none" : oneLine(id.asText()));
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      String why = reason == null ? "" : oneLine(reason);
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
      if (!closed) {
        log.warn("CrossTrade WebSocket {}; requests in flight fail as outcome unknown; reconnecting", why);
        scheduleReconnect();
      }
    }

    /** Gives up on a connection we consider dead (e.g. half-open): abort the socket, then {@link #lost}. */
    void kill(String why) {
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      lost(why);
    }
  }

  /** Marks a pending request whose connection dropped. */
  private static final class ConnectionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionLostException(String why) {
      super(why, null, false, false);
    }
  }

  /** Marks the pending requests of a connection that received a message over the size limit. */
  private static final class MessageTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MessageTooLargeException(long limit) {
      super("a WebSocket message larger than " + limit + " bytes was received", null, false, false);
    }
  }

  WebSocketTransport(URI uri, String token, Duration connectTimeout, Duration requestTimeout, String userAgent,
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
    this.checks = new ResponseChecks(errors);
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crosstrade-ws");
      t.setDaemon(true);
      return t;
    });
    long ping = pingInterval.toMillis();
    scheduler.scheduleWithFixedDelay(this::keepalive, ping, ping, TimeUnit.MILLISECONDS);
  }

  /**
   * One RPC: {@code api} is the row's {@code x-websocket-rpc} (or, for {@link Call#withoutFilters()}, its
   * {@code x-websocket-rpc-without-filters}), {@code args} the call's path and query parameters then its body
   * fields; the gate runs for a write only; never re-sent.
   */
  @Override
  public <T> T send(Call<T> call, SendGate gate) {
    Operation op = call.operation();
    ObjectNode args = mapper.createObjectNode();
    call.parameters().forEach((name, value) -> args.set(name, mapper.valueToTree(value)));
    if (call.body() != null) {
      args.setAll((ObjectNode) mapper.valueToTree(call.body()));
    }
    JsonNode reply = call(op.operationId(), rpcName(call, args), args, op.isRead() ? SendGate.OPEN : gate);
    return call.checked(checks, 200, read(op.operationId(), reply, call.responseType()));
  }

  /**
   * @return the RPC name for these args
   * @throws IllegalStateException empty args for an operation whose empty args mean something else (an empty
   *     {@code Flatten} must never become {@code FlattenEverything}; the front door already refuses it), or args
   *     for the without-filters RPC
   */
  private static String rpcName(Call<?> call, ObjectNode args) {
    Operation op = call.operation();
    if (call.isWithoutFilters()) {
      if (!args.isEmpty()) {
        throw new IllegalStateException(op.websocketRpcWithoutFilters() + " takes no filters");
      }
      return op.websocketRpcWithoutFilters();
    }
    if (op.websocketRpcWithoutFilters() != null && args.isEmpty()) {
      throw new IllegalStateException(op.operationId() + " needs at least one filter");
    }
    if (op.websocketRpc() == null) {
      throw new IllegalStateException(op.operationId() + " has no x-websocket-rpc in openapi.yaml");
    }
    return op.websocketRpc();
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    Connection c = current;
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
   * Sends one RPC and waits for its reply frame, all within one deadline (the request timeout, counted from the
   * call: connecting, waiting for the send lock, sending and the reply); never re-sends. The gate is passed last,
   * with the connection open and the send lock held, right before {@code sendText}: a refusal puts nothing in
   * {@code pending}, releases the lock and leaves the connection as it was.
   *
   * @throws NotSentException the gate refused or failed; nothing was sent
   */
  private JsonNode call(String operationId, String api, ObjectNode args, SendGate gate) {
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    Connection c = connection(operationId, deadline);
    String id = c.nextId();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    ObjectNode frame = mapper.createObjectNode().put("action", "rpc").put("id", id).put("api", api);
    frame.set("args", args);
    long start = System.nanoTime();
    boolean locked = false;
    try {
      locked = c.sendLock.tryLock(remaining(deadline), TimeUnit.NANOSECONDS);
      if (!locked) {
        throw new UnreachableException(operationId, operationId + ": the WebSocket stayed busy sending for "
            + requestTimeout.toMillis() + " ms; nothing was sent", null);
      }
      if (!c.usable()) {
        throw new UnreachableException(operationId, operationId + ": the WebSocket connection closed before"
            + " sending; nothing was sent", null);
      }
      SendGates.pass(gate, operationId); // under the send lock: the last check, nothing is pending or sent yet
      if (gate != SendGate.OPEN && deadline - System.nanoTime() <= 0) { // a slow gate must not make us send late
        throw new UnreachableException(operationId, operationId + ": the request timeout of " + requestTimeout.toMillis()
            + " ms passed before sending; nothing was sent", null);
      }
      c.pending.put(id, reply); // before sending: on loopback the reply can arrive before sendText returns
      CompletableFuture<WebSocket> sent;
      try {
        sent = c.socket.sendText(frame.toString(), true);
      } catch (RuntimeException e) { // e.g. IllegalStateException: the JDK refused the frame before sending it
        c.pending.remove(id);
        c.kill("the WebSocket refused a send (" + e.getClass().getSimpleName() + ")");
        throw new UnreachableException(operationId, operationId + ": the WebSocket refused the request ("
            + e.getClass().getSimpleName() + "); nothing was sent", null);
      }
      try {
        sent.get(remaining(deadline), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | InterruptedException e) {
        // A send that cannot finish (or that we stop waiting for) leaves the connection unusable (one outstanding
        // send at a time) and the frame possibly half-written.
        c.kill("send did not finish" + (e instanceof TimeoutException ? " within " + requestTimeout.toMillis() + " ms"
            : " (interrupted)"));
        throw e;
      }
    } catch (TimeoutException e) {
      c.pending.remove(id);
      throw errors.timeout(operationId, "the WebSocket request could not be sent within " + requestTimeout.toMillis()
          + " ms", e);
    } catch (ExecutionException e) {
      c.pending.remove(id);
      throw lostOrTooLarge(operationId, e.getCause());
    } catch (InterruptedException e) {
      c.pending.remove(id);
      throw errors.fromFailure(operationId, e);
    } finally {
      if (locked) {
        c.sendLock.unlock();
      }
    }
    try {
      JsonNode answer = reply.get(remaining(deadline), TimeUnit.NANOSECONDS);
      log.debug("{} ({}) -> reply in {} ms", operationId, api, (System.nanoTime() - start) / 1_000_000);
      return answer;
    } catch (TimeoutException e) {
      c.pending.remove(id);
      throw errors.timeout(operationId, "no WebSocket reply within " + requestTimeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      c.pending.remove(id);
      throw lostOrTooLarge(operationId, e.getCause());
    } catch (InterruptedException e) {
      c.pending.remove(id);
      throw errors.fromFailure(operationId, e);
    }
  }

  private CrossTradeException lostOrTooLarge(String operationId, Throwable cause) {
    if (cause instanceof MessageTooLargeException) {
      return errors.unreadable(operationId, 200, cause.getMessage());
    }
    return errors.connectionLost(operationId, "WebSocket connection lost ("
        + (cause instanceof ConnectionLostException ? cause.getMessage() : cause.getClass().getSimpleName()) + ")",
        cause instanceof ConnectionLostException ? null : cause);
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }

  /**
   * @param s text from outside (a server's reason, an exception message)
   * @return it on one line (control characters and line separators become spaces), at most 200 characters
   */
  static String oneLine(String s) {
    String t = s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }

  /** Turns a reply frame into the response model, or throws the mapped error. */
  private <T> T read(String operationId, JsonNode frame, Class<T> type) {
    JsonNode data = frame.get("data");
    boolean dataIsError = data != null && data.isObject() && data.hasNonNull("error") && !data.path("success").asBoolean(false);
    JsonNode errorHolder = dataIsError ? data : frame.hasNonNull("error") ? frame : null;
    if (errorHolder != null) {
      int status = frame.path("status").isInt() ? frame.get("status").asInt() : inferStatus(errorHolder);
      throw errors.fromStatus(operationId, status, null, errorHolder.toString());
    }
    if (data == null || !data.isObject()) {
      throw errors.unreadable(operationId, 200, "the WebSocket reply has no data object");
    }
    try {
      return mapper.treeToValue(data, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw errors.unreadable(operationId, 200, "the WebSocket reply's data could not be read");
    }
  }

  /**
   * The status of an error reply that carries none (openapi.yaml {@code x-websocket-rpc-notes}): a refusal only for a
   * documented text or code at the start of {@code error} (else of {@code detail}); anything else 502, which the
   * SDK reports as outcome unknown.
   */
  static int inferStatus(JsonNode error) {
    String code = error.path("error").asText("").strip();
    String detail = error.path("detail").asText("").strip();
    String text = code.isEmpty() ? detail : code;
    if (NO_POSITION.matcher(text).find() || (code.matches("(?i)invalid_[a-z_]+") && NO_POSITION.matcher(detail).find())) {
      return 400;
    }
    if (RATE_LIMITED.matcher(text).find()) {
      return 429;
    }
    if (NOT_CONNECTED.matcher(text).find()) {
      return 408;
    }
    if (UNAUTHORIZED.matcher(text).find()) {
      return 401;
    }
    if (PRE_EXECUTION_REFUSAL.matcher(text).find()) {
      return 400;
    }
    // Anything else ("Internal server error", "Timed out waiting for NinjaTrader response", "RPC failed after
    // submit"…) is no proof that nothing was executed: lean to outcome unknown.
    return 502;
  }

  private Connection connection(String operationId, long deadline) {
    Connection c = current;
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

  private Connection connect(String operationId, long deadline) {
    if (closed) {
      throw new UnreachableException(operationId, operationId + ": the client is closed; nothing was sent", null);
    }
    Connection c = new Connection();
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
          log.warn("CrossTrade WebSocket reconnect failed ({}); next try in {} ms", oneLine(String.valueOf(e.getMessage())),
              backoffMs);
          scheduleReconnect();
        }
      }, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
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
    Connection c = current;
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
