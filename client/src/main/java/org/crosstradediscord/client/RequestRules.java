package org.crosstradediscord.client;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.PlaceOrderRequest;
import org.crosstradediscord.client.model.TimeInForce;

/**
 * The request rules of openapi.yaml and of the upstream docs that the generated client does not enforce
 * (it happily sends {@code quantity: 0}). The SDK checks them before every call; the bot uses them too, so a
 * rule lives in one place. Field names are the spec's.
 *
 * <p>Rules: required fields present and non-blank; {@code quantity >= 1}; prices {@code > 0} (instrument
 * points); LIMIT and STOPLIMIT need {@code limitPrice}; STOPMARKET and STOPLIMIT need {@code stopPrice};
 * close takes at most one of {@code quantity} and {@code percent}, with percent a fraction in (0, 1]; a
 * filtered flatten names at least one filter; a place order's {@code orderId} is 1–64 letters, digits, {@code -}
 * or {@code _}, its {@code requireMarketPosition} one to three of {@code flat}, {@code long}, {@code short} separated
 * by commas, its {@code maxPositions} at least 1.
 */
public final class RequestRules {
  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern MARKET_POSITIONS = Pattern.compile("(flat|long|short)(,(flat|long|short)){0,2}");

  private RequestRules() {}

  /**
   * @param account NT8 account name (path parameter)
   * @return violations, empty when the account is usable
   */
  public static List<Violation> checkAccount(String account) {
    List<Violation> out = new ArrayList<>();
    if (account == null || account.isBlank()) {
      out.add(new Violation("account", "is required"));
    }
    return out;
  }

  /**
   * @param orderId NT8 order id (path parameter)
   * @return violations, empty when the id is usable
   */
  public static List<Violation> checkOrderId(String orderId) {
    List<Violation> out = new ArrayList<>();
    requireText(out, "orderId", orderId);
    return out;
  }

  /**
   * @param instrument instrument name (query parameter of GET Position)
   * @return violations, empty when the instrument is usable
   */
  public static List<Violation> checkInstrument(String instrument) {
    List<Violation> out = new ArrayList<>();
    requireText(out, "instrument", instrument);
    return out;
  }

  /**
   * Rules of {@code OrderRequest} (flat-place order and reverse position).
   *
   * @param request the order, may be null
   * @return violations in field order, empty when valid
   */
  public static List<Violation> check(OrderRequest request) {
    List<Violation> out = new ArrayList<>();
    if (request == null) {
      out.add(new Violation("body", "is required"));
      return out;
    }
    requireText(out, "instrument", request.getInstrument());
    if (request.getAction() == null || request.getAction() == OrderAction.UNKNOWN_DEFAULT_OPEN_API) {
      out.add(new Violation("action", "is required (BUY or SELL)"));
    }
    if (request.getQuantity() == null || request.getQuantity() < 1) {
      out.add(new Violation("quantity", "must be a whole number of at least 1"));
    }
    OrderType type = request.getOrderType();
    if (type == null || type == OrderType.UNKNOWN_DEFAULT_OPEN_API) {
      out.add(new Violation("orderType", "is required (MARKET, LIMIT, STOPMARKET or STOPLIMIT)"));
    }
    if (request.getTimeInForce() == null || request.getTimeInForce() == TimeInForce.UNKNOWN_DEFAULT_OPEN_API) {
      out.add(new Violation("timeInForce", "is required (DAY or GTC)"));
    }
    boolean needsLimit = type == OrderType.LIMIT || type == OrderType.STOPLIMIT;
    boolean needsStop = type == OrderType.STOPMARKET || type == OrderType.STOPLIMIT;
    checkPrice(out, "limitPrice", request.getLimitPrice(), needsLimit, type);
    checkPrice(out, "stopPrice", request.getStopPrice(), needsStop, type);
    optionalText(out, "ocoId", request.getOcoId());
    optionalText(out, "strategy", request.getStrategy());
    return out;
  }

  /**
   * Rules of {@code PlaceOrderRequest} (place order): the order rules of {@link #check(OrderRequest)}, then its own
   * fields ({@code orderId}, {@code requireMarketPosition}, {@code maxPositions}; openapi.yaml, reference §4.3).
   *
   * @param request the order, may be null
   * @return violations in field order, empty when valid
   */
  public static List<Violation> check(PlaceOrderRequest request) {
    if (request == null) {
      return check((OrderRequest) null);
    }
    List<Violation> out = check(new OrderRequest().instrument(request.getInstrument()).action(request.getAction())
        .quantity(request.getQuantity()).orderType(request.getOrderType()).timeInForce(request.getTimeInForce())
        .limitPrice(request.getLimitPrice()).stopPrice(request.getStopPrice()).ocoId(request.getOcoId())
        .strategy(request.getStrategy()));
    if (request.getOrderId() != null && !ORDER_ID.matcher(request.getOrderId()).matches()) {
      out.add(new Violation("orderId", "must be 1 to 64 letters, digits, '-' or '_'"));
    }
    if (request.getRequireMarketPosition() != null
        && !MARKET_POSITIONS.matcher(request.getRequireMarketPosition()).matches()) {
      out.add(new Violation("requireMarketPosition", "must be flat, long or short, or several of them separated by"
          + " commas (e.g. flat,long)"));
    }
    if (request.getMaxPositions() != null && request.getMaxPositions() < 1) {
      out.add(new Violation("maxPositions", "must be a whole number of at least 1"));
    }
    return out;
  }

  /**
   * Rules of {@code ClosePositionRequest}.
   *
   * @param request what to close, may be null
   * @return violations in field order, empty when valid
   */
  public static List<Violation> check(ClosePositionRequest request) {
    List<Violation> out = new ArrayList<>();
    if (request == null) {
      out.add(new Violation("body", "is required"));
      return out;
    }
    requireText(out, "instrument", request.getInstrument());
    if (request.getQuantity() != null && request.getPercent() != null) {
      out.add(new Violation("percent", "cannot be combined with quantity: give one or neither"));
    }
    if (request.getQuantity() != null && request.getQuantity() < 1) {
      out.add(new Violation("quantity", "must be a whole number of at least 1"));
    }
    Double percent = request.getPercent();
    if (percent != null && !(percent > 0 && percent <= 1)) {
      out.add(new Violation("percent", "must be a fraction above 0 and at most 1 (0.25 = 25%)"));
    }
    return out;
  }

  /**
   * Rules of a <em>filtered</em> flatten: at least one filter, none blank. (An empty filter set is
   * "flatten everything" and has its own explicit call.)
   *
   * @param request the filters, may be null
   * @return violations, empty when valid
   */
  public static List<Violation> checkFiltered(FlattenRequest request) {
    List<Violation> out = new ArrayList<>();
    if (request == null || (request.getAccount() == null && request.getInstrument() == null
        && request.getMarketPosition() == null)) {
      out.add(new Violation("filters", "must name at least one of account, instrument, marketPosition;"
          + " an empty flatten closes every account (use flattenEverything() to mean that)"));
      return out;
    }
    optionalText(out, "account", request.getAccount());
    optionalText(out, "instrument", request.getInstrument());
    if (request.getMarketPosition() == MarketPositionFilter.UNKNOWN_DEFAULT_OPEN_API) {
      out.add(new Violation("marketPosition", "must be long or short"));
    }
    return out;
  }

  private static void checkPrice(List<Violation> out, String field, Double price, boolean required, OrderType type) {
    if (price == null) {
      if (required) {
        out.add(new Violation(field, "is required when orderType is " + type));
      }
    } else if (!(price > 0) || price.isInfinite()) {
      out.add(new Violation(field, "must be a price above 0 (instrument points)"));
    }
  }

  private static void requireText(List<Violation> out, String field, String value) {
    if (value == null || value.isBlank()) {
      out.add(new Violation(field, "is required"));
    }
  }

  private static void optionalText(List<Violation> out, String field, String value) {
    if (value != null && value.isBlank()) {
      out.add(new Violation(field, "must not be blank when given"));
    }
  }
}
