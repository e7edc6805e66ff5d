package org.crosstradediscord.bot.rendering;

import java.awt.Color;
import java.util.Locale;
import net.dv8tion.jda.api.EmbedBuilder;
import org.crosstradediscord.bot.text.DiscordText;

/** What the cards share: their colours, the review's fields, the description limit and how amounts are written. */
final class CardParts {
  static final Color REVIEW = new Color(0xE67E22);
  static final Color DANGER = new Color(0xC0392B);
  static final Color OK = new Color(0x27AE60);
  static final Color NEUTRAL = new Color(0x7F8C8D);
  /** Code points of a field value kept before escaping (escaped it stays under Discord's 1024). */
  private static final int FIELD_VALUE_MAX = 300;
  private static final int MAX_DESCRIPTION = 4000;

  private CardParts() {}

  /** Review field values are plain text (often the member's), so they are escaped; names are the bot's. */
  static void addFields(EmbedBuilder e, Review review) {
    review.fields().forEach(f -> e.addField(f.name(), DiscordText.escape(f.value(), FIELD_VALUE_MAX), true));
  }

  /**
   * Adds what a follow-up of an unknown outcome found (escaped, bounded), the same way on every card.
   *
   * @param e the card
   * @param found plain words (may quote the upstream's names)
   * @return {@code e}
   */
  static EmbedBuilder checkedAfterwards(EmbedBuilder e, String found) {
    return e.addField("Checked afterwards", DiscordText.cutEscaped(DiscordText.escape(found, 900), 1000), false);
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

  /**
   * @param d an amount in the account currency, or null
   * @return two decimals, or {@code ?}
   */
  static String money(Double d) {
    return d == null ? "?" : String.format(Locale.ROOT, "%.2f", d + 0.0); // + 0.0 turns -0.0 into 0.0
  }
}
