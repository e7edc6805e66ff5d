package org.crosstradediscord.bot.rendering;

import org.crosstradediscord.bot.text.DiscordText;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.Prices;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * Every message the bot shows: review cards with Confirm (danger style, verb label) and Cancel (secondary)
 * buttons, results (order id or a table of closed positions), failures with the upstream's words and what to
 * do, and the short notices. Embeds only; prices in instrument points.
 *
 * <p>Text the bot did not write goes through {@link DiscordText}: review field values and the upstream's
 * warning are escaped here, order ids and instruments in code spans/blocks and the upstream's error text in its
 * code block go through {@link DiscordText#inCode}. Titles, warnings and {@code whatHappens} of a {@link Review}
 * are markdown written by the bot; commands escape the member's values they put into them.
 */
public final class Cards {
  /** custom_id prefix of Confirm buttons; the rest is the pending action id. */
  public static final String CONFIRM = "ct:confirm:";
  /** custom_id prefix of Cancel buttons. */
  public static final String CANCEL = "ct:cancel:";

  private static final Color REVIEW = new Color(0xE67E22);
  private static final Color DANGER = new Color(0xC0392B);
  private static final Color OK = new Color(0x27AE60);
  private static final Color NEUTRAL = new Color(0x7F8C8D);
  /** Code points of a field value kept before escaping (escaped it stays under Discord's 1024). */
  private static final int FIELD_VALUE_MAX = 300;
  private static final int MAX_ORDER_IDS = 20;
  private static final int MAX_TABLE_ROWS = 25;
  private static final int MAX_AFFECT_LINES = 26;
  /** Name of the review card's field that says what the action will affect. */
  public static final String AFFECTS = "What it affects";

  private Cards() {}

  /**
   * @param review what the action will do
   * @param timeout how long Confirm stays valid
   * @return the review card
   */
  public static MessageEmbed review(Review review, Duration timeout) {
    return review(review, timeout, List.of());
  }

  /**
   * @param review what the action will do
   * @param timeout how long Confirm stays valid
   * @param affects plain text lines of what it will affect (position now and after, what a flatten closes and
   *     cancels, or "reading…"/"unknown (…)"); escaped here, at most {@value #MAX_AFFECT_LINES} lines and one
   *     field's length; empty for none
   * @return the review card
   */
  public static MessageEmbed review(Review review, Duration timeout, List<String> affects) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Review: " + review.title()).setColor(review.warning() == null ? REVIEW : DANGER)
        .setDescription(review.whatHappens());
    addFields(e, review);
    if (!affects.isEmpty()) {
      List<String> shown = new ArrayList<>(affects.subList(0, Math.min(affects.size(), MAX_AFFECT_LINES)));
      if (affects.size() > shown.size()) {
        shown.add("… " + (affects.size() - shown.size()) + " more lines");
      }
      String value = shown.stream().map(l -> DiscordText.escape(l, 160)).collect(Collectors.joining("\n"));
      e.addField(AFFECTS, DiscordText.cutEscaped(value, MessageEmbed.VALUE_MAX_LENGTH), false);
    }
    if (review.warning() != null) {
      e.addField("⚠ Warning", review.warning(), false);
    }
    e.setFooter("Nothing has been sent. Confirm within " + timeout.toSeconds() + " s, or Cancel.");
    return e.build();
  }

  /**
   * @param pendingId the pending action id
   * @param confirmLabel the Confirm button's verb label
   * @param disabled whether the buttons are disabled
   * @return the row with Confirm (danger) and Cancel (secondary)
   */
  public static ActionRow buttons(String pendingId, String confirmLabel, boolean disabled) {
    return ActionRow.of(Button.danger(CONFIRM + pendingId, confirmLabel).withDisabled(disabled),
        Button.secondary(CANCEL + pendingId, "Cancel").withDisabled(disabled));
  }

  /**
   * @param review the reviewed action
   * @return the card while the request is on its way
   */
  public static MessageEmbed executing(Review review) {
    return new EmbedBuilder().setTitle("Sending: " + review.title()).setColor(NEUTRAL)
        .setDescription(review.whatHappens() + "\n\nSent to CrossTrade, waiting for the answer…").build();
  }

  /** Embed descriptions hold at most 4096 characters (Discord, embed limits); keep a margin and close a cut code block. */
  static String bounded(String description) {
    if (description.length() <= MAX_DESCRIPTION) {
      return description;
    }
    String cut = DiscordText.cutEscaped(description, MAX_DESCRIPTION - 20);
    int fences = cut.split("```", -1).length - 1;
    return cut + (fences % 2 == 1 ? "\n```" : "") + "\n… (cut)";
  }

  private static final int MAX_DESCRIPTION = 4000;

  /**
   * @param review the reviewed action
   * @param outcome what the upstream reported
   * @param latencyMs time from Confirm to the answer
   * @return the success card
   */
  public static MessageEmbed success(Review review, Outcome outcome, long latencyMs) {
    return success(review, outcome, null, latencyMs);
  }

  /**
   * The success card: a placed order's id; how many positions a close or flatten closed (table) with the P&amp;L
   * it realized as far as the upstream says; which working orders a flatten cancelled (never labelled "Order id").
   *
   * @param review the reviewed action
   * @param outcome what the upstream reported
   * @param workingBefore the working orders the review read before Confirm (a flatten's answer mixes the ids of
   *     the orders it cancelled and of those it submitted: ids found here were working, so they were cancelled),
   *     or null when the review could not read them
   * @param latencyMs time from Confirm to the answer
   * @return the success card
   */
  public static MessageEmbed success(Review review, Outcome outcome, List<Order> workingBefore, long latencyMs) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Done: " + review.title()).setColor(OK);
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
    addFields(e, review);
    e.setDescription(bounded(d.toString().strip()));
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

  /**
   * @param review the reviewed action
   * @param failure what the SDK threw
   * @return the failure card: the upstream's words verbatim plus what to do
   */
  public static MessageEmbed failure(Review review, CrossTradeException failure) {
    String advice;
    String title;
    if (failure instanceof OutcomeUnknownException) {
      title = "OUTCOME UNKNOWN: " + review.title();
      advice = "**Outcome unknown — check NinjaTrader before retrying.** The request may have been executed"
          + " (timeout, lost connection or server error); it was not re-sent.";
    } else if (failure instanceof NinjaTraderNotConnectedException) {
      title = "Not sent to the broker: " + review.title();
      advice = "NinjaTrader 8 or the CrossTrade add-on is not connected. Start NinjaTrader, connect the add-on, then run the command again.";
    } else if (failure instanceof RateLimitedException r) {
      title = "Rate limited: " + review.title();
      advice = (r.status() == 0 ? "Too many requests were queued in the bot (it paces them to CrossTrade's budget);"
          + " nothing was sent." : "CrossTrade's rate limit was hit; nothing was executed.") + " Try again shortly"
          + r.retryAfter().map(d -> " (in about " + Math.max(1, d.toSeconds()) + " s)").orElse("") + ".";
    } else if (failure instanceof NoPositionException) {
      title = "No position: " + review.title();
      advice = "There is no open position there, so nothing was executed.";
    } else if (failure instanceof UnauthorizedException) {
      title = "Refused: " + review.title();
      advice = "CrossTrade did not accept the bot's token. Ask the bot's operator to check CROSSTRADE_TOKEN.";
    } else if (failure instanceof UnreachableException) {
      title = "Not sent: " + review.title();
      advice = "The CrossTrade API could not be reached; nothing was sent. Try again shortly.";
    } else {
      title = "Refused: " + review.title();
      advice = "CrossTrade refused the request; nothing was executed.";
    }
    EmbedBuilder e = new EmbedBuilder().setTitle(title).setColor(DANGER)
        .setDescription(advice + "\n\nCrossTrade said" + (failure.status() > 0 ? " (HTTP " + failure.status() + ")" : "")
            + ":\n```\n" + DiscordText.inCode(failure.upstreamMessage() == null ? "" : failure.upstreamMessage(), 1500)
            + "\n```");
    addFields(e, review);
    return e.build();
  }

  /**
   * @param title short title
   * @param text plain words
   * @return a neutral notice (cancelled, expired, denied, invalid options…)
   */
  public static MessageEmbed notice(String title, String text) {
    return new EmbedBuilder().setTitle(title).setColor(NEUTRAL).setDescription(text).build();
  }

  /**
   * A code block, so every value is shown literally; the instrument (the upstream's text) goes through
   * {@link DiscordText#inCode} and is cut to 12 code points first, so a backtick can never close the block and a
   * cut never splits anything. At most {@value #MAX_TABLE_ROWS} rows, then a count of the rest.
   *
   * @param positions closed positions
   * @return a monospaced table: instrument, market position, quantity, average price, unrealized P&amp;L
   */
  public static String positionsTable(List<Position> positions) {
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

  private static String money(Double d) {
    return d == null ? "?" : String.format(Locale.ROOT, "%.2f", d + 0.0); // + 0.0 turns -0.0 into 0.0
  }

  /** Review field values are plain text (often the member's), so they are escaped; names are the bot's. */
  private static void addFields(EmbedBuilder e, Review review) {
    review.fields().forEach(f -> e.addField(f.name(), DiscordText.escape(f.value(), FIELD_VALUE_MAX), true));
  }
}
