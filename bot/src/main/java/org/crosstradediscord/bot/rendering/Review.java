package org.crosstradediscord.bot.rendering;

import java.util.List;

/**
 * What the review card shows before anything is executed.
 *
 * <p>{@code title}, {@code whatHappens} and {@code warning} are markdown written by the bot: a member's or the
 * upstream's value put into them must go through {@code DiscordText.escape} first. Field values are plain text,
 * escaped when the card is rendered.
 *
 * @param title e.g. {@code Flat-place order}
 * @param whatHappens plain words of what Confirm will do, including what will be closed (markdown)
 * @param fields name/value rows (account, instrument, side, quantity, order type, prices…); values plain text
 * @param confirmLabel the Confirm button's verb label, e.g. {@code Place order}
 * @param warning extra warning in plain words, or null
 */
public record Review(String title, String whatHappens, List<Field> fields, String confirmLabel, String warning) {
  /** Copies the list. */
  public Review {
    fields = List.copyOf(fields);
  }

  /**
   * @param name row label
   * @param value row value
   */
  public record Field(String name, String value) {}
}
