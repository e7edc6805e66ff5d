package org.crosstradediscord.bot.rendering;

import static org.crosstradediscord.bot.rendering.CardParts.money;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.Prices;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * The success card of a confirmed action: the order ids it placed, the positions it closed (a table) with the P&amp;L
 * as far as the upstream says, and which working orders a flatten cancelled.
 */
final class ResultCards {
  static final int MAX_ORDER_IDS = 20;
  static final int MAX_TABLE_ROWS = 25;

  private ResultCards() {}

  /** {@link Cards#success(Review, Outcome, List, long)}. */
  static MessageEmbed success(Review review, Outcome outcome, List<Order> workingBefore, long latencyMs) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Done: " + review.title()).setColor(CardParts.OK);
    StringBuilder d = new StringBuilder();
    List<String> ids = outcome.orderIds();
    boolean flatten = outcome.kind() == Outcome.Kind.FLATTENED;
    if (!ids.isEmpty() && !flatten) {
      d.append(ids.size() == 1 ? "Order id: " : "Order ids: ").append(idList(ids)).append('\n');
    }
    if (!outcome.closedPositions().isEmpty()) {
      d.append("Closed positions: ").append(outcome.closedPositions().size()).append('\n')
          .append(positionsTable(outcome.closedPositions())).append('\n');
      d.append(profitLoss(outcome)).append('\n');
    } else if (outcome.kind() != Outcome.Kind.PLACED) {
      d.append("Closed positions: none\n");
    }
    if (flatten) {
      d.append(flattenedOrders(ids, workingBefore));
    } else if (ids.isEmpty() && outcome.closedPositions().isEmpty()) {
      d.append("CrossTrade reported nothing closed or placed.\n");
    }
    if (outcome.warning() != null) {
      d.append("\nCrossTrade warning: ").append(DiscordText.escape(outcome.warning(), 500));
    }
    CardParts.addFields(e, review);
    e.setDescription(CardParts.bounded(d.toString().strip()));
    e.setFooter("Answered in " + latencyMs + " ms");
    return e.build();
  }

  private static String idList(List<String> ids) {
    List<String> shown = ids.subList(0, Math.min(ids.size(), MAX_ORDER_IDS)).stream()
        .map(i -> "`" + DiscordText.inCode(i, 64) + "`").toList();
    return String.join(", ", shown) + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "");
  }

  /** The realized P&L as reported, else the closed contracts' unrealized P&L at close time, said as such. */
  private static String profitLoss(Outcome outcome) {
    if (outcome.realizedProfitLoss() != null) {
      return "Realized P&L: " + money(outcome.realizedProfitLoss()) + " (as CrossTrade reported it)";
    }
    double sum = 0;
    for (Position p : outcome.closedPositions()) {
      if (p.getUnrealizedProfitLoss() == null) {
        return "Realized P&L: not reported by CrossTrade.";
      }
      sum += p.getUnrealizedProfitLoss();
    }
    return "Realized P&L: about " + money(sum) + " (CrossTrade reports the closed contracts' unrealized P&L at"
        + " the last price, not the fill; check NinjaTrader for the exact figure)";
  }

  /** A flatten's order ids: those that were working before Confirm were cancelled; the rest it submitted. */
  private static String flattenedOrders(List<String> ids, List<Order> workingBefore) {
    if (ids.isEmpty()) {
      return "Cancelled orders: none\n";
    }
    if (workingBefore == null) {
      return "Order ids in CrossTrade's answer (working orders it cancelled and orders it submitted to close;"
          + " the review could not read which were working): " + idList(ids) + "\n";
    }
    Map<String, Order> working = workingBefore.stream().filter(o -> o.getOrderId() != null)
        .collect(Collectors.toMap(Order::getOrderId, Function.identity(), (a, b) -> a));
    List<String> cancelled = ids.stream().filter(working::containsKey).toList();
    List<String> other = ids.stream().filter(i -> !working.containsKey(i)).toList();
    StringBuilder b = new StringBuilder();
    if (cancelled.isEmpty()) {
      b.append("Cancelled orders: none\n");
    } else {
      b.append("Cancelled orders: ").append(cancelled.size()).append('\n');
      for (String id : cancelled.subList(0, Math.min(cancelled.size(), MAX_ORDER_IDS))) {
        Order o = working.get(id);
        b.append("- `").append(DiscordText.inCode(id, 64)).append("` ")
            .append(DiscordText.escape(o.getInstrument() + " " + o.getOrderAction() + " " + o.getQuantity() + " "
                + o.getOrderType(), 120)).append('\n');
      }
      if (cancelled.size() > MAX_ORDER_IDS) {
        b.append("- … and ").append(cancelled.size() - MAX_ORDER_IDS).append(" more\n");
      }
    }
    if (!other.isEmpty()) {
      b.append("Other orders in CrossTrade's answer (not working when the review read them, e.g. the orders it submitted to close positions): ").append(idList(other)).append('\n');
    }
    return b.toString();
  }

  /** {@link Cards#positionsTable}. */
  static String positionsTable(List<Position> positions) {
    StringBuilder t = new StringBuilder("```\n");
    t.append(String.format(Locale.ROOT, "%-12s %-6s %5s %12s %12s%n", "Instrument", "Side", "Qty", "Avg price", "Unreal. P&L"));
    for (Position p : positions.subList(0, Math.min(positions.size(), MAX_TABLE_ROWS))) {
      t.append(String.format(Locale.ROOT, "%-12s %-6s %5s %12s %12s%n", DiscordText.inCode(p.getInstrument(), 12),
          p.getMarketPosition() == null ? "?" : p.getMarketPosition().getValue(),
          p.getQuantity() == null ? "?" : p.getQuantity(), Prices.format(p.getAveragePrice()), money(p.getUnrealizedProfitLoss())));
    }
    if (positions.size() > MAX_TABLE_ROWS) {
      t.append("… and ").append(positions.size() - MAX_TABLE_ROWS).append(" more\n");
    }
    return t.append("```").toString();
  }
}
