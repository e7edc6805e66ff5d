package org.crosstradediscord.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.AccountsResponse;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrdersResponse;
import org.crosstradediscord.client.model.Position;
import org.crosstradediscord.client.model.PositionsResponse;
import org.crosstradediscord.client.model.WatermarksResponse;

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
public final class CrossTradeClient implements AutoCloseable {
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

  private final URI baseUrl;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final TransportType transportType;
  private final RateLimiter limiter;
  private final Transports transports;
  private final Transport transport;
  private final SendGate gate;

  private CrossTradeClient(Builder b) {
    this(b.baseUrl, b.connectTimeout, b.requestTimeout, b.transport, b.limiter, new Transports(
        stripSlash(b.baseUrl.toString()), b.token, b.connectTimeout, b.requestTimeout, b.userAgent, b.pingInterval,
        b.maxResponseBytes), SendGate.OPEN);
  }

  private CrossTradeClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout, TransportType transportType,
      RateLimiter limiter, Transports transports, SendGate gate) {
    this(baseUrl, connectTimeout, requestTimeout, transportType, limiter, transports, transports.get(transportType),
        gate);
  }

  private CrossTradeClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout, TransportType transportType,
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

  /**
   * The same client over another transport: same token, settings and <b>rate limiter</b> (the upstream's budget is
   * shared by REST and WebSocket), same connections, same {@link SendGate}. Closing either closes both.
   *
   * @param type REST or WEBSOCKET
   * @return this client when it already uses that transport, else a view of it using the other one
   */
  public CrossTradeClient using(TransportType type) {
    Objects.requireNonNull(type, "type");
    return type == transportType ? this
        : new CrossTradeClient(baseUrl, connectTimeout, requestTimeout, type, limiter, transports, gate);
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
    Objects.requireNonNull(gate, "gate");
    if (gate == SendGate.OPEN) {
      return this;
    }
    SendGate outer = this.gate;
    SendGate combined = outer == SendGate.OPEN ? gate : op -> {
      outer.beforeSend(op);
      gate.beforeSend(op);
    };
    return new CrossTradeClient(baseUrl, connectTimeout, requestTimeout, transportType, limiter, transports, transport,
        combined);
  }

  /** @return the transport this client's methods use */
  public TransportType transport() {
    return transportType;
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
  public PnlStream streamPnl(Duration interval, java.util.function.Consumer<org.crosstradediscord.client.model.PnlUpdate> listener) {
    Objects.requireNonNull(listener, "listener");
    if (interval == null || interval.compareTo(MIN_PNL_INTERVAL) < 0 || interval.compareTo(MAX_PNL_INTERVAL) > 0) {
      throw new IllegalArgumentException("interval must be between " + MIN_PNL_INTERVAL.toMillis() + " and "
          + MAX_PNL_INTERVAL.toMillis() + " ms, got " + (interval == null ? null : interval.toMillis() + " ms"));
    }
    return transports.streamPnl(interval, listener);
  }

  /** @return a builder with production defaults; only {@link Builder#token(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Flat-place order: closes any position in the instrument, then places the order
   * ({@code POST /v1/api/accounts/{account}/orders/flatplace}, operationId {@code flatPlaceOrder}).
   *
   * @param account NT8 account name, e.g. {@code Sim101}; percent-encoded by the SDK
   * @param order the order; prices in instrument points
   * @return the response with the new NT8 {@code orderId} (never blank)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NotSentException a gate of {@link #withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any upstream or transport failure (see its subtypes)
   */
  public OrderIdResponse flatPlaceOrder(String account, OrderRequest order) {
    require(RequestRules.checkAccount(account), RequestRules.check(order));
    return send(Call.of("flatPlaceOrder", OrderIdResponse.class, api -> api.orders().flatPlaceOrderWithHttpInfo(account,
        order), ResponseChecks::orderId).parameter("account", account).body(order));
  }

  /**
   * Reverse position: closes the open position in the instrument, then places the order; fails with
   * {@link NoPositionException} when the account is flat there
   * ({@code POST /v1/api/accounts/{account}/positions/reverseposition}, operationId {@code reversePosition}).
   *
   * @param account NT8 account name
   * @param order the new order; prices in instrument points
   * @return the response with the new NT8 {@code orderId} (never blank)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NoPositionException no position is open in the instrument; nothing was placed
   * @throws NotSentException a gate of {@link #withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any other upstream or transport failure
   */
  public OrderIdResponse reversePosition(String account, OrderRequest order) {
    require(RequestRules.checkAccount(account), RequestRules.check(order));
    return send(Call.of("reversePosition", OrderIdResponse.class, api -> api.positions()
        .reversePositionWithHttpInfo(account, order), ResponseChecks::orderId).parameter("account", account)
        .body(order));
  }

  /**
   * Close position: all of it, {@code quantity} contracts, or a {@code percent} fraction rounded up
   * ({@code POST /v1/api/accounts/{account}/positions/close}, operationId {@code closePosition}). A partial
   * close leaves working orders (stops, targets) in place.
   *
   * @param account NT8 account name
   * @param request the instrument and optionally quantity or percent (a fraction, 0.25 = 25%)
   * @return the positions closed, as they were before closing (list never null)
   * @throws InvalidRequestException a rule of {@link RequestRules} is broken; nothing was sent
   * @throws NoPositionException nothing is open in the instrument
   * @throws NotSentException a gate of {@link #withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any other upstream or transport failure
   */
  public ClosedPositionsResponse closePosition(String account, ClosePositionRequest request) {
    require(RequestRules.checkAccount(account), RequestRules.check(request));
    return send(Call.of("closePosition", ClosedPositionsResponse.class, api -> api.positions()
        .closePositionWithHttpInfo(account, request), ResponseChecks::closed).parameter("account", account)
        .body(request));
  }

  /**
   * Flatten the positions (and their orders) matching ALL given filters
   * ({@code POST /v1/api/positions/flatten}, operationId {@code flatten}). At least one filter is required:
   * an empty filter set would flatten every account, which only {@link #flattenEverything()} sends.
   *
   * @param filters account, instrument and/or marketPosition; at least one
   * @return order ids and closed positions (either list may be null when the upstream omits it)
   * @throws InvalidRequestException no filter given, or a blank one; nothing was sent
   * @throws NotSentException a gate of {@link #withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public FlattenResponse flatten(FlattenRequest filters) {
    require(RequestRules.checkFiltered(filters));
    return send(Call.of("flatten", FlattenResponse.class, api -> api.positions().flattenWithHttpInfo(filters),
        ResponseChecks::flattened).body(filters));
  }

  /**
   * <b>Flatten everything: closes every position and cancels every order in EVERY account of the token's
   * user, for all instruments.</b> Sends an empty body to {@code POST /v1/api/positions/flatten}
   * (operationId {@code flatten}; WebSocket name {@code FlattenEverything}).
   *
   * @return order ids and closed positions
   * @throws NotSentException a gate of {@link #withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public FlattenResponse flattenEverything() {
    FlattenRequest none = new FlattenRequest();
    return send(Call.of("flatten", FlattenResponse.class, api -> api.positions().flattenWithHttpInfo(none),
        ResponseChecks::flattened).withoutFilters());
  }

  /**
   * Cancel one working order ({@code POST /v1/api/accounts/{account}/orders/{orderId}/cancel}, operationId
   * {@code cancelOrder}; WebSocket {@code Cancel}). Sends an empty JSON object; never re-sent.
   *
   * @param account NT8 account name; percent-encoded by the SDK
   * @param orderId the NT8 order id returned at placement
   * @return the response with the cancelled order's {@code orderId}
   * @throws InvalidRequestException account or orderId blank; nothing was sent
   * @throws RequestRejectedException the order is unknown, filled or already cancelled (upstream text
   *     {@code … not found or already terminal.}); nothing was executed
   * @throws NotSentException a gate of {@link #withSendGate} refused (or failed) just before sending; nothing was sent
   * @throws CrossTradeException any other upstream or transport failure (see its subtypes)
   */
  public OrderIdResponse cancelOrder(String account, String orderId) {
    require(RequestRules.checkAccount(account), RequestRules.checkOrderId(orderId));
    return send(Call.of("cancelOrder", OrderIdResponse.class, api -> api.orders().cancelOrderWithHttpInfo(account,
        orderId, Map.of()), ResponseChecks::orderId).parameter("account", account).parameter("orderId", orderId));
  }

  /**
   * List the user's accounts ({@code GET /v1/api/accounts}, operationId {@code listAccounts}; WebSocket
   * {@code ListAccounts}). Read-only.
   *
   * @return the accounts (list never null); each has at least a {@code name}
   * @throws CrossTradeException any upstream or transport failure (see its subtypes)
   */
  public AccountsResponse listAccounts() {
    return send(Call.of("listAccounts", AccountsResponse.class, api -> api.accounts().listAccountsWithHttpInfo(),
        ResponseChecks.read(AccountsResponse::getSuccess, AccountsResponse::getAccounts, "accounts")));
  }

  /**
   * One account with its values ({@code GET /v1/api/accounts/{account}}, operationId {@code getAccount}; WebSocket
   * {@code GetAccount}). Read-only. Money values ({@code item.cashValue}, {@code item.realizedProfitLoss},
   * {@code item.unrealizedProfitLoss}, {@code item.netLiquidation}) are in the account currency.
   *
   * @param account NT8 account name
   * @return the account ({@code name} never null; {@code item} may be null when the upstream omits it)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure (an unknown account is a
   *     {@link RequestRejectedException})
   */
  public Account getAccount(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("getAccount", Account.class, api -> api.accounts().getAccountWithHttpInfo(account),
        ResponseChecks.read(Account::getSuccess, Account::getName, "name")).parameter("account", account));
  }

  /**
   * The high-water marks and current P&amp;L statistics that CrossTrade's Account Manager keeps for one account
   * ({@code GET /v1/api/accounts/{account}/watermarks}, operationId {@code getWatermarks}; WebSocket
   * {@code GetWatermarks}; openapi.yaml, reference §4.1 GET Watermarks). Read-only. Answered by CrossTrade's server
   * itself, so it works while NinjaTrader or the add-on is offline (never {@link NinjaTraderNotConnectedException}).
   * Shape: {@code data.account}; {@code data.watermarks} with {@code pnlhigh}, {@code netliqhigh},
   * {@code unrealhigh} (the session's highs of total P&amp;L, net liquidation and unrealized P&amp;L; they reset at
   * 6 pm ET); {@code data.stats} with the current {@code pnl}, {@code total}, {@code unrealized}, {@code netliq},
   * {@code poscount} (open positions) and the same highs. Money in the account currency, as raw doubles. When the
   * account has no active monitor or no P&amp;L was reported this session, both objects are empty (every getter
   * null): treat that as unknown, never as zero.
   *
   * @param account NT8 account name; percent-encoded by the SDK
   * @return the watermarks ({@code data}, {@code data.watermarks} and {@code data.stats} never null)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws RequestRejectedException e.g. an unknown account (HTTP 400)
   * @throws CrossTradeException any other upstream or transport failure (see its subtypes; a read: nothing was
   *     changed)
   */
  public WatermarksResponse getWatermarks(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("getWatermarks", WatermarksResponse.class, api -> api.accounts()
        .getWatermarksWithHttpInfo(account), ResponseChecks.read(WatermarksResponse::getSuccess,
            r -> r.getData() == null || r.getData().getStats() == null ? null : r.getData().getWatermarks(),
            "data.watermarks and data.stats")).parameter("account", account));
  }

  /**
   * The open positions of one account ({@code GET /v1/api/accounts/{account}/positions}, operationId
   * {@code listPositions}; WebSocket {@code ListPositions}). Read-only. Prices ({@code averagePrice},
   * {@code marketPrice}) in instrument points, {@code unrealizedProfitLoss} in the account currency,
   * {@code quantity} unsigned with the side in {@code marketPosition}.
   *
   * @param account NT8 account name
   * @return the positions (list never null)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public PositionsResponse listPositions(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("listPositions", PositionsResponse.class, api -> api.positions()
        .listPositionsWithHttpInfo(account), ResponseChecks.read(PositionsResponse::getSuccess,
            PositionsResponse::getPositions, "positions")).parameter("account", account));
  }

  /**
   * Positions across all accounts ({@code GET /v1/api/positions?includeFlat=}, operationId {@code getAllPositions};
   * WebSocket {@code GetAllPositions}). Read-only. Units as {@link #listPositions(String)}.
   *
   * @param includeFlat true to include flat (quantity 0) positions; null or false for the upstream default
   *     (excluded); null sends no parameter
   * @return the positions (list never null) and, when the upstream sends it, {@code count}
   * @throws CrossTradeException any upstream or transport failure
   */
  public PositionsResponse getAllPositions(Boolean includeFlat) {
    return send(Call.of("getAllPositions", PositionsResponse.class, api -> api.positions()
        .getAllPositionsWithHttpInfo(includeFlat), ResponseChecks.read(PositionsResponse::getSuccess,
            PositionsResponse::getPositions, "positions")).parameter("includeFlat", includeFlat));
  }

  /**
   * The position of one account in one instrument ({@code GET /v1/api/accounts/{account}/position?instrument=},
   * operationId {@code getPosition}; WebSocket {@code GetPosition}). Read-only. Units as
   * {@link #listPositions(String)}; a flat position is {@code marketPosition} {@code Flat} with quantity 0 (the
   * upstream does not document it).
   *
   * @param account NT8 account name
   * @param instrument instrument, e.g. {@code ES 12-25}; percent-encoded by the SDK
   * @return the position ({@code marketPosition} never null)
   * @throws InvalidRequestException account or instrument blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public Position getPosition(String account, String instrument) {
    require(RequestRules.checkAccount(account), RequestRules.checkInstrument(instrument));
    return send(Call.of("getPosition", Position.class, api -> api.positions().getPositionWithHttpInfo(account,
        instrument), ResponseChecks.read(Position::getSuccess, Position::getMarketPosition, "marketPosition"))
        .parameter("account", account).parameter("instrument", instrument));
  }

  /**
   * The orders of one account ({@code GET /v1/api/accounts/{account}/orders}, operationId {@code listOrders};
   * WebSocket {@code ListOrders}). Read-only. Prices ({@code limitPrice}, {@code stopPrice},
   * {@code averageFillPrice}) in instrument points, 0 when not set; {@code orderState}, {@code orderType},
   * {@code orderAction} and {@code timeInForce} are NinjaTrader-cased open strings (e.g. {@code Working},
   * {@code Limit}, {@code Buy}, {@code Gtc}).
   *
   * @param account NT8 account name
   * @return the orders (list never null)
   * @throws InvalidRequestException account blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public OrdersResponse listOrders(String account) {
    require(RequestRules.checkAccount(account));
    return send(Call.of("listOrders", OrdersResponse.class, api -> api.orders().listOrdersWithHttpInfo(account),
        ResponseChecks.read(OrdersResponse::getSuccess, OrdersResponse::getOrders, "orders"))
        .parameter("account", account));
  }

  /**
   * One order ({@code GET /v1/api/accounts/{account}/orders/{orderId}}, operationId {@code getOrder}; WebSocket
   * {@code GetOrder}). Read-only. Units as {@link #listOrders(String)}.
   *
   * @param account NT8 account name
   * @param orderId the NT8 order id returned at placement
   * @return the order ({@code orderId} never blank)
   * @throws InvalidRequestException account or orderId blank; nothing was sent
   * @throws CrossTradeException any upstream or transport failure
   */
  public Order getOrder(String account, String orderId) {
    require(RequestRules.checkAccount(account), RequestRules.checkOrderId(orderId));
    return send(Call.of("getOrder", Order.class, api -> api.orders().getOrderWithHttpInfo(account, orderId),
        ResponseChecks.read(Order::getSuccess, Order::getOrderId, "orderId")).parameter("account", account)
        .parameter("orderId", orderId));
  }

  /**
   * Takes a rate-limiter token, then sends on this client's transport with its gate (run for writes only: the
   * call's row of the operations table decides).
   */
  private <T> T send(Call<T> call) {
    limiter.acquire(call.operationId(), requestTimeout);
    return transport.send(call, gate);
  }

  /** Closes the WebSocket connection, if any (also of views from {@link #using}); requests in flight fail as outcome unknown. */
  public void close() {
    transports.closeAll();
  }

  /** @return the base URL requests go to. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** @return the one deadline of every call (connect, send, answer), as configured */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * @return the client-side rate limiter every call of this client (and its {@link #using} views) takes a token
   *     from; callers that may skip a call (e.g. an optional read) can look at {@link RateLimiter#available()}
   */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  /** @return the configuration without the token, e.g. for start-up logs. */
  @Override
  public String toString() {
    return "CrossTradeClient{baseUrl=" + baseUrl + ", transport=" + transportType + ", connectTimeoutMs=" + connectTimeout.toMillis()
        + ", requestTimeoutMs=" + requestTimeout.toMillis() + ", token=[redacted]}";
  }

  @SafeVarargs
  private static void require(List<Violation>... groups) {
    List<Violation> all = new java.util.ArrayList<>();
    for (List<Violation> g : groups) {
      all.addAll(g);
    }
    if (!all.isEmpty()) {
      throw new InvalidRequestException(all);
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Builds a {@link CrossTradeClient}. Not thread-safe; {@link #build()} validates every setting. */
  public static final class Builder {
    private String token;
    private URI baseUrl = PRODUCTION;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private String userAgent = "crosstrade-discord-client/" + version() + " (Java " + Runtime.version().feature() + ")";
    private TransportType transport = TransportType.REST;
    private RateLimiter limiter;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private boolean allowInsecureHttp;

    private Builder() {}

    /**
     * @param bytes largest response body (REST) or message (WebSocket) read, default 1,048,576 (1 MiB), between
     *     {@link #MIN_MAX_RESPONSE_BYTES} and {@link #MAX_MAX_RESPONSE_BYTES}; a larger one fails the call with
     *     {@link OutcomeUnknownException} (reason {@code UNREADABLE_RESPONSE}) and is never buffered whole
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * @param allow {@code true} to accept a plain {@code http://} base URL to a host other than loopback (the token
     *     would travel in clear); default {@code false}: only {@code https://}, or {@code http://} to
     *     {@code localhost}, {@code 127.0.0.0/8} or {@code [::1]}
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /**
     * @param transport REST (default) or WEBSOCKET; the methods and models are the same
     * @return this builder
     */
    public Builder transport(TransportType transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * @param limiter client-side pacing, default a new {@link RateLimiter#crossTradeDefault()} per client; pass
     *     the same instance to several clients of one token to share the upstream's budget, or
     *     {@link RateLimiter#disabled()}
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter limiter) {
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * @param interval WebSocket keepalive ping interval, default 20,000 ms (REST ignores it)
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = Objects.requireNonNull(interval, "pingInterval");
      return this;
    }

    /**
     * @param token the CrossTrade secret key, sent as {@code Authorization: Bearer <token>}; required
     * @return this builder
     */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * @param baseUrl API root without {@code /v1/api}, default {@link #PRODUCTION}; http or https
     * @return this builder
     */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
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
      this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /**
     * @param timeout time allowed for the response after sending, default 20,000 ms; past it the call fails
     *     with {@link OutcomeUnknownException}
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
      return this;
    }

    /**
     * @param userAgent the User-Agent header, default {@code crosstrade-discord-client/<version> (Java <n>)}
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * @return a ready client
     * @throws IllegalArgumentException a setting is missing or invalid (the message names it, never the token)
     */
    public CrossTradeClient build() {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token is required (the CrossTrade secret key)");
      }
      if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("token must not contain whitespace or control characters");
      }
      String authority = baseUrl.getRawAuthority();
      if (baseUrl.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
        throw new IllegalArgumentException("baseUrl must not contain user info (credentials); the token is the only"
            + " credential");
      }
      String scheme = baseUrl.getScheme();
      if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got: " + baseUrl);
      }
      if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or fragment, got: " + baseUrl);
      }
      if ("http".equalsIgnoreCase(scheme) && !allowInsecureHttp && !isLoopback(baseUrl.getHost())) {
        throw new IllegalArgumentException("baseUrl uses plain http to a non-loopback host (" + baseUrl.getHost()
            + "): the token would travel in clear; use https, or allowInsecureHttp(true) on a trusted network");
      }
      if (maxResponseBytes < MIN_MAX_RESPONSE_BYTES || maxResponseBytes > MAX_MAX_RESPONSE_BYTES) {
        throw new IllegalArgumentException("maxResponseBytes must be between " + MIN_MAX_RESPONSE_BYTES + " and "
            + MAX_MAX_RESPONSE_BYTES + ", got " + maxResponseBytes);
      }
      positive("connectTimeout", connectTimeout);
      positive("pingInterval", pingInterval);
      if (limiter == null) {
        limiter = RateLimiter.crossTradeDefault();
      }
      positive("requestTimeout", requestTimeout);
      if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("userAgent must be non-blank printable text");
      }
      return new CrossTradeClient(this);
    }

    /** @return the builder's settings without the token. */
    @Override
    public String toString() {
      return "CrossTradeClient.Builder{baseUrl=" + baseUrl + ", token=" + (token == null ? "unset" : "[redacted]") + "}";
    }

    private static boolean isLoopback(String host) {
      return isLoopbackHost(host);
    }

    private static void positive(String name, Duration d) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d.toMillis() + " ms");
      }
    }

    private static String version() {
      String v = CrossTradeClient.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }
  }

  /**
   * The rule behind {@link Builder#allowInsecureHttp(boolean)}: loopback by its literal name only, no DNS lookup.
   *
   * @param host a URI host, e.g. {@code 127.0.0.1}, {@code localhost}, {@code [::1]}
   * @return true for {@code localhost} and {@code *.localhost}, {@code 127.0.0.0/8}, {@code ::1}
   */
  public static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
