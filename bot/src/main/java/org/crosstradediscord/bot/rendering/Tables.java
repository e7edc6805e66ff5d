package org.crosstradediscord.bot.rendering;

import org.crosstradediscord.bot.text.DiscordText;
import java.awt.Color;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.Prices;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;
import org.jspecify.annotations.Nullable;

/**
 * The answers of the read-only commands: monospaced tables of positions and working orders, per-account P&amp;L,
 * and the Close/Cancel buttons ({@link ViewButtons}) that start a confirmation.
 *
 * <p>Tables are code blocks: every value (the upstream's instrument names, order ids, states; the configured
 * account names) goes through {@link DiscordText#inCode} cut to its column width, so a backtick can never close
 * the block and a long name never breaks the layout. Field names and values outside the block go through
 * {@link DiscordText#escape}. Button labels are plain text, never rendered as markdown, cut to 80 characters.
 * At most {@value #MAX_ROWS} rows, then a count of the rest; at most 25 buttons (Discord: 5 rows of 5), the answer
 * says when some rows have none.
 */
public final class Tables {
  /** Rows shown in one table (also the most buttons one message can carry: 5 rows of 5). */
  public static final int MAX_ROWS = 25;
  /** Per-account P&amp;L fields shown at most. */
  public static final int MAX_ACCOUNT_FIELDS = 20;
  private static final Color INFO = new Color(0x2E86C1);
  private static final Color DANGER = new Color(0xC0392B);
  private static final String POSITION_ROW = "%-10s %-12s %-5s %4s %10s %10s %11s%n";
  private static final String ORDER_ROW = "%-10s %-8s %-12s %-4s %4s %-9s %-15s %s%n";

  /**
   * One account's values from GetAccount.
   *
   * @param account configured account name
   * @param realized realized P&amp;L, or null when unknown
   * @param unrealized unrealized P&amp;L, or null when unknown
   * @param problem why the values could not be read (the upstream's words), or null
   */
  public record AccountSummary(String account, Double realized, Double unrealized, String problem) {}

  private Tables() {}

  /**
   * @param positions open positions (account names as configured)
   * @return a code block: account, instrument, market position, quantity, average price, market price, unrealized
   *     P&amp;L; at most {@value #MAX_ROWS} rows, then a count of the rest
   */
  public static String positionsTable(List<Position> positions) {
    StringBuilder t = new StringBuilder("```\n");
    t.append(String.format(Locale.ROOT, POSITION_ROW, "Account", "Instrument", "Side", "Qty", "Avg price", "Mkt price",
        "Unreal. P&L"));
    for (Position p : positions.subList(0, Math.min(positions.size(), MAX_ROWS))) {
      t.append(String.format(Locale.ROOT, POSITION_ROW, DiscordText.inCode(p.getAccount(), 10),
          DiscordText.inCode(p.getInstrument(), 12), p.getMarketPosition() == null ? "?" : p.getMarketPosition().getValue(),
          p.getQuantity() == null ? "?" : p.getQuantity(), Prices.format(p.getAveragePrice()),
          Prices.format(p.getMarketPrice()), money(p.getUnrealizedProfitLoss())));
    }
    more(t, positions.size());
    return t.append("```").toString();
  }

  /**
   * @param orders working orders (account names as configured)
   * @return a code block: account, short order id, instrument, side, quantity, order type, limit/stop price, state
   */
  public static String ordersTable(List<Order> orders) {
    StringBuilder t = new StringBuilder("```\n");
    t.append(String.format(Locale.ROOT, ORDER_ROW, "Account", "Order", "Instrument", "Side", "Qty", "Type", "Price", "State"));
    for (Order o : orders.subList(0, Math.min(orders.size(), MAX_ROWS))) {
      t.append(String.format(Locale.ROOT, ORDER_ROW, DiscordText.inCode(o.getAccount(), 10),
          DiscordText.inCode(shortId(o.getOrderId()), 8), DiscordText.inCode(o.getInstrument(), 12),
          DiscordText.inCode(o.getOrderAction(), 4), o.getQuantity() == null ? "?" : o.getQuantity(),
          DiscordText.inCode(o.getOrderType(), 9), prices(o), DiscordText.inCode(o.getOrderState(), 14)));
    }
    more(t, orders.size());
    return t.append("```").toString();
  }

  /**
   * @param positions open positions of the accounts read (account names as configured), in display order
   * @param accounts the accounts read, with their P&amp;L
   * @param closeButtons whether the member may close (offer Close buttons)
   * @return the {@code /positions} answer
   */
  public static Answer positions(List<Position> positions, List<AccountSummary> accounts, boolean closeButtons) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Positions").setColor(INFO).setTimestamp(Instant.now());
    StringBuilder d = new StringBuilder();
    if (positions.isEmpty()) {
      d.append("No open positions in ").append(names(accounts.stream().map(AccountSummary::account).toList())).append('.');
    } else {
      d.append(positionsTable(positions));
    }
    for (AccountSummary a : accounts.subList(0, Math.min(accounts.size(), MAX_ACCOUNT_FIELDS))) {
      e.addField(DiscordText.escape(a.account(), 100), a.problem() != null
          ? "P&L unknown: " + DiscordText.escape(a.problem(), 200)
          : "Realized P&L: " + money(a.realized()) + " · Unrealized P&L: " + money(a.unrealized()), true);
    }
    List<Button> buttons = new ArrayList<>();
    int withoutButton = 0;
    if (closeButtons) {
      for (Position p : positions.subList(0, Math.min(positions.size(), MAX_ROWS))) {
        Optional<String> id = ViewButtons.closeId(p.getAccount(), p.getInstrument());
        if (id.isPresent()) {
          buttons.add(Button.secondary(id.get(), label("Close " + p.getAccount() + " " + p.getInstrument())));
        } else {
          withoutButton++;
        }
      }
    }
    d.append(buttonNote(positions.size(), withoutButton, closeButtons, "Close", "close", "/close"));
    e.setDescription(d.toString().strip());
    e.setFooter("Read-only. Prices in instrument points, P&L in the account currency."
        + (closeButtons && !positions.isEmpty() ? " Close asks to confirm." : ""));
    return new Answer(e.build(), rows(buttons));
  }

  /**
   * @param orders working orders of the accounts read (account names as configured)
   * @param accounts the accounts read
   * @param problems one line per account that could not be read (the upstream's words), possibly empty
   * @param cancelButtons whether the member may cancel (offer Cancel buttons)
   * @return the {@code /orders} answer
   */
  public static Answer orders(List<Order> orders, List<String> accounts, List<String> problems,
      boolean cancelButtons) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Working orders").setColor(INFO).setTimestamp(Instant.now());
    StringBuilder d = new StringBuilder();
    if (orders.isEmpty()) {
      d.append("No working orders in ").append(names(accounts)).append('.');
    } else {
      d.append(ordersTable(orders));
    }
    for (String p : problems) {
      d.append("\nCould not read: ").append(DiscordText.escape(p, 300));
    }
    List<Button> buttons = new ArrayList<>();
    int withoutButton = 0;
    if (cancelButtons) {
      for (Order o : orders.subList(0, Math.min(orders.size(), MAX_ROWS))) {
        Optional<String> id = "CancelPending".equalsIgnoreCase(o.getOrderState()) ? Optional.empty()
            : ViewButtons.cancelId(o.getAccount(), o.getOrderId());
        if (id.isPresent()) {
          buttons.add(Button.secondary(id.get(), label("Cancel " + shortId(o.getOrderId()) + " " + o.getInstrument())));
        } else {
          withoutButton++;
        }
      }
    }
    d.append(buttonNote(orders.size(), withoutButton, cancelButtons, "Cancel", "cancel", "/cancel"));
    e.setDescription(d.toString().strip());
    e.setFooter("Read-only. Order ids shortened to 8 characters; /cancel suggests the full ids."
        + (cancelButtons && !orders.isEmpty() ? " Cancel asks to confirm." : ""));
    return new Answer(e.build(), rows(buttons));
  }

  /**
   * @param what what was being read, e.g. {@code Positions}
   * @param failure what the SDK threw
   * @return the card for a failed read: plain advice, then what happened (the upstream's words in a code block only
   *     when its answer carried some)
   */
  public static MessageEmbed readFailure(String what, CrossTradeException failure) {
    return readFailure(what, failure, null);
  }

  /**
   * {@link #readFailure(String, CrossTradeException)}, saying how long a timeout waited.
   *
   * @param requestTimeout the client's request timeout, or null
   */
  public static MessageEmbed readFailure(String what, CrossTradeException failure, @Nullable Duration requestTimeout) {
    String advice;
    if (failure instanceof OutcomeUnknownException) {
      advice = "CrossTrade did not answer in time, or its answer could not be read.";
    } else if (failure instanceof NinjaTraderNotConnectedException) {
      advice = "NinjaTrader 8 or the CrossTrade add-on is not connected.";
    } else if (failure instanceof RateLimitedException) {
      advice = "CrossTrade's rate limit was hit.";
    } else if (failure instanceof UnauthorizedException) {
      advice = "CrossTrade did not accept the bot's token. Ask the bot's operator to check CROSSTRADE_TOKEN.";
    } else if (failure instanceof NotSentException) {
      advice = "The bot did not send the read.";
    } else if (failure instanceof UnreachableException) {
      advice = "The CrossTrade API could not be reached.";
    } else {
      advice = "CrossTrade refused the read.";
    }
    return new EmbedBuilder().setTitle("Could not read: " + what).setColor(DANGER)
        .setDescription(advice + " This was only a read: nothing was changed. Try again shortly.\n\n"
            + FailureCard.happened(failure, requestTimeout))
        .build();
  }

  /** @return the first 8 characters of an order id (the table's and the buttons' short form) */
  public static String shortId(String orderId) {
    if (orderId == null) {
      return "?";
    }
    return orderId.codePointCount(0, orderId.length()) <= 8 ? orderId : orderId.substring(0, orderId.offsetByCodePoints(0, 8));
  }

  /** @return buttons in rows of 5, at most 5 rows */
  static List<ActionRow> rows(List<Button> buttons) {
    List<ActionRow> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(buttons.size(), MAX_ROWS); i += 5) {
      rows.add(ActionRow.of(buttons.subList(i, Math.min(i + 5, Math.min(buttons.size(), MAX_ROWS)))));
    }
    return rows;
  }

  private static String buttonNote(int rows, int withoutButton, boolean allowed, String label, String grant, String command) {
    if (rows == 0) {
      return "";
    }
    if (!allowed) {
      return "\nNo " + label + " buttons: none of your roles grants `" + grant + "`.";
    }
    StringBuilder n = new StringBuilder();
    if (rows > MAX_ROWS) {
      n.append("\n").append(label).append(" buttons for the first ").append(MAX_ROWS).append(" rows only (Discord allows ")
          .append(MAX_ROWS).append("); use `").append(command).append("` for the rest.");
    }
    if (withoutButton > 0) {
      n.append("\n").append(withoutButton).append(withoutButton == 1 ? " row has" : " rows have")
          .append(" no button (names too long for one); use `").append(command).append("`.");
    }
    return n.toString();
  }

  private static String label(String text) {
    return DiscordText.oneLine(text, 80);
  }

  private static String prices(Order o) {
    String limit = positive(o.getLimitPrice()) ? "L " + Prices.format(o.getLimitPrice()) : null;
    String stop = positive(o.getStopPrice()) ? "S " + Prices.format(o.getStopPrice()) : null;
    if (limit != null && stop != null) {
      return limit + " " + stop;
    }
    return limit != null ? limit : stop != null ? stop : "-";
  }

  private static boolean positive(Double d) {
    return d != null && d > 0;
  }

  private static void more(StringBuilder t, int size) {
    if (size > MAX_ROWS) {
      t.append("… and ").append(size - MAX_ROWS).append(" more (give `account` to narrow)\n");
    }
  }

  private static String names(List<String> accounts) {
    return String.join(", ", accounts.stream().map(a -> "**" + DiscordText.escape(a, 100) + "**").toList());
  }

  static String money(Double d) {
    return d == null ? "?" : String.format(Locale.ROOT, "%.2f", d + 0.0); // + 0.0 turns -0.0 into 0.0
  }
}
