package org.crosstradediscord.bot.access;

import java.util.Arrays;
import java.util.Optional;

/** What a role may be granted in the config's {@code roles:} section; the key is the YAML key. */
public enum Permission {
  /** Run {@code /flatplace}. */
  FLATPLACE("flatplace"),
  /** Run {@code /reverse}. */
  REVERSE("reverse"),
  /** Run {@code /close}. */
  CLOSE("close"),
  /** Run {@code /flatten} with an account filter. */
  FLATTEN("flatten"),
  /**
   * Run {@code /flatten} without an account filter: it reaches every account of the CrossTrade user (and with
   * no filter at all closes every position and order everywhere). Granted separately on purpose.
   */
  FLATTEN_EVERYTHING("flatten_everything"),
  /** Run the read-only {@code /positions} and {@code /orders} (they show positions, P&amp;L and working orders). */
  VIEW("view"),
  /** Run {@code /cancel} (cancel one working order) and use the Cancel buttons of {@code /orders}. */
  CANCEL("cancel"),
  /** Run {@code /audit}: the last events of the durable audit trail (every member's commands and results). */
  AUDIT("audit"),
  /**
   * Run {@code /halt} and {@code /resume}: while halted, {@code /flatplace} and {@code /reverse} are refused for
   * everyone (at the command and at the Confirm click); {@code /close}, {@code /flatten}, {@code /cancel} stay allowed.
   */
  HALT("halt");

  private final String key;

  Permission(String key) {
    this.key = key;
  }

  /** @return the config key, e.g. {@code flatten_everything} */
  public String key() {
    return key;
  }

  /**
   * @param key a config key
   * @return the permission with that key
   */
  public static Optional<Permission> ofKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }
}
