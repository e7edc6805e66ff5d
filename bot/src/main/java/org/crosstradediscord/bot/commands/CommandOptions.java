package org.crosstradediscord.bot.commands;

import java.util.Map;
import java.util.Optional;

/**
 * The options of one slash-command interaction by name, as Discord sent them: {@code String} for STRING,
 * {@code Long} for INTEGER, {@code Double} for NUMBER. Kept free of JDA types so commands can be tested alone.
 *
 * @param values option name to value; absent options are missing
 */
public record CommandOptions(Map<String, Object> values) {
  /** Copies the map. */
  public CommandOptions {
    values = Map.copyOf(values);
  }

  /**
   * @param name option name
   * @return the trimmed text, empty when absent or blank
   */
  public Optional<String> string(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    String s = v.toString().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * @param name option name
   * @return the whole number, empty when absent
   * @throws OptionException when the value is not a whole number
   */
  public Optional<Long> integer(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Number n && (v instanceof Long || v instanceof Integer)) {
      return Optional.of(n.longValue());
    }
    try {
      return Optional.of(Long.parseLong(v.toString().strip()));
    } catch (NumberFormatException e) {
      throw new OptionException("must be a whole number");
    }
  }

  /**
   * @param name option name
   * @return the number, empty when absent
   * @throws OptionException when the value is not a finite number
   */
  public Optional<Double> number(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    double d;
    if (v instanceof Number n) {
      d = n.doubleValue();
    } else {
      try {
        d = Double.parseDouble(v.toString().strip());
      } catch (NumberFormatException e) {
        throw new OptionException("must be a number");
      }
    }
    if (!Double.isFinite(d)) {
      throw new OptionException("must be a finite number");
    }
    return Optional.of(d);
  }

  /** An option value of the wrong type; becomes one line of the rejection message. */
  public static final class OptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OptionException(String message) {
      super(message);
    }
  }
}
