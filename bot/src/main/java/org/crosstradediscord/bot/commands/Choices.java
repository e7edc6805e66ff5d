package org.crosstradediscord.bot.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Choice options derived from the SDK's generated enums (so openapi.yaml stays the one source of the values), and
 * reading choice and number options, recording what is wrong with them.
 */
final class Choices {
  private Choices() {}

  /**
   * @param option a STRING option
   * @param type a generated enum of openapi.yaml
   * @return the option with one choice per enum value (the generator's unknown-value placeholder excluded)
   */
  static <E extends Enum<E>> net.dv8tion.jda.api.interactions.commands.build.OptionData of(
      net.dv8tion.jda.api.interactions.commands.build.OptionData option, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (!e.name().startsWith("UNKNOWN")) {
        option.addChoice(e.toString(), e.toString());
      }
    }
    return option;
  }

  /**
   * @return the enum constant whose value matches the option case-insensitively; null when absent or unknown
   *     (unknown values are recorded as a problem)
   */
  static <E extends Enum<E>> E parse(CommandOptions o, String name, Class<E> type, Problems problems) {
    Optional<String> v = o.string(name);
    if (v.isEmpty()) {
      return null;
    }
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (e.name().startsWith("UNKNOWN")) {
        continue;
      }
      if (e.toString().equalsIgnoreCase(v.get())) {
        return e;
      }
      known.add(e.toString());
    }
    problems.add(name, "must be one of " + String.join(", ", known));
    return null;
  }

  /** @return the whole number as an int, or null when absent, not whole or too large (recorded as a problem) */
  static Integer quantity(CommandOptions o, String name, Problems problems) {
    try {
      Optional<Long> v = o.integer(name);
      if (v.isPresent() && (v.get() > Integer.MAX_VALUE || v.get() < Integer.MIN_VALUE)) {
        problems.add(name, "is too large");
        return null;
      }
      return v.map(Long::intValue).orElse(null);
    } catch (CommandOptions.OptionException e) {
      problems.add(name, e.getMessage());
      return null;
    }
  }

  /** @return the number, or null when absent or not a number (recorded as a problem) */
  static Double number(CommandOptions o, String name, Problems problems) {
    try {
      return o.number(name).orElse(null);
    } catch (CommandOptions.OptionException e) {
      problems.add(name, e.getMessage());
      return null;
    }
  }
}
