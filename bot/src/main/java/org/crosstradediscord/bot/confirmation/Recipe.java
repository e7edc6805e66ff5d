package org.crosstradediscord.bot.confirmation;

import java.util.Map;
import org.crosstradediscord.bot.store.PendingRow;
import org.jspecify.annotations.Nullable;

/**
 * How a stored action is built again, in a process that did not make its card.
 *
 * @param command the slash command
 * @param options the options as typed: option name to {@code String}, {@code Long} or {@code Double}
 * @param mode {@code paper} or {@code live}, the mode the card was made in
 * @param secondPerson why a second person must approve it (the two-person rule), or null
 */
public record Recipe(String command, Map<String, Object> options, String mode, @Nullable String secondPerson) {
  /** Copies the options. */
  public Recipe {
    options = Map.copyOf(options);
  }

  /** A recipe that needs no second person. */
  public Recipe(String command, Map<String, Object> options, String mode) {
    this(command, options, mode, null);
  }

  /**
   * @param row a stored pending confirmation
   * @return how to build its action again
   * @throws NotRebuildable its options are unreadable
   */
  public static Recipe of(PendingRow row) {
    return new Recipe(row.command(), OptionsJson.read(row), row.mode(), row.secondPerson());
  }

  /**
   * @param why why a second person must approve it, or null
   * @return this recipe with it
   */
  public Recipe withSecondPerson(@Nullable String why) {
    return new Recipe(command, options, mode, why);
  }
}
