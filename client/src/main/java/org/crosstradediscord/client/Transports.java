package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.crosstradediscord.client.invoker.ApiClient;

/**
 * The transports of one client, created on first use and shared by every view of the client
 * ({@link CrossTradeClient#using(TransportType)}), together with the client's one rate limiter.
 */
final class Transports {
  private final String root;
  private final String token;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final String userAgent;
  private final Duration pingInterval;
  private final long maxResponseBytes;
  private final ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
  private final ErrorMapper errors;
  private final Map<TransportType, Transport> open = new EnumMap<>(TransportType.class);
  private final java.util.List<PnlStream> streams = new java.util.ArrayList<>();

  Transports(String root, String token, Duration connectTimeout, Duration requestTimeout, String userAgent,
      Duration pingInterval, long maxResponseBytes) {
    this.root = root;
    this.token = token;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.userAgent = userAgent;
    this.pingInterval = pingInterval;
    this.maxResponseBytes = maxResponseBytes;
    this.errors = new ErrorMapper(mapper, token);
  }

  synchronized Transport get(TransportType type) {
    return open.computeIfAbsent(type, t -> t == TransportType.WEBSOCKET
        ? new WebSocketTransport(URI.create(root.replaceFirst("^http", "ws") + "/ws/stream"), token, connectTimeout,
            requestTimeout, userAgent, pingInterval, maxResponseBytes, mapper, errors)
        : new RestTransport(root, token, connectTimeout, requestTimeout, userAgent, maxResponseBytes, mapper,
            errors));
  }

  /**
   * @param interval how often the upstream pushes a frame
   * @param listener receives each frame
   * @return a started P&amp;L stream on its own connection, closed with the client
   */
  synchronized PnlStream streamPnl(Duration interval,
      java.util.function.Consumer<org.crosstradediscord.client.model.PnlUpdate> listener) {
    PnlStream stream = new PnlStream(URI.create(root.replaceFirst("^http", "ws") + "/ws/stream"), token, userAgent,
        interval, connectTimeout, maxResponseBytes, mapper, listener);
    streams.add(stream);
    stream.start();
    return stream;
  }

  synchronized void closeAll() {
    open.values().forEach(Transport::close);
    open.clear();
    streams.forEach(PnlStream::close);
    streams.clear();
  }
}
