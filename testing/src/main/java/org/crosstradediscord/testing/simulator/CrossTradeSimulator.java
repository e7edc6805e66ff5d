package org.crosstradediscord.testing.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A stateful stand-in for the CrossTrade API (in front of a NinjaTrader 8 account) on 127.0.0.1: every operation
 * of openapi.yaml with the upstream's documented semantics ({@link Book}), over REST and over the WebSocket RPC
 * API at {@code /ws/stream} ({@link WebSocketRpc}), with bearer auth, fault modes ({@link Faults}) and a request
 * log.
 *
 * <p>Besides the API it serves, without auth (loopback only): {@code GET /_sim/positions} (read-only view of
 * accounts, positions and working orders), {@code GET /_sim/requests}, {@code POST /_sim/faults}
 * ({@code {"disconnected":true,"rateLimit":true,"latencyMs":500,"serverError":{"status":503,"count":1}}}),
 * {@code POST /_sim/positions} ({@code {"account","instrument","quantity","averagePrice"}}),
 * {@code POST /_sim/prices} ({@code {"instrument","price"}}: set a price; crossed working orders fill),
 * {@code POST /_sim/walk} ({@code {"enabled":true,"intervalMs":1000,"tick":0.25,"seed":42}}) and
 * {@code POST /_sim/reset}. The API routes (method and path) come from openapi.yaml. Input enum values are matched
 * case-insensitively, as upstream does.
 */
public final class CrossTradeSimulator implements AutoCloseable {
  /** One route per operation of openapi.yaml: the routes come from the spec, not from a list kept here. */
  private record Route(SpecOperation op, Pattern pattern) {}

  private static final List<Route> ROUTES = Spec.get().operations().stream()
      .map(op -> new Route(op, SpecOperation.pathPattern(op.pathTemplate()))).toList();

  private final Upstream upstream;
  private final Server server;
  private final PriceWalk walk;

  private CrossTradeSimulator(Upstream upstream, Server server, PriceWalk walk) {
    this.upstream = upstream;
    this.server = server;
    this.walk = walk;
  }

  /**
   * Starts a simulator on 127.0.0.1.
   *
   * @param port TCP port, 0 for an ephemeral one
   * @param token the bearer token to accept
   * @param accounts account names (canonical spelling)
   * @param prices fill price per instrument (instrument points); others fill at {@link Book#DEFAULT_PRICE}
   * @return the running simulator
   * @throws IllegalStateException the port could not be bound
   */
  public static CrossTradeSimulator start(int port, String token, List<String> accounts, Map<String, Double> prices) {
    Upstream upstream = new Upstream(new Book(accounts, prices), token);
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("simulator");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    PriceWalk walk = new PriceWalk(upstream.book());
    context.addServlet(new ServletHolder(new ApiServlet(upstream, walk)), "/*");
    WebSocketRpc.install(context, upstream);
    server.setHandler(context);
    CrossTradeSimulator sim = new CrossTradeSimulator(upstream, server, walk);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("simulator could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    return sim;
  }

  /** @return the API root, e.g. {@code http://127.0.0.1:41234} */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** @return the bound port */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** @return the simulated accounts */
  public Book book() {
    return upstream.book();
  }

  /**
   * The seeded random walk of prices: off unless started (tests stay deterministic); see {@link PriceWalk}.
   *
   * @return the walk's switch
   */
  public PriceWalk priceWalk() {
    return walk;
  }

  /** @return fault switches */
  public Faults faults() {
    return upstream.faults();
  }

  /** @return how many WebSocket connections are streaming P&amp;L now ({@code streamPnl} enabled and not closed) */
  public int pnlStreams() {
    return upstream.pnlStreams();
  }

  /** @return requests received, in order */
  public List<RecordedRequest> requests() {
    return upstream.requests();
  }

  /** @return WebSocket keepalive pings received since the last reset */
  public int pings() {
    return upstream.pings();
  }

  /** Forgets the request log only (faults and positions stay). */
  public void clearRequestLogForTest() {
    upstream.clearRequests();
  }

  /** Flattens every account, stops the price walk, clears faults and the request log. */
  public void reset() {
    walk.stop();
    upstream.book().clear();
    upstream.faults().clear();
    upstream.clearRequests();
  }

  @Override
  public void close() {
    walk.shutdown();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Upstream upstream;
    private final transient PriceWalk walk;

    ApiServlet(Upstream upstream, PriceWalk walk) {
      this.upstream = upstream;
      this.walk = walk;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String path = req.getRequestURI();
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (path.startsWith("/_sim/")) {
        control(req.getMethod(), path, body, res);
        return;
      }
      String operationId = null;
      String method = req.getMethod();
      Map<String, String> params = new java.util.LinkedHashMap<>();
      boolean pathKnown = false;
      for (Route route : ROUTES) {
        Matcher m = route.pattern().matcher(path);
        if (!m.matches()) {
          continue;
        }
        pathKnown = true;
        if (route.op().method().equals(method)) {
          operationId = route.op().operationId();
          for (int i = 0; i < route.op().pathParams().size(); i++) {
            params.put(route.op().pathParams().get(i),
                URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
          }
          for (String q : route.op().queryParams()) {
            if (req.getParameter(q) != null) {
              params.put(q, req.getParameter(q));
            }
          }
        }
      }
      if (pathKnown && operationId == null) {
        write(res, SimResponse.error(405, method + " is not served on " + path));
        return;
      }
      SimResponse r = upstream.handle("rest", operationId, method, path, params, req.getHeader("Authorization"), body);
      sleep(upstream.faults().latencyMs());
      write(res, r);
    }

    private void control(String method, String path, String body, HttpServletResponse res) throws IOException {
      ObjectNode ok = SimResponse.JSON.createObjectNode().put("ok", true);
      switch (method + " " + path) {
        case "GET /_sim/positions" -> write(res, new SimResponse(200, upstream.book().snapshot(), -1));
        case "GET /_sim/requests" -> write(res, new SimResponse(200, SimResponse.JSON.valueToTree(upstream.requests()), -1));
        case "POST /_sim/reset" -> {
          walk.stop();
          upstream.book().clear();
          upstream.faults().clear();
          upstream.clearRequests();
          write(res, new SimResponse(200, ok, -1));
        }
        case "POST /_sim/faults" -> {
          JsonNode f = SimResponse.JSON.readTree(body.isBlank() ? "{}" : body);
          Faults faults = upstream.faults();
          if (f.has("disconnected")) {
            faults.disconnected(f.get("disconnected").asBoolean());
          }
          if (f.has("rateLimit")) {
            faults.rateLimit(f.get("rateLimit").asBoolean());
          }
          if (f.has("latencyMs")) {
            faults.latency(Duration.ofMillis(f.get("latencyMs").asLong()));
          }
          if (f.has("serverError")) {
            faults.serverError(f.get("serverError").path("status").asInt(500), f.get("serverError").path("count").asInt(1));
          }
          write(res, new SimResponse(200, ok.put("faults", faults.describe()), -1));
        }
        case "POST /_sim/prices" -> {
          JsonNode p = SimResponse.JSON.readTree(body);
          if (!p.path("instrument").isTextual() || !p.path("price").isNumber() || !(p.get("price").asDouble() > 0)) {
            write(res, SimResponse.error(400, "need {\"instrument\": text, \"price\": number > 0}"));
          } else {
            upstream.book().setPrice(p.get("instrument").asText(), p.get("price").asDouble());
            write(res, new SimResponse(200, upstream.book().snapshot(), -1));
          }
        }
        case "POST /_sim/walk" -> {
          JsonNode w = SimResponse.JSON.readTree(body.isBlank() ? "{}" : body);
          if (w.path("enabled").asBoolean(true)) {
            walk.start(Duration.ofMillis(w.path("intervalMs").asLong(1000)), w.path("tick").asDouble(0.25),
                w.path("seed").asLong(42));
          } else {
            walk.stop();
          }
          write(res, new SimResponse(200, ok.put("walk", walk.describe()), -1));
        }
        case "POST /_sim/positions" -> {
          JsonNode p = SimResponse.JSON.readTree(body);
          try {
            upstream.book().setPosition(p.path("account").asText(), p.path("instrument").asText(),
                p.path("quantity").asInt(), p.path("averagePrice").asDouble());
            write(res, new SimResponse(200, upstream.book().snapshot(), -1));
          } catch (IllegalArgumentException e) {
            write(res, SimResponse.error(400, e.getMessage()));
          }
        }
        default -> write(res, SimResponse.error(404, "unknown simulator control " + method + " " + path));
      }
    }

    private static void write(HttpServletResponse res, SimResponse r) throws IOException {
      res.setStatus(r.status());
      res.setContentType("application/json");
      if (r.retryAfterSeconds() >= 0) {
        res.setHeader("Retry-After", String.valueOf(r.retryAfterSeconds()));
      }
      res.getOutputStream().write(SimResponse.JSON.writeValueAsBytes(r.body()));
    }
  }

  static void sleep(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
