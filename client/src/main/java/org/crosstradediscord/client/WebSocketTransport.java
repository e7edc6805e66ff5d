package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  private final Duration requestTimeout;
  private final ObjectMapper mapper;
  private final ErrorMapper errors;
  private final ResponseChecks checks;
  /** The connection lifecycle: connect within a deadline, reconnect with backoff, keepalive. */
  private final WsConnector connector;
  /** Reply frames into models or mapped errors. */
  private final WsReplies replies;

  WebSocketTransport(URI uri, String token, Duration connectTimeout, Duration requestTimeout, String userAgent,
      Duration pingInterval, long maxMessageBytes, ObjectMapper mapper, ErrorMapper errors) {
    this.requestTimeout = requestTimeout;
    this.mapper = mapper;
    this.errors = errors;
    this.checks = new ResponseChecks(errors);
    this.replies = new WsReplies(mapper, errors);
    this.connector = new WsConnector(uri, token, connectTimeout, requestTimeout, userAgent, pingInterval,
        maxMessageBytes, mapper, errors);
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
    return call.checked(checks, 200, replies.read(op.operationId(), reply, call.responseType()));
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
    connector.close();
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
    WsConnection c = connector.connection(operationId, deadline);
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
      throw replies.lostOrTooLarge(operationId, e.getCause());
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
      throw replies.lostOrTooLarge(operationId, e.getCause());
    } catch (InterruptedException e) {
      c.pending.remove(id);
      throw errors.fromFailure(operationId, e);
    }
  }

  private static long remaining(long deadline) {
    return WsConnector.remaining(deadline);
  }

  /**
   * @param s text from outside (a server's reason, an exception message)
   * @return it on one line (control characters and line separators become spaces), at most 200 characters
   */
  static String oneLine(String s) {
    String t = s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }

  /** The status of an error reply that carries none: see {@link WsReplies#inferStatus}. */
  static int inferStatus(JsonNode error) {
    return WsReplies.inferStatus(error);
  }
}
