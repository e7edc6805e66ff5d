package org.crosstradediscord.bot.rendering;

import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.commands.Outcome;
import org.crosstradediscord.bot.commands.Prices;
import org.crosstradediscord.bot.commands.Review;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
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

  private Cards() {}

  /**
   * @param review what the action will do
   * @param timeout how long Confirm stays valid
   * @return the review card
   */
  public static MessageEmbed review(Review review, Duration timeout) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Review: " + review.title()).setColor(review.warning() == null ? REVIEW : DANGER)
        .setDescription(review.whatHappens());
    addFields(e, review);
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
    EmbedBuilder e = new EmbedBuilder().setTitle("Done: " + review.title()).setColor(OK);
    StringBuilder d = new StringBuilder();
    if (!outcome.orderIds().isEmpty()) {
      List<String> ids = outcome.orderIds();
      List<String> shown = ids.subList(0, Math.min(ids.size(), MAX_ORDER_IDS)).stream()
          .map(i -> "`" + DiscordText.inCode(i, 64) + "`").toList();
      d.append(ids.size() == 1 ? "Order id: " + shown.get(0) : "Order ids: " + String.join(", ", shown)
          + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "")).append('\n');
    }
    if (!outcome.closedPositions().isEmpty()) {
      d.append("Closed positions:\n").append(positionsTable(outcome.closedPositions()));
    } else if (outcome.orderIds().isEmpty()) {
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
      advice = "CrossTrade's rate limit was hit; nothing was executed. Try again shortly"
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
