package org.crosstradediscord.testing.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.crosstradediscord.testing.ws.JsonSocket;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's WebSocket API at {@code /ws/stream} (reference §5): bearer token on the upgrade (401 otherwise),
 * {@code {"action":"rpc","id","api","args"}} frames answered with {@code {"id","data","status"}} — {@code data} is
 * the REST body; {@code status} is the simulator's own addition (the upstream's error frame is undocumented) —
 * {@code {"action":"ping"}} answered with {@code {"type":"pong"}}, and an unsolicited
 * {@code {"type":"status"}} frame on connect. Same state, semantics and faults as REST, plus: drop the connection
 * mid-request (after executing) and delay one reply.
 */
final class WebSocketRpc {
  private static final Logger log = LoggerFactory.getLogger(WebSocketRpc.class);

  /** RPC name → operation, from openapi.yaml's {@code x-websocket-rpc} (and {@code x-websocket-rpc-without-filters}). */
  private static final Map<String, SpecOperation> APIS = apis();

  private static Map<String, SpecOperation> apis() {
    Map<String, SpecOperation> out = new java.util.HashMap<>();
    for (SpecOperation op : Spec.get().operations()) {
      if (op.websocketRpc() != null) {
        out.put(op.websocketRpc(), op);
      }
      if (op.websocketRpcWithoutFilters() != null) {
        out.put(op.websocketRpcWithoutFilters(), op);
      }
    }
    return Map.copyOf(out);
  }

  private WebSocketRpc() {}

  /** Pushes {@code pnlUpdate} frames for every streaming socket. */
  private static final java.util.concurrent.ScheduledExecutorService PNL =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulator-pnl-stream");
        t.setDaemon(true);
        return t;
      });

  static void install(ServletContextHandler context, Upstream upstream) {
    ExecutorService workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "simulator-ws-rpc");
      t.setDaemon(true);
      return t;
    });
    JettyWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
      container.setIdleTimeout(Duration.ofMinutes(10));
      container.addMapping("/ws/stream", (req, res) -> {
        String auth = req.getHeader("Authorization");
        if (!upstream.authorized(auth)) {
          try {
            res.sendError(401, "Unauthorized");
          } catch (IOException e) {
            log.debug("could not refuse the upgrade: {}", e.toString());
          }
          return null;
        }
        return new Socket(upstream, auth, workers, PNL);
      });
    });
  }

  private static final class Socket extends JsonSocket {
    private final Upstream upstream;
    private final String authorization;
    private final ExecutorService workers;

    private final java.util.concurrent.ScheduledExecutorService pnl;
    private volatile java.util.concurrent.ScheduledFuture<?> streaming;

    Socket(Upstream upstream, String authorization, ExecutorService workers,
        java.util.concurrent.ScheduledExecutorService pnl) {
      this.pnl = pnl;
      this.upstream = upstream;
      this.authorization = authorization;
      this.workers = workers;
    }

    @Override
    protected void opened() {
      send(SimResponse.JSON.createObjectNode().put("type", "status").put("state", "connected"));
    }

    @Override
    protected void onMalformed() {
      send(SimResponse.JSON.createObjectNode().put("type", "error").put("error", "frame is not JSON"));
    }

    @Override
    protected void onFrame(JsonNode frame) {
      switch (frame.path("action").asText()) {
        case "ping" -> {
          upstream.ping();
          send(SimResponse.JSON.createObjectNode().put("type", "pong"));
        }
        case "rpc" -> workers.execute(() -> rpc(frame));
        case "streamPnl" -> streamPnl(frame.path("enabled").asBoolean(false), frame.path("interval").asLong(1000));
        default -> send(SimResponse.JSON.createObjectNode().put("type", "error").put("error", "unknown action"));
      }
    }

    /** {@code streamPnl}: a {@code pnlUpdate} frame every interval (at least 100 ms) from the book, until disabled. */
    private synchronized void streamPnl(boolean enabled, long intervalMs) {
      if (streaming != null) {
        streaming.cancel(false);
        streaming = null;
        upstream.pnlStreamCounter().decrementAndGet();
      }
      if (enabled) {
        upstream.pnlStreamCounter().incrementAndGet();
        long every = Math.max(100, intervalMs);
        streaming = pnl.scheduleAtFixedRate(() -> {
          if (!upstream.faults().pnlPaused()) {
            send(upstream.book().pnlUpdate());
          }
        }, 0, every, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      super.onWebSocketClose(statusCode, reason);
      streamPnl(false, 0);
    }

    private void rpc(JsonNode frame) {
      String id = frame.path("id").asText();
      String api = frame.path("api").asText();
      SpecOperation target = APIS.get(api);
      ObjectNode reply = SimResponse.JSON.createObjectNode().put("id", id);
      if (target == null) {
        send(reply.put("error", "Unknown API command").put("status", 400));
        return;
      }
      ObjectNode args = frame.path("args").isObject() ? ((ObjectNode) frame.get("args")).deepCopy()
          : SimResponse.JSON.createObjectNode();
      boolean everything = api.equals("FlattenEverything");
      if (api.equals("Flatten") && args.isEmpty()) {
        send(reply.put("error", "Flatten needs at least one filter; use FlattenEverything for no filters").put("status", 400));
        return;
      }
      if (everything && !args.isEmpty()) {
        send(reply.put("error", "FlattenEverything takes no filters; use Flatten").put("status", 400));
        return;
      }
      // args = path and query parameters and body fields merged (reference §5.2)
      Map<String, String> params = new java.util.LinkedHashMap<>();
      for (String name : target.pathParams()) {
        JsonNode v = args.remove(name);
        params.put(name, v == null || v.isNull() ? "" : v.asText());
      }
      if (!target.hasBody()) {
        for (String name : target.queryParams()) {
          JsonNode v = args.remove(name);
          if (v != null && !v.isNull()) {
            params.put(name, v.asText());
          }
        }
      }
      String path = target.pathWith(params);
      SimResponse r = upstream.handle("websocket", target.operationId(), target.method(), path, params, authorization,
          args.toString());
      CrossTradeSimulator.sleep(upstream.faults().latencyMs());
      CrossTradeSimulator.sleep(upstream.faults().takeReplyDelayMs());
      if (upstream.faults().takeDrop()) {
        drop(); // abrupt: no close frame, and the request was executed
        return;
      }
      reply.set("data", r.body());
      reply.put("status", r.status());
      send(reply);
    }
  }
}
