package org.crosstradediscord.bot.confirmation;

import java.util.Map;

/**
 * How a stored action is built again, in a process that did not make its card.
 *
 * @param command the slash command
 * @param options the options as typed: option name to {@code String}, {@code Long} or {@code Double}
 * @param mode {@code paper} or {@code live}, the mode the card was made in
 */
public record Recipe(String command, Map<String, Object> options, String mode) {
  /** Copies the options. */
  public Recipe {
    options = Map.copyOf(options);
  }
}
