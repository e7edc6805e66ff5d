package org.crosstradediscord.testing.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated NinjaTrader side: accounts (case-insensitive on input, echoed in configured spelling), each with
 * per-instrument positions (signed quantity, average price), realized P&amp;L, and the session's orders. Market
 * orders fill at once at the instrument's price; LIMIT, STOPMARKET and STOPLIMIT orders rest as working orders until
 * the price crosses them ({@link #setPrice}, {@link #walk}), then fill: a BUY LIMIT when the price is at or below
 * the limit (at the limit), a SELL LIMIT at or above it; a BUY STOPMARKET when the price is at or above the stop (at
 * the price), a SELL STOPMARKET at or below it; a STOPLIMIT becomes a LIMIT once its stop is touched. Unrealized
 * P&amp;L is (market − average) × signed quantity × point value; realized P&amp;L accrues on every reducing fill.
 * Implements the upstream's documented semantics of the operations of openapi.yaml; every method is atomic
 * (synchronized).
 */
public final class Book {
  /** Default fill price for instruments without a configured price (instrument points). */
  public static final double DEFAULT_PRICE = 5000.0;
  /** Cash value of every account before any realized P&amp;L (account currency). */
  public static final double STARTING_CASH = 100_000.0;

  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Double> prices = new LinkedHashMap<>();
  /** The configured prices, restored by {@link #clear()}. */
  private final Map<String, Double> initialPrices;
  /** Instrument names in the spelling first seen, by key. */
  private final Map<String, String> instrumentNames = new LinkedHashMap<>();

  /** A position as the simulator holds it. */
  static final class Pos {
    final String instrument;
    int qty;
    double avg;

    Pos(String instrument) {
      this.instrument = instrument;
    }
  }

  /**
   * A resting order.
   *
   * @param id NT8-style order id
   * @param instrument instrument
   * @param action BUY or SELL
   * @param quantity contracts
   * @param orderType LIMIT, STOPMARKET or STOPLIMIT
   * @param limitPrice limit price or null
   * @param stopPrice stop price or null
   */
  public record WorkingOrder(String id, String instrument, String action, int quantity, String orderType,
      Double limitPrice, Double stopPrice) {}

  /** An order of the session with its NinjaTrader state. */
  static final class Ord {
    final String id;
    final String instrument;
    final String action;
    final int quantity;
    String orderType;
    final Double limitPrice;
    final Double stopPrice;
    final String timeInForce;
    final String time = LocalDateTime.now().toString();
    String state = "Working";
    int filled;
    double averageFillPrice;

    Ord(String id, String instrument, String action, int quantity, String orderType, Double limitPrice,
        Double stopPrice, String timeInForce) {
      this.id = id;
      this.instrument = instrument;
      this.action = action;
      this.quantity = quantity;
      this.orderType = orderType;
      this.limitPrice = limitPrice;
      this.stopPrice = stopPrice;
      this.timeInForce = timeInForce;
    }

    boolean working() {
      return "Working".equals(state) || "Accepted".equals(state);
    }

    WorkingOrder view() {
      return new WorkingOrder(id, instrument, action, quantity, orderType, limitPrice, stopPrice);
    }
  }

  static final class Account {
    final String name;
    final Map<String, Pos> positions = new LinkedHashMap<>();
    /** Every order of the session by id (working and terminal), in placement order. */
    final Map<String, Ord> orders = new LinkedHashMap<>();
    /** Ids given by callers at placement ({@code placeOrder}'s {@code orderId}) → the order's own id. */
    final Map<String, String> customIds = new LinkedHashMap<>();
    /** Instruments once held and now flat (for includeFlat), by key. */
    final Map<String, String> flat = new LinkedHashMap<>();
    double realized;
    /** The session's high-water marks (account currency), null before the first observation of the session. */
    Double pnlHigh;
    Double netLiqHigh;
    Double unrealHigh;

    Account(String name) {
      this.name = name;
    }

    List<Ord> working() {
      return orders.values().stream().filter(Ord::working).toList();
    }
  }

  /**
   * @param accountNames account names in their canonical spelling
   * @param prices fill price per instrument (instrument points)
   */
  public Book(List<String> accountNames, Map<String, Double> prices) {
    accountNames.forEach(n -> accounts.put(n.toLowerCase(Locale.ROOT), new Account(n)));
    prices.forEach((i, p) -> {
      this.prices.put(key(i), p);
      instrumentNames.putIfAbsent(key(i), i);
    });
    this.initialPrices = Map.copyOf(this.prices);
    observe();
  }

  /**
   * Sets the market price of an instrument; working orders the new price crosses fill at once.
   *
   * @param instrument instrument name
   * @param price new market/fill price (instrument points)
   */
  public synchronized void setPrice(String instrument, double price) {
    prices.put(key(instrument), price);
    instrumentNames.putIfAbsent(key(instrument), instrument.strip());
    matchOrders(key(instrument));
    observe();
  }

  /**
   * @param instrument instrument name
   * @return its market price (instrument points)
   */
  /**
   * @param root a root symbol, e.g. {@code MES}
   * @return the contract of that root this book trades (its front month, e.g. {@code MES 12-25}), or empty
   */
  public synchronized java.util.Optional<String> frontMonth(String root) {
    String prefix = root.toUpperCase(java.util.Locale.ROOT) + " ";
    return prices.keySet().stream().filter(i -> i.toUpperCase(java.util.Locale.ROOT).startsWith(prefix)).findFirst();
  }

  /**
   * @param instrument an instrument
   * @return its current price in instrument points
   */
  public synchronized double price(String instrument) {
    return prices.getOrDefault(key(instrument), DEFAULT_PRICE);
  }

  /**
   * One step of the random walk: every instrument with a price or a position moves by -1, 0 or +1 tick (seeded by
   * the caller's {@code random}), then the working orders it crosses fill.
   *
   * @param random the walk's random source
   * @param tick price step in instrument points (e.g. 0.25)
   */
  public synchronized void walk(Random random, double tick) {
    List<String> keys = new ArrayList<>(instrumentNames.keySet());
    for (String k : keys) {
      double p = prices.getOrDefault(k, DEFAULT_PRICE);
      double next = Math.max(tick, Math.round((p + (random.nextInt(3) - 1) * tick) / tick) * tick);
      prices.put(k, next);
      matchOrders(k);
    }
    observe();
  }

  /**
   * Sets a position directly (test setup).
   *
   * @param account account name (any case)
   * @param instrument instrument
   * @param signedQuantity positive long, negative short, 0 flat
   * @param averagePrice average entry price
   */
  public synchronized void setPosition(String account, String instrument, int signedQuantity, double averagePrice) {
    Account a = require(account);
    instrumentNames.putIfAbsent(key(instrument), instrument.strip());
    if (signedQuantity == 0) {
      if (a.positions.remove(key(instrument)) != null) {
        a.flat.put(key(instrument), instrument);
      }
    } else {
      Pos p = a.positions.computeIfAbsent(key(instrument), k -> new Pos(instrument));
      a.flat.remove(key(instrument));
      p.qty = signedQuantity;
      p.avg = averagePrice;
    }
    observe();
  }

  /**
   * Sets the session's high-water marks of an account directly (test setup; the Account Manager's own state).
   * Later observations only raise them.
   *
   * @param account account name (any case)
   * @param pnlHigh highest total P&amp;L (account currency)
   * @param netLiqHigh highest net liquidation value
   * @param unrealHigh highest unrealized P&amp;L
   */
  public synchronized void setWatermarks(String account, double pnlHigh, double netLiqHigh, double unrealHigh) {
    Account a = require(account);
    a.pnlHigh = pnlHigh;
    a.netLiqHigh = netLiqHigh;
    a.unrealHigh = unrealHigh;
  }

  /**
   * Adds a resting order with a chosen id directly (test setup, e.g. the docs' example ids).
   *
   * @param account account name (any case)
   * @param id order id
   * @param instrument instrument
   * @param action BUY or SELL
   * @param quantity contracts
   * @param limitPrice limit price (instrument points)
   */
  public synchronized void addWorkingLimitOrder(String account, String id, String instrument, String action,
      int quantity, double limitPrice) {
    Account a = require(account);
    instrumentNames.putIfAbsent(key(instrument), instrument.strip());
    a.orders.put(id, new Ord(id, instrument, action, quantity, "LIMIT", limitPrice, null, "GTC"));
    matchOrders(key(instrument));
    observe();
  }

  /**
   * @param account account name (any case)
   * @param instrument instrument
   * @return signed quantity, 0 when flat
   */
  public synchronized int position(String account, String instrument) {
    Pos p = require(account).positions.get(key(instrument));
    return p == null ? 0 : p.qty;
  }

  /**
   * @param account account name (any case)
   * @return realized P&amp;L of the session (account currency)
   */
  public synchronized double realizedProfitLoss(String account) {
    return require(account).realized;
  }

  /**
   * @param account account name (any case)
   * @return unrealized P&amp;L of the open positions at the current prices (account currency)
   */
  public synchronized double unrealizedProfitLoss(String account) {
    Account a = require(account);
    return a.positions.values().stream().mapToDouble(p -> unrealized(p, Math.abs(p.qty))).sum();
  }

  /**
   * @param account account name (any case)
   * @return working orders of the account
   */
  public synchronized List<WorkingOrder> workingOrders(String account) {
    return require(account).working().stream().map(Ord::view).toList();
  }

  /**
   * @param account account name (any case)
   * @param id order id
   * @return the NinjaTrader state of that order (e.g. Working, Filled, Cancelled), or null when unknown
   */
  public synchronized String orderState(String account, String id) {
    Ord o = require(account).orders.get(id);
    return o == null ? null : o.state;
  }

  /** @return every account with its positions, working orders, P&amp;L and prices, as JSON (the read-only view) */
  public synchronized ObjectNode snapshot() {
    ObjectNode root = SimResponse.JSON.createObjectNode();
    ArrayNode list = root.putArray("accounts");
    for (Account a : accounts.values()) {
      ObjectNode an = list.addObject().put("name", a.name).put("realizedProfitLoss", a.realized);
      ArrayNode ps = an.putArray("positions");
      a.positions.values().forEach(p -> ps.add(positionJson(a, p, Math.abs(p.qty))));
      ArrayNode os = an.putArray("workingOrders");
      a.working().forEach(o -> os.add(SimResponse.JSON.valueToTree(o.view())));
    }
    ObjectNode px = root.putObject("prices");
    instrumentNames.forEach((k, name) -> px.put(name, prices.getOrDefault(k, DEFAULT_PRICE)));
    return root;
  }

  /**
   * @return a {@code pnlUpdate} frame of every account (openapi.yaml {@code PnlUpdate}): the account's name and
   *     values (realized P&amp;L of the session, unrealized at the current prices, cash, net liquidation) and its open
   *     positions
   */
  public synchronized ObjectNode pnlUpdate() {
    ObjectNode root = SimResponse.JSON.createObjectNode().put("type", "pnlUpdate").put("epoch", System.currentTimeMillis());
    ArrayNode list = root.putArray("accounts");
    for (Account a : accounts.values()) {
      ObjectNode an = list.addObject();
      double unrealized = a.positions.values().stream().mapToDouble(p -> unrealized(p, Math.abs(p.qty))).sum();
      ObjectNode info = an.putObject("account").put("name", a.name);
      info.putObject("item").put("realizedProfitLoss", a.realized).put("unrealizedProfitLoss", unrealized)
          .put("cashValue", STARTING_CASH + a.realized).put("netLiquidation", STARTING_CASH + a.realized + unrealized);
      ArrayNode ps = an.putArray("positions");
      a.positions.values().forEach(p -> ps.add(positionJson(a, p, Math.abs(p.qty))));
    }
    return root;
  }

  /** Flat positions, no orders, no realized P&amp;L; the configured prices again (moved ones restored). */
  public synchronized void clear() {
    prices.clear();
    prices.putAll(initialPrices);
    instrumentNames.keySet().retainAll(initialPrices.keySet());
    accounts.values().forEach(a -> {
      a.positions.clear();
      a.orders.clear();
      a.customIds.clear();
      a.flat.clear();
      a.realized = 0;
      a.pnlHigh = null;
      a.netLiqHigh = null;
      a.unrealHigh = null;
    });
    observe(); // a new session: the marks start from the current values
  }

  /**
   * Executes one operation of openapi.yaml on a request that already validated against the spec.
   *
   * @param operationId an operationId of openapi.yaml
   * @param params path and query parameters, decoded
   * @param body the request body (enum values already in canonical casing), or null for a GET
   * @return the upstream's answer
   */
  public synchronized SimResponse execute(String operationId, Map<String, String> params, JsonNode body) {
    String account = params.get("account");
    observe();
    SimResponse answer = switch (operationId) {
      case "placeOrder" -> placeNew(account, body);
      case "flatPlaceOrder" -> place(account, body, false);
      case "reversePosition" -> place(account, body, true);
      case "closePosition" -> close(account, body);
      case "flatten" -> flatten(body);
      case "cancelOrder" -> cancel(account, params.get("orderId"));
      case "listAccounts" -> listAccounts();
      case "getAccount" -> getAccount(account);
      case "getWatermarks" -> getWatermarks(account);
      case "listPositions" -> listPositions(account);
      case "getAllPositions" -> allPositions("true".equalsIgnoreCase(params.get("includeFlat")));
      case "getPosition" -> getPosition(account, params.get("instrument"));
      case "listOrders" -> listOrders(account);
      case "getOrder" -> getOrder(account, params.get("orderId"));
      default -> SimResponse.error(404, "Unknown API command");
    };
    observe();
    return answer;
  }

  /**
   * Executes one of the order and position operations (compatibility form of {@link #execute(String, Map, JsonNode)}).
   *
   * @param operationId flatPlaceOrder, reversePosition, closePosition or flatten
   * @param account the account path parameter (null for flatten)
   * @param body the request body
   * @return the upstream's answer
   */
  public SimResponse execute(String operationId, String account, JsonNode body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (account != null) {
      params.put("account", account);
    }
    return execute(operationId, params, body);
  }

  private SimResponse place(String accountName, JsonNode body, boolean requirePosition) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    String instrument = body.get("instrument").asText();
    instrumentNames.putIfAbsent(key(instrument), instrument.strip());
    Pos existing = a.positions.get(key(instrument));
    if (requirePosition && existing == null) {
      return SimResponse.error(400, "No position found for instrument '" + instrument + "' in account '"
          + accountName.toLowerCase(Locale.ROOT) + "'");
    }
    if (existing != null) {
      fill(a, existing.instrument, -existing.qty, price(key(instrument)));
    }
    cancelOrders(a, instrument);
    return SimResponse.ok(SimResponse.JSON.createObjectNode().put("orderId", open(a, instrument, body)));
  }

  /**
   * Place order: a new order beside the position (nothing closed first), with the caller's {@code orderId} as an
   * alias, and the documented refusals of {@code requireMarketPosition} and {@code maxPositions} (their texts are
   * not documented upstream; these are the simulator's). A custom id already used in the account is refused too
   * (upstream behaviour undocumented).
   */
  private SimResponse placeNew(String accountName, JsonNode body) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    String instrument = body.get("instrument").asText();
    instrumentNames.putIfAbsent(key(instrument), instrument.strip());
    Pos existing = a.positions.get(key(instrument));
    String position = existing == null ? "flat" : existing.qty > 0 ? "long" : "short";
    String required = text(body, "requireMarketPosition");
    if (required != null && !List.of(required.split(",")).contains(position)) {
      return SimResponse.error(400, "Order rejected: market position in '" + instrument + "' is " + position
          + ", required " + required);
    }
    if (existing == null && body.hasNonNull("maxPositions") && a.positions.size() >= body.get("maxPositions").asInt()) {
      return SimResponse.error(400, "Order rejected: account '" + a.name + "' already has " + a.positions.size()
          + " open positions (maxPositions " + body.get("maxPositions").asInt() + ")");
    }
    String custom = text(body, "orderId");
    if (custom != null && a.customIds.containsKey(custom)) {
      return SimResponse.error(400, "Order id '" + custom + "' is already in use");
    }
    String id = open(a, instrument, body);
    if (custom != null) {
      a.customIds.put(custom, id);
    }
    return SimResponse.ok(SimResponse.JSON.createObjectNode().put("orderId", id));
  }

  /** Records the body's order as working in the account, fills it when it is a market order, returns its id. */
  private String open(Account a, String instrument, JsonNode body) {
    String id = newId();
    String type = body.get("orderType").asText();
    Ord o = new Ord(id, instrument, body.get("action").asText(), body.get("quantity").asInt(), type,
        body.hasNonNull("limitPrice") ? body.get("limitPrice").asDouble() : null,
        body.hasNonNull("stopPrice") ? body.get("stopPrice").asDouble() : null,
        body.path("timeInForce").asText("DAY"));
    a.orders.put(id, o);
    if ("MARKET".equals(type)) {
      execute(a, o, price(key(instrument)));
    } else {
      matchOrders(key(instrument));
    }
    return id;
  }

  private SimResponse close(String accountName, JsonNode body) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    String instrument = body.get("instrument").asText();
    Pos p = a.positions.get(key(instrument));
    if (p == null) {
      return SimResponse.error(400, "No positions found for instrument '" + instrument + "'");
    }
    int open = Math.abs(p.qty);
    int amount = open;
    if (body.hasNonNull("quantity")) {
      amount = Math.min(open, body.get("quantity").asInt());
    } else if (body.hasNonNull("percent")) {
      amount = Math.min(open, (int) Math.ceil(open * body.get("percent").asDouble() - 1e-9));
    }
    ObjectNode out = SimResponse.JSON.createObjectNode();
    out.putArray("closedPositions").add(positionJson(a, p, amount));
    fill(a, p.instrument, p.qty > 0 ? -amount : amount, price(key(p.instrument)));
    return SimResponse.ok(out);
  }

  private SimResponse flatten(JsonNode body) {
    String accountFilter = text(body, "account");
    String instrumentFilter = text(body, "instrument");
    String side = text(body, "marketPosition");
    List<Account> matched = new ArrayList<>();
    if (accountFilter != null) {
      Account a = accounts.get(accountFilter.toLowerCase(Locale.ROOT));
      if (a == null) {
        return unknownAccount(accountFilter);
      }
      matched.add(a);
    } else {
      matched.addAll(accounts.values());
    }
    ObjectNode out = SimResponse.JSON.createObjectNode();
    ArrayNode orderIds = out.putArray("orderIds");
    ArrayNode closed = out.putArray("closedPositions");
    for (Account a : matched) {
      for (Pos p : new ArrayList<>(a.positions.values())) {
        boolean instrumentOk = instrumentFilter == null || p.instrument.equalsIgnoreCase(instrumentFilter);
        boolean sideOk = side == null || ("long".equals(side) ? p.qty > 0 : p.qty < 0);
        if (instrumentOk && sideOk) {
          closed.add(positionJson(a, p, Math.abs(p.qty)));
          String closeId = newId();
          orderIds.add(closeId);
          cancelOrders(a, p.instrument).forEach(orderIds::add);
          Ord closing = new Ord(closeId, p.instrument, p.qty > 0 ? "SELL" : "BUY", Math.abs(p.qty), "MARKET", null,
              null, "DAY");
          a.orders.put(closeId, closing);
          execute(a, closing, price(key(p.instrument)));
        }
      }
      if (side == null) {
        for (Iterator<Ord> it = a.working().iterator(); it.hasNext(); ) {
          Ord o = it.next();
          if (instrumentFilter == null || o.instrument.equalsIgnoreCase(instrumentFilter)) {
            orderIds.add(o.id);
            o.state = "Cancelled";
          }
        }
      }
    }
    if (closed.isEmpty() && orderIds.isEmpty()) {
      out.put("warning", "No positions or orders matched the filters; nothing was flattened");
    }
    return SimResponse.ok(out);
  }

  private SimResponse cancel(String accountName, String orderId) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    Ord o = a.orders.get(a.customIds.getOrDefault(orderId, orderId));
    if (o == null || !o.working()) {
      return SimResponse.error(400, "Order linked to '" + orderId + "' not found or already terminal.");
    }
    o.state = "Cancelled";
    return SimResponse.ok(SimResponse.JSON.createObjectNode().put("orderId", o.id));
  }

  private SimResponse listAccounts() {
    ObjectNode out = SimResponse.JSON.createObjectNode();
    ArrayNode list = out.putArray("accounts");
    accounts.values().forEach(a -> list.add(accountJson(a)));
    return SimResponse.ok(out);
  }

  private SimResponse getAccount(String accountName) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    return a == null ? unknownAccount(accountName) : SimResponse.ok(accountJson(a));
  }

  /**
   * The Account Manager's view (openapi.yaml {@code WatermarksResponse}): the session's highs of total P&amp;L, net
   * liquidation and unrealized P&amp;L as observed after every change of the book, and the current values.
   */
  private SimResponse getWatermarks(String accountName) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    double unrealized = a.positions.values().stream().mapToDouble(p -> unrealized(p, Math.abs(p.qty))).sum();
    ObjectNode data = SimResponse.JSON.createObjectNode().put("account", a.name);
    data.putObject("watermarks").put("pnlhigh", a.pnlHigh).put("netliqhigh", a.netLiqHigh)
        .put("unrealhigh", a.unrealHigh);
    data.putObject("stats").put("pnl", a.realized + unrealized).put("total", a.realized + unrealized)
        .put("unrealized", unrealized).put("poscount", a.positions.size())
        .put("netliq", STARTING_CASH + a.realized + unrealized).put("pnlhigh", a.pnlHigh)
        .put("netliqhigh", a.netLiqHigh).put("unrealhigh", a.unrealHigh);
    ObjectNode out = SimResponse.JSON.createObjectNode();
    out.set("data", data);
    return SimResponse.ok(out);
  }

  /** Raises every account's high-water marks to its current values (the Account Manager's monitor). */
  private void observe() {
    for (Account a : accounts.values()) {
      double unrealized = a.positions.values().stream().mapToDouble(p -> unrealized(p, Math.abs(p.qty))).sum();
      double pnl = a.realized + unrealized;
      double netLiq = STARTING_CASH + pnl;
      a.pnlHigh = a.pnlHigh == null ? pnl : Math.max(a.pnlHigh, pnl);
      a.netLiqHigh = a.netLiqHigh == null ? netLiq : Math.max(a.netLiqHigh, netLiq);
      a.unrealHigh = a.unrealHigh == null ? unrealized : Math.max(a.unrealHigh, unrealized);
    }
  }

  private SimResponse listPositions(String accountName) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    ObjectNode out = SimResponse.JSON.createObjectNode();
    ArrayNode list = out.putArray("positions");
    a.positions.values().forEach(p -> list.add(positionJson(a, p, Math.abs(p.qty)).putNull("tag")));
    return SimResponse.ok(out);
  }

  private SimResponse allPositions(boolean includeFlat) {
    ObjectNode out = SimResponse.JSON.createObjectNode();
    ArrayNode list = out.putArray("positions");
    for (Account a : accounts.values()) {
      a.positions.values().forEach(p -> list.add(positionJson(a, p, Math.abs(p.qty)).putNull("tag")));
      if (includeFlat) {
        a.flat.values().forEach(i -> list.add(flatJson(a, i).putNull("tag")));
      }
    }
    out.put("count", list.size());
    return SimResponse.ok(out);
  }

  private SimResponse getPosition(String accountName, String instrument) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    Pos p = a.positions.get(key(instrument));
    return SimResponse.ok(p == null ? flatJson(a, instrument) : positionJson(a, p, Math.abs(p.qty)));
  }

  private SimResponse listOrders(String accountName) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    ObjectNode out = SimResponse.JSON.createObjectNode();
    ArrayNode list = out.putArray("orders");
    a.orders.values().forEach(o -> list.add(orderJson(a, o)));
    return SimResponse.ok(out);
  }

  private SimResponse getOrder(String accountName, String orderId) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    Ord o = a.orders.get(a.customIds.getOrDefault(orderId, orderId));
    return o == null ? SimResponse.error(400, "Order linked to '" + orderId + "' not found.")
        : SimResponse.ok(orderJson(a, o));
  }

  private List<String> cancelOrders(Account a, String instrument) {
    List<String> ids = new ArrayList<>();
    for (Ord o : a.working()) {
      if (o.instrument.equalsIgnoreCase(instrument)) {
        o.state = "Cancelled";
        ids.add(o.id);
      }
    }
    return ids;
  }

  /** Fills the working orders of every account in this instrument that the current price crosses. */
  private void matchOrders(String instrumentKey) {
    double price = prices.getOrDefault(instrumentKey, DEFAULT_PRICE);
    for (Account a : accounts.values()) {
      for (Ord o : a.working()) {
        if (!key(o.instrument).equals(instrumentKey)) {
          continue;
        }
        boolean buy = "BUY".equals(o.action);
        if ("STOPLIMIT".equals(o.orderType) || "STOPMARKET".equals(o.orderType)) {
          boolean touched = buy ? price >= o.stopPrice : price <= o.stopPrice;
          if (!touched) {
            continue;
          }
          if ("STOPMARKET".equals(o.orderType)) {
            execute(a, o, price);
            continue;
          }
          o.orderType = "LIMIT"; // a touched stop-limit works as a limit order
        }
        if ("LIMIT".equals(o.orderType) && (buy ? price <= o.limitPrice : price >= o.limitPrice)) {
          execute(a, o, o.limitPrice);
        }
      }
    }
  }

  private void execute(Account a, Ord o, double price) {
    o.state = "Filled";
    o.filled = o.quantity;
    o.averageFillPrice = price;
    fill(a, o.instrument, "BUY".equals(o.action) ? o.quantity : -o.quantity, price);
  }

  private void fill(Account a, String instrument, int delta, double price) {
    if (delta == 0) {
      return;
    }
    Pos p = a.positions.computeIfAbsent(key(instrument), k -> new Pos(instrument));
    a.flat.remove(key(instrument));
    if (p.qty == 0 || Integer.signum(p.qty) == Integer.signum(delta)) {
      p.avg = (p.avg * Math.abs(p.qty) + price * Math.abs(delta)) / (Math.abs(p.qty) + Math.abs(delta));
      p.qty += delta;
    } else {
      int closing = Math.min(Math.abs(delta), Math.abs(p.qty));
      a.realized += (price - p.avg) * Integer.signum(p.qty) * closing * pointValue(instrument);
      if (Math.abs(delta) > Math.abs(p.qty)) {
        p.avg = price;
      }
      p.qty += delta;
    }
    if (p.qty == 0) {
      a.positions.remove(key(instrument));
      a.flat.put(key(instrument), p.instrument);
    }
  }

  private double unrealized(Pos p, int quantity) {
    return (price(key(p.instrument)) - p.avg) * Integer.signum(p.qty) * quantity * pointValue(p.instrument);
  }

  private ObjectNode accountJson(Account a) {
    double unrealized = a.positions.values().stream().mapToDouble(p -> unrealized(p, Math.abs(p.qty))).sum();
    ObjectNode n = SimResponse.JSON.createObjectNode();
    n.put("id", new ArrayList<>(accounts.values()).indexOf(a) + 1).put("name", a.name).put("displayName", a.name)
        .putNull("primaryUser");
    n.put("provider", "Simulator").put("denomination", "UsDollar").put("status", "Enabled")
        .put("connection", "NinjaTrader.Cbi.Connection").put("connectionStatus", "Connected");
    ObjectNode item = n.putObject("item");
    item.put("cashValue", STARTING_CASH + a.realized).put("realizedProfitLoss", a.realized)
        .put("unrealizedProfitLoss", unrealized).put("grossRealizedProfitLoss", a.realized)
        .put("netLiquidation", STARTING_CASH + a.realized + unrealized).put("buyingPower", 0.0)
        .put("commission", 0.0).put("totalCashBalance", STARTING_CASH + a.realized);
    return n;
  }

  private ObjectNode positionJson(Account a, Pos p, int quantity) {
    ObjectNode n = SimResponse.JSON.createObjectNode();
    n.put("type", "NinjaTrader.Cbi.Position").put("account", a.name).put("instrument", p.instrument)
        .put("instrumentType", "Future").put("marketPosition", p.qty > 0 ? "Long" : "Short").put("quantity", quantity)
        .put("averagePrice", p.avg).put("marketPrice", price(key(p.instrument)))
        .put("unrealizedProfitLoss", unrealized(p, quantity));
    return n;
  }

  private ObjectNode flatJson(Account a, String instrument) {
    ObjectNode n = SimResponse.JSON.createObjectNode();
    n.put("type", "NinjaTrader.Cbi.Position").put("account", a.name).put("instrument", instrument)
        .put("instrumentType", "Future").put("marketPosition", "Flat").put("quantity", 0).put("averagePrice", 0.0)
        .put("marketPrice", price(key(instrument))).put("unrealizedProfitLoss", 0.0);
    return n;
  }

  private static ObjectNode orderJson(Account a, Ord o) {
    ObjectNode n = SimResponse.JSON.createObjectNode();
    n.put("account", a.name).put("orderId", o.id).put("instrument", o.instrument).put("instrumentType", "Future")
        .put("orderAction", pascal(o.action)).put("orderType", ntOrderType(o.orderType)).put("orderState", o.state)
        .put("quantity", o.quantity).put("filled", o.filled).put("averageFillPrice", o.averageFillPrice)
        .put("limitPrice", o.limitPrice == null ? 0.0 : o.limitPrice).put("limitPriceChanged", 0.0)
        .put("stopPrice", o.stopPrice == null ? 0.0 : o.stopPrice).put("timeInForce", pascal(o.timeInForce))
        .putNull("fromEntrySignal");
    n.put("gtd", "2099-12-01T00:00:00.0000000").put("hasOverfill", false).put("isBacktestOrder", false)
        .put("time", o.time);
    return n;
  }

  private static String ntOrderType(String t) {
    return switch (t) {
      case "STOPMARKET" -> "StopMarket";
      case "STOPLIMIT" -> "StopLimit";
      default -> pascal(t);
    };
  }

  private static String pascal(String s) {
    return s == null || s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Point value of common CME index futures by root; 1 for anything else. */
  static double pointValue(String instrument) {
    String root = instrument.strip().split("[ ]")[0].toUpperCase(Locale.ROOT);
    return switch (root) {
      case "ES" -> 50;
      case "MES" -> 5;
      case "NQ" -> 20;
      case "MNQ" -> 2;
      case "YM" -> 5;
      case "MYM" -> 0.5;
      case "RTY" -> 50;
      case "M2K" -> 5;
      default -> 1;
    };
  }

  private Account require(String account) {
    Account a = accounts.get(account.toLowerCase(Locale.ROOT));
    if (a == null) {
      throw new IllegalArgumentException("no simulated account " + account);
    }
    return a;
  }

  private static SimResponse unknownAccount(String name) {
    return SimResponse.envelope(400, "invalid_account", "Account " + name + " not found");
  }

  private static String text(JsonNode body, String field) {
    return body != null && body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  private static String key(String instrument) {
    return instrument.strip().toLowerCase(Locale.ROOT);
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
