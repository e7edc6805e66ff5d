package org.crosstradediscord.bot.preview;

import static org.crosstradediscord.bot.preview.PreviewText.describe;
import static org.crosstradediscord.bot.preview.PreviewText.isFlat;
import static org.crosstradediscord.bot.preview.PreviewText.money;
import static org.crosstradediscord.bot.preview.PreviewText.side;

import java.util.ArrayList;
import java.util.List;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.Position;

/** What a flat-place, reverse or close does to the position in one instrument: "Now: …" and "After: …". */
final class PositionPreviews {
  private PositionPreviews() {}

  /** {@link Previews#order(Position, OrderRequest, boolean)}. */
  static Preview order(Position now, OrderRequest order, boolean reverse) {
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
    return new Preview(lines, List.of(), kept(now));
  }

  /** {@link Previews#place(Position, OrderRequest)}: a new order beside the position (nothing closed first). */
  static Preview place(Position now, OrderRequest order) {
    List<String> lines = new ArrayList<>();
    lines.add("Now: " + describe(now));
    long signed = isFlat(now) ? 0 : now.getMarketPosition() == MarketPosition.SHORT ? -now.getQuantity()
        : now.getQuantity();
    long after = signed + (order.getAction() == OrderAction.SELL ? -order.getQuantity() : order.getQuantity());
    String target = after == 0 ? "Flat" : (after > 0 ? "Long " : "Short ") + Math.abs(after);
    boolean market = order.getOrderType() == OrderType.MARKET;
    String type = order.getOrderType() == null ? "order" : order.getOrderType().getValue() + " order";
    lines.add(market ? "After: " + target : "After: " + target + " if the " + type + " fills");
    return new Preview(lines, List.of(), kept(now));
  }

  /** {@link Previews#close(Position, Integer, Double)}. */
  static Preview close(Position now, Integer quantity, Double fraction) {
    List<String> lines = new ArrayList<>();
    lines.add("Now: " + describe(now));
    if (isFlat(now)) {
      lines.add("After: nothing to close: CrossTrade refuses a close when flat");
      return new Preview(lines, List.of(), kept(now));
    }
    int open = now.getQuantity();
    int closing = closingQuantity(open, quantity, fraction);
    int left = open - closing;
    lines.add("After: closes " + closing + ", leaves " + (left == 0 ? "Flat" : side(now) + " " + left));
    if (now.getUnrealizedProfitLoss() != null) {
      lines.add("Realizes about " + money(now.getUnrealizedProfitLoss() * closing / open)
          + " at the last price (the fill may differ)");
    }
    return new Preview(lines, List.of(), kept(now));
  }

  /** @return the position read, kept for a follow-up's comparison (none when the read gave none) */
  static List<Position> kept(Position now) {
    return now == null ? List.of() : List.of(now);
  }

  /** {@link Previews#closingQuantity}. */
  static int closingQuantity(int open, Integer quantity, Double fraction) {
    if (quantity != null) {
      return Math.min(open, quantity);
    }
    if (fraction != null) {
      return Math.min(open, (int) Math.ceil(open * fraction - 1e-9));
    }
    return open;
  }
}
