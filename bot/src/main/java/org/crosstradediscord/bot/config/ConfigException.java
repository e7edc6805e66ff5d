package org.crosstradediscord.bot.config;

/** A config value or secret is missing or invalid. The message names the key and never holds a secret. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message names the key and the rule, e.g. {@code "guild_ids: is required"} */
  public ConfigException(String message) {
    super(message);
  }
}
