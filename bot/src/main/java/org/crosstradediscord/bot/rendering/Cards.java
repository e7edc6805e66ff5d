package org.crosstradediscord.bot.rendering;

import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.client.CrossTradeException;
import org.jspecify.annotations.Nullable;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * Every message the bot shows: review cards with Confirm (danger style, verb label) and Cancel (secondary)
 * buttons, results (order id or a table of closed positions), failures with the upstream's words and what to
 * do, and the short notices. Embeds only; prices in instrument points. This class holds the buttons and their
 * custom_id prefixes and is the one door to the cards: {@link ReviewCards} (review, sending, notices),
 * {@link ResultCards} (success) and {@link FailureCard}.
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
   *     cancels, or "reading…"/"unknown (…)"); escaped here, at most {@value ReviewCards#MAX_AFFECT_LINES} lines
   *     and one field's length; empty for none
   * @return the review card
   */
  public static MessageEmbed review(Review review, Duration timeout, List<String> affects) {
    return ReviewCards.review(review, timeout, affects);
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
    return ReviewCards.executing(review);
  }

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
    return ResultCards.success(review, outcome, workingBefore, latencyMs);
  }

  /**
   * @param review the reviewed action
   * @param failure what the SDK threw
   * @return the failure card: what to do, then what happened (CrossTrade's words verbatim only when its answer carried
   *     some; never a class name or an operation id)
   */
  public static MessageEmbed failure(Review review, CrossTradeException failure) {
    return FailureCard.failure(review, failure, null);
  }

  /**
   * {@link #failure(Review, CrossTradeException)}, saying how long a timeout waited.
   *
   * @param requestTimeout the client's request timeout, or null
   */
  public static MessageEmbed failure(Review review, CrossTradeException failure, @Nullable Duration requestTimeout) {
    return FailureCard.failure(review, failure, requestTimeout);
  }

  /**
   * @param card a result card whose outcome was unknown
   * @param found what a follow-up found afterwards, plain words (escaped here)
   * @return the card with a "Checked afterwards" field (replacing an earlier one)
   */
  public static MessageEmbed checkedAfterwards(MessageEmbed card, String found) {
    net.dv8tion.jda.api.EmbedBuilder e = new net.dv8tion.jda.api.EmbedBuilder(card);
    e.getFields().removeIf(f -> "Checked afterwards".equals(f.getName()));
    return CardParts.checkedAfterwards(e, found).build();
  }

  /**
   * @param title short title
   * @param text plain words
   * @return a neutral notice (cancelled, expired, denied, invalid options…)
   */
  public static MessageEmbed notice(String title, String text) {
    return ReviewCards.notice(title, text);
  }

  /**
   * A code block, so every value is shown literally; the instrument (the upstream's text) goes through
   * {@link DiscordText#inCode} and is cut to 12 code points first, so a backtick can never close the block and a
   * cut never splits anything. At most {@value ResultCards#MAX_TABLE_ROWS} rows, then a count of the rest.
   *
   * @param positions closed positions
   * @return a monospaced table: instrument, market position, quantity, average price, unrealized P&amp;L
   */
  public static String positionsTable(List<Position> positions) {
    return ResultCards.positionsTable(positions);
  }
}
