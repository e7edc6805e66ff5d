package org.crosstradediscord.testing.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The simulated NinjaTrader side: accounts (case-insensitive on input, echoed in configured spelling), each with
 * per-instrument positions (signed quantity, average price) and working orders. Market orders fill at once at
 * the instrument's configured price; limit and stop orders rest as working orders. Implements the upstream's
 * documented semantics of the four operations of openapi.yaml; every method is atomic (synchronized).
 */
public final class Book {
  /** Default fill price for instruments without a configured price (instrument points). */
  public static final double DEFAULT_PRICE = 5000.0;

  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Double> prices = new LinkedHashMap<>();

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

  static final class Account {
    final String name;
    final Map<String, Pos> positions = new LinkedHashMap<>();
    final List<WorkingOrder> orders = new ArrayList<>();

    Account(String name) {
      this.name = name;
    }
  }

  /**
   * @param accountNames account names in their canonical spelling
   * @param prices fill price per instrument (instrument points)
   */
  public Book(List<String> accountNames, Map<String, Double> prices) {
    accountNames.forEach(n -> accounts.put(n.toLowerCase(Locale.ROOT), new Account(n)));
    prices.forEach(this::setPrice);
  }

  /** @param instrument instrument name @param price new market/fill price */
  public synchronized void setPrice(String instrument, double price) {
    prices.put(instrument.toLowerCase(Locale.ROOT), price);
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
    if (signedQuantity == 0) {
      a.positions.remove(key(instrument));
      return;
    }
    Pos p = a.positions.computeIfAbsent(key(instrument), k -> new Pos(instrument));
    p.qty = signedQuantity;
    p.avg = averagePrice;
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
   * @return working orders of the account
   */
  public synchronized List<WorkingOrder> workingOrders(String account) {
    return List.copyOf(require(account).orders);
  }

  /** @return every account with its positions and working orders, as JSON (the read-only view) */
  public synchronized ObjectNode snapshot() {
    ObjectNode root = SimResponse.JSON.createObjectNode();
    ArrayNode list = root.putArray("accounts");
    for (Account a : accounts.values()) {
      ObjectNode an = list.addObject().put("name", a.name);
      ArrayNode ps = an.putArray("positions");
      a.positions.values().forEach(p -> ps.add(positionJson(a, p, Math.abs(p.qty))));
      ArrayNode os = an.putArray("workingOrders");
      a.orders.forEach(o -> os.add(SimResponse.JSON.valueToTree(o)));
    }
    return root;
  }

  /** Flat positions, no orders, prices kept. */
  public synchronized void clear() {
    accounts.values().forEach(a -> {
      a.positions.clear();
      a.orders.clear();
    });
  }

  /**
   * Executes one operation of openapi.yaml on a body that already validated against the spec.
   *
   * @param operationId flatPlaceOrder, reversePosition, closePosition or flatten
   * @param account the account path parameter (null for flatten)
   * @param body the request body
   * @return the upstream's answer
   */
  public synchronized SimResponse execute(String operationId, String account, JsonNode body) {
    return switch (operationId) {
      case "flatPlaceOrder" -> place(account, body, false);
      case "reversePosition" -> place(account, body, true);
      case "closePosition" -> close(account, body);
      case "flatten" -> flatten(body);
      default -> SimResponse.error(404, "Unknown API command");
    };
  }

  private SimResponse place(String accountName, JsonNode body, boolean requirePosition) {
    Account a = accounts.get(accountName.toLowerCase(Locale.ROOT));
    if (a == null) {
      return unknownAccount(accountName);
    }
    String instrument = body.get("instrument").asText();
    Pos existing = a.positions.get(key(instrument));
    if (requirePosition && existing == null) {
      return SimResponse.error(400, "No position found for instrument '" + instrument + "' in account '"
          + accountName.toLowerCase(Locale.ROOT) + "'");
    }
    if (existing != null) {
      fill(a, existing.instrument, -existing.qty);
    }
    cancelOrders(a, instrument);
    String id = newId();
    String action = body.get("action").asText();
    int qty = body.get("quantity").asInt();
    String type = body.get("orderType").asText();
    if ("MARKET".equals(type)) {
      fill(a, instrument, "BUY".equals(action) ? qty : -qty);
    } else {
      a.orders.add(new WorkingOrder(id, instrument, action, qty, type,
          body.hasNonNull("limitPrice") ? body.get("limitPrice").asDouble() : null,
          body.hasNonNull("stopPrice") ? body.get("stopPrice").asDouble() : null));
    }
    ObjectNode out = SimResponse.JSON.createObjectNode().put("orderId", id);
    return SimResponse.ok(out);
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
    fill(a, p.instrument, p.qty > 0 ? -amount : amount);
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
          orderIds.add(newId());
          cancelOrders(a, p.instrument).forEach(orderIds::add);
          fill(a, p.instrument, -p.qty);
        }
      }
      if (side == null) {
        for (Iterator<WorkingOrder> it = a.orders.iterator(); it.hasNext(); ) {
          WorkingOrder o = it.next();
          if (instrumentFilter == null || o.instrument().equalsIgnoreCase(instrumentFilter)) {
            orderIds.add(o.id());
            it.remove();
          }
        }
      }
    }
    if (closed.isEmpty() && orderIds.isEmpty()) {
      out.put("warning", "No positions or orders matched the filters; nothing was flattened");
    }
    return SimResponse.ok(out);
  }

  private List<String> cancelOrders(Account a, String instrument) {
    List<String> ids = new ArrayList<>();
    a.orders.removeIf(o -> {
      boolean match = o.instrument().equalsIgnoreCase(instrument);
      if (match) {
        ids.add(o.id());
      }
      return match;
    });
    return ids;
  }

  private void fill(Account a, String instrument, int delta) {
    if (delta == 0) {
      return;
    }
    double price = price(instrument);
    Pos p = a.positions.computeIfAbsent(key(instrument), k -> new Pos(instrument));
    if (p.qty == 0 || Integer.signum(p.qty) == Integer.signum(delta)) {
      p.avg = (p.avg * Math.abs(p.qty) + price * Math.abs(delta)) / (Math.abs(p.qty) + Math.abs(delta));
      p.qty += delta;
    } else if (Math.abs(delta) <= Math.abs(p.qty)) {
      p.qty += delta;
    } else {
      p.qty += delta;
      p.avg = price;
    }
    if (p.qty == 0) {
      a.positions.remove(key(instrument));
    }
  }

  private ObjectNode positionJson(Account a, Pos p, int quantity) {
    double market = price(p.instrument);
    int sign = Integer.signum(p.qty);
    ObjectNode n = SimResponse.JSON.createObjectNode();
    n.put("type", "NinjaTrader.Cbi.Position").put("account", a.name).put("instrument", p.instrument)
        .put("instrumentType", "Future").put("marketPosition", p.qty > 0 ? "Long" : "Short").put("quantity", quantity)
        .put("averagePrice", p.avg).put("marketPrice", market)
        .put("unrealizedProfitLoss", (market - p.avg) * sign * quantity * pointValue(p.instrument));
    return n;
  }

  private double price(String instrument) {
    return prices.getOrDefault(key(instrument), DEFAULT_PRICE);
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
