package org.crosstradediscord.bot.preview;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.Position;

/**
 * What an action will affect, as plain text lines computed from the positions and orders read before Confirm:
 * pure functions (no I/O) plus the {@link PreviewPlan}s the commands hand to the bot. The semantics follow the
 * upstream's docs as the simulator implements them:
 * <ul>
 *   <li>flat-place closes any position in the instrument, then places the order; reverse does the same but is
 *       refused when flat; a MARKET order fills at once, LIMIT/STOP orders rest until the price crosses them;</li>
 *   <li>close closes all, {@code quantity} (at most the open quantity) or the {@code percent} fraction rounded up
 *       to whole contracts;</li>
 *   <li>flatten closes the positions matching all filters and cancels their instrument's working orders; without a
 *       side filter it also cancels every working order matching the instrument filter.</li>
 * </ul>
 */
public final class Previews {
  /** Positions or orders listed one by one, at most; then a count of the rest. */
  static final int MAX_LISTED = 10;
  /** Accounts whose working orders a flatten of every account reads, at most. */
  static final int MAX_ORDER_ACCOUNTS = 8;
  /** Heading of the position previews. */
  public static final String POSITION = "Current position";
  /** Heading of the flatten preview. */
  public static final String POSITIONS_AND_ORDERS = "Positions and working orders";

  private Previews() {}

  // ---- plans -------------------------------------------------------------------------------------------------

  /**
   * @param account the order's account
   * @param order the order
   * @param reverse true for {@code /reverse} (refused when flat), false for {@code /flatplace}
   * @return reads the position in the order's instrument
   */
  public static PreviewPlan order(String account, OrderRequest order, boolean reverse) {
    return new PreviewPlan(POSITION, reads -> order(reads.position(account, order.getInstrument()), order, reverse));
  }

  /**
   * @param account the position's account
   * @param instrument the instrument
   * @param quantity contracts to close, or null
   * @param fraction fraction to close (0.5 = 50 %), or null; both null closes all
   * @return reads the position
   */
  public static PreviewPlan close(String account, String instrument, Integer quantity, Double fraction) {
    return new PreviewPlan(POSITION, reads -> close(reads.position(account, instrument), quantity, fraction));
  }

  /**
   * @param filters the flatten's filters (no account: every account)
   * @return reads the positions and orders of the account, or of every account
   */
  public static PreviewPlan flatten(FlattenRequest filters) {
    return new PreviewPlan(POSITIONS_AND_ORDERS, reads -> {
      if (filters.getAccount() != null) {
        return flatten(filters, reads.positions(filters.getAccount()), reads.orders(filters.getAccount()), -1, 0);
      }
      List<Position> positions = reads.allPositions();
      List<String> accounts = reads.accounts();
      List<Order> orders = new ArrayList<>();
      accounts.stream().limit(MAX_ORDER_ACCOUNTS).forEach(a -> orders.addAll(reads.orders(a)));
      return flatten(filters, positions, orders, accounts.size(), Math.max(0, accounts.size() - MAX_ORDER_ACCOUNTS));
    });
  }

  // ---- pure computations ---------------------------------------------------------------------------------------

  /**
   * @param now the position in the order's instrument
   * @param order the order to place after closing it
   * @param reverse true when a flat position makes the upstream refuse ({@code /reverse})
   * @return "Now: …" and "After: …"
   */
  public static Preview order(Position now, OrderRequest order, boolean reverse) {
    List<String> lines = new ArrayList<>();
    lines.add("Now: " + describe(now));
    String side = order.getAction() == OrderAction.SELL ? "Short" : order.getAction() == OrderAction.BUY ? "Long" : "?";
    String target = side + " " + order.getQuantity();
    boolean market = order.getOrderType() == OrderType.MARKET;
    String type = order.getOrderType() == null ? "order" : order.getOrderType().getValue() + " order";
    if (isFlat(now)) {
      lines.add(reverse ? "After: nothing changes: the account is flat there, so CrossTrade refuses the reverse"
          : market ? "After: " + target : "After: " + target + " if the " + type + " fills (Flat until then)");
    } else {
      String closed = side(now) + " " + now.getQuantity() + " is closed";
      lines.add(market ? "After: " + target + " (" + closed + " first)"
          : "After: Flat (" + closed + "), then " + target + " if the " + type + " fills");
    }
    return new Preview(lines, List.of());
  }

  /**
   * @param now the open position
   * @param quantity contracts to close, or null
   * @param fraction fraction to close (0.5 = 50 %), or null; both null closes all
   * @return "Now: …", "After: closes N, leaves …" and, when the unrealized P&amp;L is known, what the close
   *     realizes at the last price
   */
  public static Preview close(Position now, Integer quantity, Double fraction) {
    List<String> lines = new ArrayList<>();
    lines.add("Now: " + describe(now));
    if (isFlat(now)) {
      lines.add("After: nothing to close: CrossTrade refuses a close when flat");
      return new Preview(lines, List.of());
    }
    int open = now.getQuantity();
    int closing = closingQuantity(open, quantity, fraction);
    int left = open - closing;
    lines.add("After: closes " + closing + ", leaves " + (left == 0 ? "Flat" : side(now) + " " + left));
    if (now.getUnrealizedProfitLoss() != null) {
      lines.add("Realizes about " + money(now.getUnrealizedProfitLoss() * closing / open)
          + " at the last price (the fill may differ)");
    }
    return new Preview(lines, List.of());
  }

  /**
   * The upstream's rule: {@code quantity} capped at the open quantity, else the fraction rounded up to whole
   * contracts (closing 10 % of 1 contract closes 1), else all.
   *
   * @param open open contracts
   * @param quantity contracts asked, or null
   * @param fraction fraction asked, or null
   * @return contracts the close closes
   */
  public static int closingQuantity(int open, Integer quantity, Double fraction) {
    if (quantity != null) {
      return Math.min(open, quantity);
    }
    if (fraction != null) {
      return Math.min(open, (int) Math.ceil(open * fraction - 1e-9));
    }
    return open;
  }

  /**
   * @param filters the flatten's filters
   * @param positions positions read (of the account, or of every account)
   * @param orders orders read (working and terminal)
   * @param accountsRead accounts of the CrossTrade user when every account is covered, or -1 for one account
   * @param accountsNotRead accounts whose orders were not read (a flatten of every account reads a few)
   * @return what it closes and cancels, one line each
   */
  public static Preview flatten(FlattenRequest filters, List<Position> positions, List<Order> orders, int accountsRead,
      int accountsNotRead) {
    List<Position> closes = positions.stream().filter(p -> !isFlat(p) && matches(filters, p)).toList();
    Set<String> closedInstruments = new LinkedHashSet<>();
    closes.forEach(p -> closedInstruments.add(key(p.getAccount()) + "\n" + key(p.getInstrument())));
    List<Order> working = orders.stream().filter(Previews::isWorking).toList();
    List<Order> cancels = working.stream().filter(o -> accountMatches(filters, o.getAccount())
        && (filters.getMarketPosition() == null
            ? filters.getInstrument() == null || key(filters.getInstrument()).equals(key(o.getInstrument()))
            : closedInstruments.contains(key(o.getAccount()) + "\n" + key(o.getInstrument())))).toList();
    List<String> lines = new ArrayList<>();
    if (accountsRead >= 0) {
      lines.add("Covers every account of the CrossTrade user (" + accountsRead + " account"
          + (accountsRead == 1 ? "" : "s") + "), not only yours");
    }
    lines.add(closes.isEmpty() ? "Closes no position: none matches right now"
        : "Closes " + closes.size() + " position" + (closes.size() == 1 ? "" : "s") + ":");
    list(lines, closes.stream().map(p -> p.getAccount() + " · " + p.getInstrument() + " · " + describe(p)).toList());
    lines.add(cancels.isEmpty() ? "Cancels no working order: none matches right now"
        : "Cancels " + cancels.size() + " working order" + (cancels.size() == 1 ? "" : "s") + ":");
    list(lines, cancels.stream().map(Previews::describe).toList());
    if (accountsNotRead > 0) {
      lines.add("Working orders of " + accountsNotRead + " more account" + (accountsNotRead == 1 ? "" : "s")
          + " were not read; matching ones are cancelled too");
    }
    return new Preview(lines, working);
  }

  /**
   * @param p a position
   * @return e.g. {@code Long 2 @ 5000.25 (unrealized P&L 12.50)}, or {@code Flat}
   */
  public static String describe(Position p) {
    if (isFlat(p)) {
      return "Flat";
    }
    return side(p) + " " + p.getQuantity() + " @ " + price(p.getAveragePrice())
        + (p.getUnrealizedProfitLoss() == null ? "" : " (unrealized P&L " + money(p.getUnrealizedProfitLoss()) + ")");
  }

  /**
   * @param o an order
   * @return e.g. {@code Sim101 · MES 12-25 · Buy 1 Limit @ 5000 · id 3cba6631…}
   */
  public static String describe(Order o) {
    String type = o.getOrderType() == null ? "?" : o.getOrderType();
    StringBuilder b = new StringBuilder().append(o.getAccount()).append(" · ").append(o.getInstrument()).append(" · ")
        .append(o.getOrderAction() == null ? "?" : o.getOrderAction()).append(' ')
        .append(o.getQuantity() == null ? "?" : o.getQuantity()).append(' ').append(type);
    String t = type.toLowerCase(Locale.ROOT);
    if (t.contains("limit") && o.getLimitPrice() != null && o.getLimitPrice() != 0) {
      b.append(" @ ").append(price(o.getLimitPrice()));
    }
    if (t.contains("stop") && o.getStopPrice() != null && o.getStopPrice() != 0) {
      b.append(" stop ").append(price(o.getStopPrice()));
    }
    return b.append(" · id ").append(shortId(o.getOrderId())).toString();
  }

  /**
   * @param o an order
   * @return true while it can still fill: not Filled, Cancelled, Rejected or being cancelled (NinjaTrader states,
   *     any case)
   */
  public static boolean isWorking(Order o) {
    String s = o.getOrderState() == null ? "" : o.getOrderState().toLowerCase(Locale.ROOT);
    return !s.isEmpty() && !Set.of("filled", "cancelled", "canceled", "rejected", "cancelpending", "unknown").contains(s);
  }

  /**
   * @param failure why a preview could not be read (possibly wrapped)
   * @param waited the longest the review waits for it
   * @return a short reason in plain words, e.g. {@code no answer within 2500 ms}
   */
  public static String reason(Throwable failure, Duration waited) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutException) {
      return "no answer within " + waited.toMillis() + " ms";
    }
    if (t instanceof Reads.Skipped s) {
      return s.getMessage();
    }
    if (t instanceof RejectedExecutionException) {
      return "the bot is busy with other reads";
    }
    if (t instanceof NinjaTraderNotConnectedException) {
      return "NinjaTrader or the CrossTrade add-on is not connected";
    }
    if (t instanceof RateLimitedException) {
      return "CrossTrade's rate limit was reached";
    }
    if (t instanceof UnreachableException) {
      return "CrossTrade could not be reached";
    }
    if (t instanceof OutcomeUnknownException) {
      return "no clear answer from CrossTrade";
    }
    if (t instanceof CrossTradeException c) {
      String said = c.upstreamMessage() == null ? "" : ": " + c.upstreamMessage();
      return "CrossTrade answered" + (c.status() > 0 ? " HTTP " + c.status() : "") + said;
    }
    return "the bot failed to read it (" + t.getClass().getSimpleName() + ")";
  }

  /**
   * @param d an amount in the account currency, or null
   * @return two decimals, or {@code ?}
   */
  public static String money(Double d) {
    return d == null ? "?" : String.format(Locale.ROOT, "%.2f", d + 0.0); // + 0.0 turns -0.0 into 0.0
  }

  private static String price(Double value) {
    return value == null ? "?" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void list(List<String> lines, List<String> items) {
    items.stream().limit(MAX_LISTED).forEach(i -> lines.add("• " + i));
    if (items.size() > MAX_LISTED) {
      lines.add("• … and " + (items.size() - MAX_LISTED) + " more");
    }
  }

  private static boolean matches(FlattenRequest f, Position p) {
    if (!accountMatches(f, p.getAccount())) {
      return false;
    }
    if (f.getInstrument() != null && !key(f.getInstrument()).equals(key(p.getInstrument()))) {
      return false;
    }
    MarketPositionFilter side = f.getMarketPosition();
    return side == null || (side == MarketPositionFilter.LONG && p.getMarketPosition() == MarketPosition.LONG)
        || (side == MarketPositionFilter.SHORT && p.getMarketPosition() == MarketPosition.SHORT);
  }

  private static boolean accountMatches(FlattenRequest f, String account) {
    return f.getAccount() == null || key(f.getAccount()).equals(key(account));
  }

  private static boolean isFlat(Position p) {
    return p == null || p.getMarketPosition() == MarketPosition.FLAT || p.getQuantity() == null || p.getQuantity() == 0;
  }

  private static String side(Position p) {
    return p.getMarketPosition() == MarketPosition.LONG ? "Long" : p.getMarketPosition() == MarketPosition.SHORT
        ? "Short" : "? (side unknown)";
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.length() <= 12 ? id : id.substring(0, 8) + "…";
  }

  private static String key(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
