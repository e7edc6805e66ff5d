package org.crosstradediscord.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.model.PnlUpdate;

/**
 * The SDK's front door to the CrossTrade API (openapi.yaml): flat-place order, reverse position, close position,
 * flatten and cancel order, and the reads (accounts, positions, orders), with the request and response models
 * generated from the spec.
 *
 * <pre>{@code
 * CrossTradeClient client = CrossTradeClient.builder()
 *     .token(System.getenv("CROSSTRADE_TOKEN"))
 *     .build();
 * OrderIdResponse placed = client.flatPlaceOrder("Sim101", new OrderRequest()
 *     .instrument("MES 12-25").action(OrderAction.BUY).quantity(1)
 *     .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY));
 * }</pre>
 *
 * <p>Transports: REST (default) or WebSocket RPC ({@link Builder#transport}, or {@link #using} for the other one on
 * the same client); the methods, models and exceptions are the same. A client-side {@link RateLimiter} (3
 * requests/s, burst 18, on by default) shared by both transports of the client paces calls before they are sent.
 *
 * <p>Every call validates its input with {@link RequestRules} first and sends nothing when a rule is broken
 * ({@link InvalidRequestException}). Failures after that are {@link CrossTradeException} subtypes. A POST that
 * may have reached the server is never re-sent: such failures are {@link OutcomeUnknownException}. Reads (GET) are
 * idempotent: over REST one whose connection failed before any response is sent once more within the same
 * deadline. Read responses ignore fields the spec does not list (kept in {@code getAdditionalProperties()}), and
 * NinjaTrader enum-like values of orders and accounts are open strings. A last check that must run right before an
 * order leaves (e.g. "is trading halted?") goes in a {@link SendGate} ({@link #withSendGate}). Thread-safe;
 * share one instance. The bearer token is never logged and never appears in {@link #toString()} or exceptions.
 */
public final class CrossTradeClient extends WriteOperations implements AutoCloseable {
  /** Production base URL (openapi.yaml {@code servers}). */
  public static final URI PRODUCTION = URI.create("https://app.crosstrade.io");
  /** Default connect timeout: 5,000 ms. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default request timeout: 20,000 ms (reverse position alone may wait about 5 s upstream). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  /** Default WebSocket keepalive interval: 20,000 ms. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
  /** Default limit on one response body or WebSocket message: 1 MiB (1,048,576 bytes). */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;
  /** Smallest accepted limit on a response: 4 KiB. */
  public static final long MIN_MAX_RESPONSE_BYTES = 4L << 10;
  /** Largest accepted limit on a response: 64 MiB. */
  public static final long MAX_MAX_RESPONSE_BYTES = 64L << 20;

  private CrossTradeClient(ClientView view) {
    super(view);
  }

  /**
   * The same client over another transport: same token, settings and <b>rate limiter</b> (the upstream's budget is
   * shared by REST and WebSocket), same connections, same {@link SendGate}. Closing either closes both.
   *
   * @param type REST or WEBSOCKET
   * @return this client when it already uses that transport, else a view of it using the other one
   */
  public CrossTradeClient using(TransportType type) {
    ClientView other = view.using(type);
    return other == view ? this : new CrossTradeClient(other);
  }

  /**
   * A view of this client (same token, settings, transports, connections and rate limiter — like
   * {@link #using(TransportType)}) whose write operations ({@link #flatPlaceOrder}, {@link #reversePosition},
   * {@link #closePosition}, {@link #flatten}, {@link #flattenEverything}, {@link #cancelOrder}) call
   * {@code gate.beforeSend(operationId)} after the rate-limiter token is taken and immediately before the request is
   * written (see {@link SendGate} for the exact point per transport). Reads never call it. A refusal throws
   * {@link NotSentException}: nothing was sent. Cheap (a few fields, no connection, no lock): make one per call if the
   * gate's condition belongs to that call. {@link #using(TransportType)} views of it keep the gate. On a client that
   * already has a gate, both must pass (the existing one first). Closing a view closes the client it came from.
   *
   * @param gate the last check; must be fast and non-blocking (over WebSocket it runs under the send lock)
   * @return the gated view ({@code this} when {@code gate} is {@link SendGate#OPEN})
   */
  public CrossTradeClient withSendGate(SendGate gate) {
    ClientView gated = view.withSendGate(gate);
    return gated == view ? this : new CrossTradeClient(gated);
  }

  /** @return the transport this client's methods use */
  public TransportType transport() {
    return view.transportType;
  }

  /**
   * @return the WebSocket RPC name of each operationId, as the SDK sends them: the {@code x-websocket-rpc} column of
   *     the generated {@link Operations} table; an unfiltered flatten is sent as its
   *     {@code x-websocket-rpc-without-filters}, {@code FlattenEverything}
   */
  public static Map<String, String> websocketRpcNames() {
    return WebSocketTransport.RPC_NAMES;
  }

  /** Shortest P&amp;L stream interval accepted: 250 ms. */
  public static final Duration MIN_PNL_INTERVAL = Duration.ofMillis(250);
  /** Longest P&amp;L stream interval accepted: 60 s. */
  public static final Duration MAX_PNL_INTERVAL = Duration.ofSeconds(60);

  /**
   * Subscribes to the upstream's P&amp;L stream ({@code streamPnl} on the WebSocket {@code /ws/stream}; openapi.yaml
   * {@code x-websocket-streams}): frames every {@code interval}, on a connection of its own (whatever this client's
   * transport), reconnected with backoff and re-subscribed until {@link PnlStream#close()} or {@link #close()}.
   * Returns at once; the first connection is made in the background.
   *
   * @param interval how often the upstream pushes a frame, {@link #MIN_PNL_INTERVAL} to {@link #MAX_PNL_INTERVAL}
   * @param listener receives each {@code pnlUpdate} frame on the stream's own thread (newest first when it lags);
   *     what it throws is logged and never stops the stream
   * @return the running stream
   * @throws IllegalArgumentException the interval is out of range or the listener is null; nothing was opened
   */
  public PnlStream streamPnl(Duration interval, Consumer<PnlUpdate> listener) {
    return view.streamPnl(interval, listener);
  }

  /** @return a builder with production defaults; only {@link Builder#token(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Closes the WebSocket connection, if any (also of views from {@link #using}); requests in flight fail as outcome unknown. */
  public void close() {
    view.close();
  }

  /** @return the base URL requests go to. */
  public URI baseUrl() {
    return view.baseUrl;
  }

  /** @return the one deadline of every call (connect, send, answer), as configured */
  public Duration requestTimeout() {
    return view.requestTimeout;
  }

  /**
   * @return the client-side rate limiter every call of this client (and its {@link #using} views) takes a token
   *     from; callers that may skip a call (e.g. an optional read) can look at {@link RateLimiter#available()}
   */
  public RateLimiter rateLimiter() {
    return view.limiter;
  }

  /** @return the configuration without the token, e.g. for start-up logs. */
  @Override
  public String toString() {
    return "CrossTradeClient{baseUrl=" + view.baseUrl + ", transport=" + view.transportType + ", connectTimeoutMs="
        + view.connectTimeout.toMillis() + ", requestTimeoutMs=" + view.requestTimeout.toMillis() + ", token=[redacted]}";
  }

  /** Builds a {@link CrossTradeClient}. Not thread-safe; {@link #build()} validates every setting. */
  public static final class Builder {
    /** The settings and their defaults; {@link ClientSettings#validate()} holds the rules {@link #build()} checks. */
    private final ClientSettings settings = new ClientSettings();

    private Builder() {}

    /**
     * @param bytes largest response body (REST) or message (WebSocket) read, default 1,048,576 (1 MiB), between
     *     {@link #MIN_MAX_RESPONSE_BYTES} and {@link #MAX_MAX_RESPONSE_BYTES}; a larger one fails the call with
     *     {@link OutcomeUnknownException} (reason {@code UNREADABLE_RESPONSE}) and is never buffered whole
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      settings.maxResponseBytes = bytes;
      return this;
    }

    /**
     * @param allow {@code true} to accept a plain {@code http://} base URL to a host other than loopback (the token
     *     would travel in clear); default {@code false}: only {@code https://}, or {@code http://} to
     *     {@code localhost}, {@code 127.0.0.0/8} or {@code [::1]}
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allow) {
      settings.allowInsecureHttp = allow;
      return this;
    }

    /**
     * @param transport REST (default) or WEBSOCKET; the methods and models are the same
     * @return this builder
     */
    public Builder transport(TransportType transport) {
      settings.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * @param limiter client-side pacing, default a new {@link RateLimiter#crossTradeDefault()} per client; pass
     *     the same instance to several clients of one token to share the upstream's budget, or
     *     {@link RateLimiter#disabled()}
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter limiter) {
      settings.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * @param interval WebSocket keepalive ping interval, default 20,000 ms (REST ignores it)
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      settings.pingInterval = Objects.requireNonNull(interval, "pingInterval");
      return this;
    }

    /**
     * @param token the CrossTrade secret key, sent as {@code Authorization: Bearer <token>}; required
     * @return this builder
     */
    public Builder token(String token) {
      settings.token = token;
      return this;
    }

    /**
     * @param baseUrl API root without {@code /v1/api}, default {@link #PRODUCTION}; http or https
     * @return this builder
     */
    public Builder baseUrl(URI baseUrl) {
      settings.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * @param baseUrl API root as text, e.g. {@code http://127.0.0.1:8089}
     * @return this builder
     * @throws IllegalArgumentException the text is not a URI
     */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /**
     * @param timeout time allowed to open a connection, default 5,000 ms; a connect failure sends nothing
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      settings.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /**
     * @param timeout time allowed for the response after sending, default 20,000 ms; past it the call fails
     *     with {@link OutcomeUnknownException}
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      settings.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
      return this;
    }

    /**
     * @param userAgent the User-Agent header, default {@code crosstrade-discord-client/<version> (Java <n>)}
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      settings.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * @return a ready client
     * @throws IllegalArgumentException a setting is missing or invalid (the message names it, never the token)
     */
    public CrossTradeClient build() {
      settings.validate();
      return new CrossTradeClient(new ClientView(settings));
    }

    /** @return the builder's settings without the token. */
    @Override
    public String toString() {
      return "CrossTradeClient.Builder{baseUrl=" + settings.baseUrl + ", token="
          + (settings.token == null ? "unset" : "[redacted]") + "}";
    }
  }

  /**
   * The rule behind {@link Builder#allowInsecureHttp(boolean)}: loopback by its literal name only, no DNS lookup.
   *
   * @param host a URI host, e.g. {@code 127.0.0.1}, {@code localhost}, {@code [::1]}
   * @return true for {@code localhost} and {@code *.localhost}, {@code 127.0.0.0/8}, {@code ::1}
   */
  public static boolean isLoopbackHost(String host) {
    return ClientSettings.isLoopbackHost(host);
  }
}
