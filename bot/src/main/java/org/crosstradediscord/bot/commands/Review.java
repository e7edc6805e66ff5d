package org.crosstradediscord.bot.commands;

import java.util.List;

/**
 * What the review card shows before anything is executed.
 *
 * @param title e.g. {@code Flat-place order}
 * @param whatHappens plain words of what Confirm will do, including what will be closed
 * @param fields name/value rows (account, instrument, side, quantity, order type, prices…)
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
