package org.crosstradediscord.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.crosstradediscord.client.model.PnlUpdate;

/**
 * What one {@link CrossTradeClient} (or a view of it) sends with, and how: its settings, the transports and rate
 * limiter it shares with its views, the transport it uses and its {@link SendGate}. Immutable; {@link #using} and
 * {@link #withSendGate} make views that share the transports (so their connections) and the limiter.
 */
final class ClientView {
  final URI baseUrl;
  final Duration connectTimeout;
  final Duration requestTimeout;
  final TransportType transportType;
  final RateLimiter limiter;
  private final Transports transports;
  private final Transport transport;
  private final SendGate gate;

  /** @param s validated settings ({@link ClientSettings#validate()}) */
  ClientView(ClientSettings s) {
    this(s.baseUrl, s.connectTimeout, s.requestTimeout, s.transport, s.limiter, s.transports(), SendGate.OPEN);
  }

  private ClientView(URI baseUrl, Duration connectTimeout, Duration requestTimeout, TransportType transportType,
      RateLimiter limiter, Transports transports, SendGate gate) {
    this(baseUrl, connectTimeout, requestTimeout, transportType, limiter, transports, transports.get(transportType),
        gate);
  }

  private ClientView(URI baseUrl, Duration connectTimeout, Duration requestTimeout, TransportType transportType,
      RateLimiter limiter, Transports transports, Transport transport, SendGate gate) {
    this.baseUrl = baseUrl;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.transportType = transportType;
    this.limiter = limiter;
    this.transports = transports;
    this.transport = transport;
    this.gate = gate;
  }

  /** @return this when it already uses {@code type}, else the same view over the other transport, same gate */
  ClientView using(TransportType type) {
    Objects.requireNonNull(type, "type");
    return type == transportType ? this
        : new ClientView(baseUrl, connectTimeout, requestTimeout, type, limiter, transports, gate);
  }

  /**
   * @return this when {@code gate} is {@link SendGate#OPEN}, else the same view whose writes must also pass
   *     {@code gate} (this view's gate first)
   */
  ClientView withSendGate(SendGate gate) {
    Objects.requireNonNull(gate, "gate");
    if (gate == SendGate.OPEN) {
      return this;
    }
    SendGate outer = this.gate;
    SendGate combined = outer == SendGate.OPEN ? gate : op -> {
      outer.beforeSend(op);
      gate.beforeSend(op);
    };
    return new ClientView(baseUrl, connectTimeout, requestTimeout, transportType, limiter, transports, transport,
        combined);
  }

  /**
   * Takes a rate-limiter token, then sends on this view's transport with its gate (run for writes only: the call's
   * row of the operations table decides).
   */
  <T> T send(Call<T> call) {
    limiter.acquire(call.operationId(), requestTimeout);
    return transport.send(call, gate);
  }

  /**
   * Opens the P&amp;L stream after checking the listener and the interval
   * ({@link CrossTradeClient#MIN_PNL_INTERVAL} to {@link CrossTradeClient#MAX_PNL_INTERVAL}).
   *
   * @throws IllegalArgumentException the interval is out of range; nothing was opened
   */
  PnlStream streamPnl(Duration interval, Consumer<PnlUpdate> listener) {
    Objects.requireNonNull(listener, "listener");
    Duration min = CrossTradeClient.MIN_PNL_INTERVAL;
    Duration max = CrossTradeClient.MAX_PNL_INTERVAL;
    if (interval == null || interval.compareTo(min) < 0 || interval.compareTo(max) > 0) {
      throw new IllegalArgumentException("interval must be between " + min.toMillis() + " and "
          + max.toMillis() + " ms, got " + (interval == null ? null : interval.toMillis() + " ms"));
    }
    return transports.streamPnl(interval, listener);
  }

  /** Closes the transports shared by every view of the client. */
  void close() {
    transports.closeAll();
  }
}
