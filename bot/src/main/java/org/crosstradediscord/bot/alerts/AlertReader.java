package org.crosstradediscord.bot.alerts;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.jspecify.annotations.Nullable;

/**
 * Checks an alert's fields ({@link AlertSyntax}, the {@code key} already removed) against what the desk can carry to
 * CrossTrade's API, and reads them into an {@link Alert}. Field names and values are CrossTrade's alert syntax
 * (reference §6): {@code command, account, instrument, action, qty, order_type, tif, limit_price, stop_price,
 * strategy} ({@code strategy} = the ATM template: brackets go through it), {@code flatten_first} (PLACE only:
 * {@code true} makes it FLATPLACE, as CrossTrade documents), {@code require_market_position}, {@code max_positions}
 * (PLACE), {@code qty} (CLOSEPOSITION, optional), {@code order_id} (CANCEL). Anything else — another command, a
 * bracket, a trading window, several accounts, a price in ticks — is refused naming the field; nothing is guessed.
 */
public final class AlertReader {
  /** The most contracts one alert may name (a sanity bound; the desk's limits apply on top). */
  public static final int MAX_QUANTITY = 1000;
  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern MARKET_POSITIONS = Pattern.compile("(flat|long|short)(,(flat|long|short)){0,2}");
  private static final Set<String> ORDER_FIELDS = Set.of("action", "qty", "order_type", "tif", "limit_price",
      "stop_price", "strategy");
  private static final Set<String> KNOWN = Set.of("command", "account", "instrument", "action", "qty", "order_type",
      "tif", "limit_price", "stop_price", "strategy", "flatten_first", "require_market_position", "max_positions",
      "order_id");
  private static final Map<String, String> NOT_CARRIED = notCarried();

  private AlertReader() {}

  /**
   * @param fields the alert's fields, names lower case, without {@code key}
   * @return the alert
   * @throws AlertRefused a field is missing, unknown, not carried by the API or out of bounds (the first one found)
   */
  public static Alert read(Map<String, String> fields) throws AlertRefused {
    for (String name : fields.keySet()) {
      String why = NOT_CARRIED.get(name);
      if (why != null) {
        throw new AlertRefused(name, why);
      }
    }
    AlertCommand command = command(fields);
    boolean flattenFirst = flag(fields, "flatten_first");
    if (flattenFirst) {
      if (command != AlertCommand.PLACE) {
        throw new AlertRefused("flatten_first", "only goes with command=PLACE (it makes it a FLATPLACE)");
      }
      command = AlertCommand.FLATPLACE;
    }
    Set<String> allowed = allowed(command, fields.containsKey("flatten_first"));
    for (String name : fields.keySet()) {
      if (!allowed.contains(name)) {
        throw new AlertRefused(name, KNOWN.contains(name) ? "does not go with command=" + command
            : "is not a field this desk accepts (see CrossTrade's alert syntax)");
      }
    }
    String account = required(fields, "account");
    if (account.contains(",")) {
      throw new AlertRefused("account", "names several accounts; one account per alert here");
    }
    String instrument = command == AlertCommand.FLATTEN || command == AlertCommand.CANCEL
        ? fields.get("instrument") : required(fields, "instrument");
    AlertOrder order = command.placesAnOrder() ? order(fields, command) : null;
    Integer close = command == AlertCommand.CLOSEPOSITION && fields.containsKey("qty") ? quantity(fields) : null;
    String orderId = null;
    if (command == AlertCommand.CANCEL) {
      orderId = required(fields, "order_id");
      if (!ORDER_ID.matcher(orderId).matches()) {
        throw new AlertRefused("order_id", "must be 1 to 64 letters, digits, '-' or '_'");
      }
    }
    return new Alert(command, account, instrument, order, close, orderId, fields);
  }

  private static Set<String> allowed(AlertCommand command, boolean flattenFirstGiven) {
    Set<String> out = new HashSet<>(Set.of("command", "account", "instrument"));
    switch (command) {
      case PLACE, FLATPLACE, REVERSEPOSITION -> out.addAll(ORDER_FIELDS);
      case CLOSEPOSITION -> out.add("qty");
      case CANCEL -> out.add("order_id");
      case FLATTEN -> { }
    }
    if (command == AlertCommand.PLACE) {
      out.addAll(Set.of("require_market_position", "max_positions"));
    }
    if (flattenFirstGiven && (command == AlertCommand.PLACE || command == AlertCommand.FLATPLACE)) {
      out.add("flatten_first");
    }
    return out;
  }

  private static AlertCommand command(Map<String, String> fields) throws AlertRefused {
    String value = required(fields, "command");
    return AlertCommand.of(value).orElseThrow(() -> new AlertRefused("command", "must be PLACE, FLATPLACE,"
        + " REVERSEPOSITION, CLOSEPOSITION, FLATTEN or CANCEL (other CrossTrade commands are not taken here)"));
  }

  private static AlertOrder order(Map<String, String> fields, AlertCommand command) throws AlertRefused {
    OrderAction action = switch (upper(required(fields, "action"))) {
      case "BUY" -> OrderAction.BUY;
      case "SELL" -> OrderAction.SELL;
      default -> throw new AlertRefused("action", "must be BUY or SELL");
    };
    int quantity = quantity(fields);
    OrderType type = switch (upper(required(fields, "order_type"))) {
      case "MARKET" -> OrderType.MARKET;
      case "LIMIT" -> OrderType.LIMIT;
      case "STOPMARKET" -> OrderType.STOPMARKET;
      case "STOPLIMIT" -> OrderType.STOPLIMIT;
      default -> throw new AlertRefused("order_type", "must be MARKET, LIMIT, STOPMARKET or STOPLIMIT");
    };
    TimeInForce tif = switch (upper(required(fields, "tif"))) {
      case "DAY" -> TimeInForce.DAY;
      case "GTC" -> TimeInForce.GTC;
      default -> throw new AlertRefused("tif", "must be DAY or GTC");
    };
    boolean needsLimit = type == OrderType.LIMIT || type == OrderType.STOPLIMIT;
    boolean needsStop = type == OrderType.STOPMARKET || type == OrderType.STOPLIMIT;
    Double limit = price(fields, "limit_price", needsLimit, type);
    Double stop = price(fields, "stop_price", needsStop, type);
    String strategy = fields.get("strategy");
    String positions = fields.get("require_market_position");
    if (positions != null && !MARKET_POSITIONS.matcher(positions.toLowerCase(Locale.ROOT)).matches()) {
      throw new AlertRefused("require_market_position", "must be flat, long or short, or several separated by commas");
    }
    Integer maxPositions = null;
    if (fields.containsKey("max_positions")) {
      maxPositions = whole(fields, "max_positions", 1, 1000);
    }
    return new AlertOrder(action, quantity, type, tif, limit, stop, strategy,
        positions == null ? null : positions.toLowerCase(Locale.ROOT), maxPositions);
  }

  private static int quantity(Map<String, String> fields) throws AlertRefused {
    return whole(fields, "qty", 1, MAX_QUANTITY);
  }

  private static int whole(Map<String, String> fields, String name, int min, int max) throws AlertRefused {
    String value = required(fields, name);
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new AlertRefused(name, "must be a whole number from " + min + " to " + max);
  }

  private static @Nullable Double price(Map<String, String> fields, String name, boolean required, OrderType type)
      throws AlertRefused {
    String value = fields.get(name);
    if (value == null) {
      if (required) {
        throw new AlertRefused(name, "is required for order_type=" + type);
      }
      return null;
    }
    if (!required) {
      throw new AlertRefused(name, "does not go with order_type=" + type);
    }
    try {
      BigDecimal price = new BigDecimal(value);
      double points = price.doubleValue();
      if (price.signum() > 0 && points > 0 && points < 1e9) {
        return points;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new AlertRefused(name, "must be a price above 0 in instrument points (prices in ticks or % are not"
        + " taken here)");
  }

  private static boolean flag(Map<String, String> fields, String name) throws AlertRefused {
    String value = fields.get(name);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new AlertRefused(name, "must be true or false");
  }

  private static String required(Map<String, String> fields, String name) throws AlertRefused {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new AlertRefused(name, "is required");
    }
    return value;
  }

  private static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }

  private static Map<String, String> notCarried() {
    Map<String, String> m = new LinkedHashMap<>();
    String bracket = "brackets are not carried by CrossTrade's order API; name an ATM template with strategy=";
    for (String f : new String[] {"take_profit", "stop_loss", "stop_loss_limit", "stop_loss_stop", "append_atm"}) {
      m.put(f, bracket);
    }
    String window = "trading windows and delays are not carried here; the approver decides when it is sent";
    for (String f : new String[] {"start_time", "end_time", "closing_only_after", "delay", "cancel_after"}) {
      m.put(f, window);
    }
    for (String f : new String[] {"sync_strategy", "market_position", "prev_market_position", "out_of_sync"}) {
      m.put(f, "strategy sync is not carried here");
    }
    m.put("rate_limit", "is not taken here; the source's max_per_minute and dedupe_seconds apply instead");
    m.put("id", "(CrossTrade's rate-limit group) is not taken here; the source's max_per_minute and dedupe_seconds"
        + " apply instead");
    m.put("kill_switch", "is not taken here; use /halt");
    m.put("key", "must not reach the reader (removed by the listener)");
    return m;
  }
}
