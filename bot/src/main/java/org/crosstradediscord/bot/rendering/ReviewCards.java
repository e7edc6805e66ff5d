package org.crosstradediscord.bot.rendering;

import static org.crosstradediscord.bot.rendering.CardParts.DANGER;
import static org.crosstradediscord.bot.rendering.CardParts.NEUTRAL;
import static org.crosstradediscord.bot.rendering.CardParts.REVIEW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.DiscordText;

/** The cards before and while an action runs: its review, the card while it is on its way, and the short notices. */
final class ReviewCards {
  static final int MAX_AFFECT_LINES = 26;

  private ReviewCards() {}

  /** {@link Cards#review(Review, Duration, List)}. */
  static MessageEmbed review(Review review, Duration timeout, List<String> affects) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Review: " + review.title()).setColor(review.warning() == null ? REVIEW : DANGER)
        .setDescription(review.whatHappens());
    CardParts.addFields(e, review);
    if (!affects.isEmpty()) {
      List<String> shown = new ArrayList<>(affects.subList(0, Math.min(affects.size(), MAX_AFFECT_LINES)));
      if (affects.size() > shown.size()) {
        shown.add("… " + (affects.size() - shown.size()) + " more lines");
      }
      String value = shown.stream().map(l -> DiscordText.escape(l, 160)).collect(Collectors.joining("\n"));
      e.addField(Cards.AFFECTS, DiscordText.cutEscaped(value, MessageEmbed.VALUE_MAX_LENGTH), false);
    }
    if (review.warning() != null) {
      e.addField("⚠ Warning", review.warning(), false);
    }
    e.setFooter("Nothing has been sent. Confirm within " + timeout.toSeconds() + " s, or Cancel.");
    return e.build();
  }

  /** {@link Cards#executing}. */
  static MessageEmbed executing(Review review) {
    return new EmbedBuilder().setTitle("Sending: " + review.title()).setColor(NEUTRAL)
        .setDescription(review.whatHappens() + "\n\nSent to CrossTrade, waiting for the answer…").build();
  }

  /** {@link Cards#notice}. */
  static MessageEmbed notice(String title, String text) {
    return new EmbedBuilder().setTitle(title).setColor(NEUTRAL).setDescription(text).build();
  }
}
