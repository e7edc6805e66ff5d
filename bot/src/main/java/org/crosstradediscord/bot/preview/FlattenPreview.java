package org.crosstradediscord.bot.preview;

import static org.crosstradediscord.bot.preview.PreviewText.describe;
import static org.crosstradediscord.bot.preview.PreviewText.isFlat;
import static org.crosstradediscord.bot.preview.PreviewText.key;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * What a flatten closes and cancels: the positions matching all its filters, and their instrument's working orders
 * (without a side filter, every working order matching the instrument filter).
 */
final class FlattenPreview {
  /** Positions or orders listed one by one, at most; then a count of the rest. */
  static final int MAX_LISTED = 10;

  private FlattenPreview() {}

  /** {@link Previews#flatten(FlattenRequest, List, List, int, int)}. */
  static Preview flatten(FlattenRequest filters, List<Position> positions, List<Order> orders, int accountsRead,
      int accountsNotRead) {
    List<Position> closes = closes(filters, positions);
    List<Order> working = orders.stream().filter(PreviewText::isWorking).toList();
    List<Order> cancels = cancels(filters, positions, working);
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
    list(lines, cancels.stream().map(PreviewText::describe).toList());
    if (accountsNotRead > 0) {
      lines.add("Working orders of " + accountsNotRead + " more account" + (accountsNotRead == 1 ? "" : "s")
          + " were not read; matching ones are cancelled too");
    }
    return new Preview(lines, working, positions);
  }

  /**
   * @param filters the flatten's filters
   * @param positions positions read
   * @return the open ones it closes
   */
  static List<Position> closes(FlattenRequest filters, List<Position> positions) {
    return positions.stream().filter(p -> !isFlat(p) && matches(filters, p)).toList();
  }

  /**
   * @param filters the flatten's filters
   * @param positions positions read
   * @param orders orders read
   * @return the working ones it cancels: matching account and instrument without a side filter, else those of the
   *     instruments whose position it closes
   */
  static List<Order> cancels(FlattenRequest filters, List<Position> positions, List<Order> orders) {
    Set<String> closedInstruments = new LinkedHashSet<>();
    closes(filters, positions).forEach(p -> closedInstruments.add(key(p.getAccount()) + "\n" + key(p.getInstrument())));
    return orders.stream().filter(PreviewText::isWorking).filter(o -> accountMatches(filters, o.getAccount())
        && (filters.getMarketPosition() == null
            ? filters.getInstrument() == null || key(filters.getInstrument()).equals(key(o.getInstrument()))
            : closedInstruments.contains(key(o.getAccount()) + "\n" + key(o.getInstrument())))).toList();
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
}
