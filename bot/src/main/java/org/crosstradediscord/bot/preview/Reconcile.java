package org.crosstradediscord.bot.preview;

import org.crosstradediscord.bot.preview.Finding.Verdict;

import static org.crosstradediscord.bot.preview.PreviewText.isFlat;
import static org.crosstradediscord.bot.preview.PreviewText.key;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.Position;
import org.jspecify.annotations.Nullable;

/**
 * What reads taken after an "outcome unknown" say about whether the trade happened: pure comparisons of the
 * position (and, for a flatten, the working orders) read for the review card ("before") with one read after the
 * failure ("after"), against what the action would do. Positions are compared by side and quantity only (prices move).
 * A change that matches the action is "very likely executed"; no change "likely not executed"; anything else is
 * described without a claim. Never more than the two reads show.
 */
public final class Reconcile {
  /** Leads the text of {@link Verdict#EXECUTED}. */
  public static final String EXECUTED = "Very likely executed: ";
  /** Leads the text of {@link Verdict#NOT_EXECUTED} from a position read. */
  public static final String NO_CHANGE = "No change seen: likely not executed";
  /** Changes listed one by one in a flatten's finding, at most. */
  static final int MAX_LISTED = 5;

  private Reconcile() {}

  /**
   * A flat-place or reverse: closes any position in the instrument, then places the order (a reverse of a flat
   * position is refused by CrossTrade).
   *
   * @param account the order's account
   * @param order the order
   * @param reverse true for a reverse
   * @param before the position read for the review (null or flat: Flat)
   * @param after the position read after the failure (null or flat: Flat)
   * @return the finding
   */
  public static Finding order(String account, OrderRequest order, boolean reverse, @Nullable Position before,
      @Nullable Position after) {
    String where = order.getInstrument();
    Long b = signed(before);
    Long a = signed(after);
    Long target = order.getQuantity() == null ? null : order.getAction() == OrderAction.BUY ? (long) order.getQuantity()
        : order.getAction() == OrderAction.SELL ? -(long) order.getQuantity() : null;
    if (b == null || a == null || target == null) {
      return sideUnknown(account, where, before, after);
    }
    if (reverse && b == 0) {
      return a == 0 ? new Finding(Verdict.NOT_EXECUTED, NO_CHANGE + " (" + account + " is still Flat in " + where
          + "; CrossTrade refuses a reverse when flat)") : otherChange(account, where, b, a, "Flat");
    }
    boolean market = order.getOrderType() == OrderType.MARKET;
    if (a.equals(target) && !target.equals(b)) {
      return executed(account, where, b, a, market ? "" : ", the order filled");
    }
    if (market) {
      if (a.equals(b)) {
        return target.equals(b) ? sameEitherWay(account, where, b) : noChange(account, where, b);
      }
      return otherChange(account, where, b, a, state(target));
    }
    String type = order.getOrderType() == null ? "order" : order.getOrderType().getValue() + " order";
    if (b != 0 && a == 0) {
      return executed(account, where, b, a, ", the close it makes first; whether its " + type + " is working: see "
          + "/orders");
    }
    if (a.equals(b)) {
      return b == 0 ? new Finding(Verdict.CANNOT_TELL, account + " is still Flat in " + where + ", but a " + type
          + " that has not filled does not change the position: see /orders or NinjaTrader")
          : noChange(account, where, b);
    }
    return otherChange(account, where, b, a, "Flat, or " + state(target) + " once the " + type + " fills");
  }

  /**
   * A close of all, {@code quantity} or the {@code fraction} of the position.
   *
   * @param account the position's account
   * @param instrument the instrument
   * @param quantity contracts to close, or null
   * @param fraction fraction to close, or null (both null: all)
   * @param before the position read for the review
   * @param after the position read after the failure
   * @return the finding
   */
  public static Finding close(String account, String instrument, @Nullable Integer quantity, @Nullable Double fraction,
      @Nullable Position before, @Nullable Position after) {
    Long b = signed(before);
    Long a = signed(after);
    if (b == null || a == null) {
      return sideUnknown(account, instrument, before, after);
    }
    if (b == 0) {
      return a == 0 ? new Finding(Verdict.NOT_EXECUTED, NO_CHANGE + " (" + account + " is still Flat in " + instrument
          + "; CrossTrade refuses a close when flat)") : otherChange(account, instrument, b, a, "Flat");
    }
    long closing = PositionPreviews.closingQuantity((int) Math.abs(b), quantity, fraction);
    long expected = b - Long.signum(b) * closing;
    if (a == expected) {
      return executed(account, instrument, b, a, "");
    }
    return a.equals(b) ? noChange(account, instrument, b) : otherChange(account, instrument, b, a, state(expected));
  }

  /**
   * A flatten: the positions matching its filters closed and their working orders cancelled (see
   * {@link Previews#flatten(FlattenRequest, List, List, int, int)}).
   *
   * @param filters the flatten's filters
   * @param before the review's preview (its positions and working orders)
   * @param after the preview read after the failure
   * @return executed when every matching position is flat and none of the matching working orders still works; no
   *     change when all are as they were; otherwise what changed
   */
  public static Finding flatten(FlattenRequest filters, Preview before, Preview after) {
    Map<String, Position> was = new LinkedHashMap<>();
    FlattenPreview.closes(filters, before.positions()).forEach(p -> was.put(posKey(p), p));
    Map<String, Position> now = new LinkedHashMap<>();
    FlattenPreview.closes(filters, after.positions()).forEach(p -> now.put(posKey(p), p));
    Set<String> cancels = cancelled(filters, before);
    Set<String> stillWorking = after.workingOrders().stream().filter(PreviewText::isWorking).map(Order::getOrderId)
        .filter(Objects::nonNull).collect(Collectors.toSet());
    long gone = cancels.stream().filter(id -> !stillWorking.contains(id)).count();
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, Position> e : was.entrySet()) {
      Position p = e.getValue();
      Long b = signed(p);
      Long a = signed(now.get(e.getKey()));
      if (!Objects.equals(a, b)) {
        changes.add(p.getAccount() + " went from " + state(b) + " to " + state(a) + " (" + p.getInstrument() + ")");
      }
    }
    List<Position> opened = now.entrySet().stream().filter(e -> !was.containsKey(e.getKey())).map(Map.Entry::getValue)
        .toList();
    opened.forEach(p -> changes.add(p.getAccount() + " went from Flat to " + state(signed(p)) + " ("
        + p.getInstrument() + ")"));
    boolean allClosed = now.isEmpty();
    String orders = cancels.isEmpty() ? "" : gone + " of the " + cancels.size() + " working order"
        + (cancels.size() == 1 ? "" : "s") + " it cancels " + (gone == 1 ? "is" : "are") + " no longer working";
    if (was.isEmpty() && cancels.isEmpty()) {
      return opened.isEmpty() ? new Finding(Verdict.NOT_EXECUTED, "No change seen: nothing matched the flatten"
          + " before or after") : new Finding(Verdict.OTHER_CHANGE, "Changed, not by the flatten alone: "
          + list(changes) + "; check NinjaTrader");
    }
    if (allClosed && gone == cancels.size()) {
      return new Finding(Verdict.EXECUTED, EXECUTED + join(list(changes), orders));
    }
    if (changes.isEmpty() && gone == 0) {
      return new Finding(Verdict.NOT_EXECUTED, NO_CHANGE + " (" + join(was.size() + " open position"
          + (was.size() == 1 ? "" : "s") + " as before", cancels.isEmpty() ? "" : "the " + cancels.size()
          + " working order" + (cancels.size() == 1 ? "" : "s") + " still working") + ")");
    }
    return new Finding(Verdict.OTHER_CHANGE, "Partly changed: " + join(list(changes), orders)
        + "; not all the flatten does: check NinjaTrader");
  }

  /**
   * @param now what a read after the failure shows, e.g. {@code Sim101 is Long 1 in MES 12-25}
   * @return {@link Verdict#CANNOT_TELL}: there is no review read to compare with
   */
  public static Finding noBefore(String now) {
    return new Finding(Verdict.CANNOT_TELL, "No \"before\" to compare with (the review card had not read it when it"
        + " was confirmed): " + now + "; check NinjaTrader");
  }

  /**
   * @param account an account
   * @param instrument an instrument
   * @param p its position read now, or null
   * @return e.g. {@code Sim101 is Long 1 in MES 12-25}
   */
  public static String describe(String account, String instrument, @Nullable Position p) {
    Long s = signed(p);
    return account + " is " + (s == null ? "open with a side CrossTrade did not name" : state(s)) + " in " + instrument;
  }

  /**
   * @param filters a flatten's filters
   * @param p a preview read after the failure
   * @return e.g. {@code 2 open positions match the flatten}
   */
  public static String describe(FlattenRequest filters, Preview p) {
    long open = FlattenPreview.closes(filters, p.positions()).size();
    return open + " open position" + (open == 1 ? " matches" : "s match") + " the flatten";
  }

  /**
   * @param o the order found by the bot's own id
   * @return {@link Verdict#EXECUTED}: "It was placed: order … is Filled"
   */
  public static Finding placed(Order o) {
    return new Finding(Verdict.EXECUTED, "It was placed: order " + o.getOrderId() + " is " + (o.getOrderState() == null
        ? "in an unknown state" : o.getOrderState()));
  }

  /** @return {@link Verdict#NOT_EXECUTED}: CrossTrade has no order with the bot's own id */
  public static Finding notPlaced() {
    return new Finding(Verdict.NOT_EXECUTED, "It was not placed: CrossTrade has no order with our id");
  }

  /** @return + long, − short, 0 flat; null when open with a side CrossTrade did not name */
  static @Nullable Long signed(@Nullable Position p) {
    if (isFlat(p)) {
      return 0L;
    }
    if (p.getMarketPosition() == MarketPosition.LONG) {
      return (long) p.getQuantity();
    }
    return p.getMarketPosition() == MarketPosition.SHORT ? -(long) p.getQuantity() : null;
  }

  private static String state(@Nullable Long signed) {
    if (signed == null) {
      return "open (side not named)";
    }
    return signed == 0 ? "Flat" : (signed > 0 ? "Long " : "Short ") + Math.abs(signed);
  }

  private static Finding executed(String account, String where, long b, long a, String note) {
    return new Finding(Verdict.EXECUTED, EXECUTED + account + " went from " + state(b) + " to " + state(a) + " ("
        + where + ")" + note);
  }

  private static Finding noChange(String account, String where, long b) {
    return new Finding(Verdict.NOT_EXECUTED, NO_CHANGE + " (" + account + " is still " + state(b) + " in " + where
        + ")");
  }

  private static Finding sameEitherWay(String account, String where, long b) {
    return new Finding(Verdict.CANNOT_TELL, account + " is still " + state(b) + " in " + where + ", which is also what"
        + " the order would leave: the position cannot show whether it was executed; check NinjaTrader");
  }

  private static Finding otherChange(String account, String where, long b, long a, String expected) {
    return new Finding(Verdict.OTHER_CHANGE, account + " went from " + state(b) + " to " + state(a) + " (" + where
        + "), not what this order leaves (" + expected + "): check NinjaTrader");
  }

  private static Finding sideUnknown(String account, String where, @Nullable Position before,
      @Nullable Position after) {
    return new Finding(Verdict.CANNOT_TELL, account + "'s position in " + where + " was " + PreviewText.describe(before)
        + " and is " + PreviewText.describe(after) + " (a side or order CrossTrade did not name): check NinjaTrader");
  }

  private static Set<String> cancelled(FlattenRequest f, Preview before) {
    return FlattenPreview.cancels(f, before.positions(), before.workingOrders()).stream().map(Order::getOrderId)
        .filter(Objects::nonNull).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private static String posKey(Position p) {
    return key(p.getAccount()) + "\n" + key(p.getInstrument());
  }

  private static String list(List<String> items) {
    if (items.size() <= MAX_LISTED) {
      return String.join("; ", items);
    }
    return String.join("; ", items.subList(0, MAX_LISTED)) + "; and " + (items.size() - MAX_LISTED) + " more";
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }
}
