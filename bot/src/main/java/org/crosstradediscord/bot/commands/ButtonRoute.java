package org.crosstradediscord.bot.commands;

import java.util.Map;
import java.util.Optional;

/**
 * A button that stands for a slash command (a table row's Close or Cancel, the board's Flatten or Halt): the
 * custom_id prefix it answers (the id itself is issued by the rendering that draws the button) and the options it
 * carries. A click runs the command as if its member had typed it: the same role checks and the same review card.
 * A command declares its buttons ({@link SlashCommand#buttons()}); the router needs no edit for a new one.
 */
public interface ButtonRoute {
  /** @return the custom_id prefix this route answers, e.g. {@code ct:view:close:} */
  String prefix();

  /**
   * @param customId a custom_id starting with {@link #prefix()}
   * @return the command's options as if typed, or empty when the custom_id is not valid (any more)
   */
  Optional<Map<String, Object>> options(String customId);

  /** @return where the click came from, for the audit line (e.g. {@code positions button}) */
  String via();

  /**
   * @param prefix the custom_id prefix
   * @param via where the click comes from
   * @param options the options from a custom_id
   * @return a route
   */
  static ButtonRoute of(String prefix, String via, java.util.function.Function<String, Optional<Map<String, Object>>> options) {
    return new ButtonRoute() {
      @Override
      public String prefix() {
        return prefix;
      }

      @Override
      public Optional<Map<String, Object>> options(String customId) {
        return options.apply(customId);
      }

      @Override
      public String via() {
        return via;
      }
    };
  }
}
