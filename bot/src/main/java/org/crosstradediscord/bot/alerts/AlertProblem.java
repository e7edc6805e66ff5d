package org.crosstradediscord.bot.alerts;

/**
 * Why an alert body is refused: the field it is about (lower case, as written in the alert syntax, or {@code body})
 * and one line in the words of the person who wrote the TradingView alert. Never contains the alert's {@code key}.
 *
 * @param field the alert field, e.g. {@code qty}, or {@code body} for the body as a whole
 * @param message what is wrong, e.g. {@code must be a whole number from 1 to 1000}
 */
public record AlertProblem(String field, String message) {
  /** @return {@code field: message}, the one line a 400 answer carries */
  public String line() {
    return field + ": " + message;
  }
}
