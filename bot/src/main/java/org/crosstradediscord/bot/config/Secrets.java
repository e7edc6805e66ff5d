package org.crosstradediscord.bot.config;

import java.util.Map;

/**
 * The two secrets, read only from the environment: {@code DISCORD_TOKEN} (the bot token) and
 * {@code CROSSTRADE_TOKEN} (the CrossTrade secret key, sent as a bearer token). {@link #toString()} never shows
 * them, and no other class logs them.
 *
 * @param discordToken the Discord bot token
 * @param crossTradeToken the CrossTrade bearer token
 * @param alertKeys the alert desk's keys, source name → key ({@code alerts.sources.*.secret_env}; empty when off)
 */
public record Secrets(String discordToken, String crossTradeToken, Map<String, String> alertKeys) {
  /** Environment variable holding the Discord bot token. */
  public static final String DISCORD_TOKEN = "DISCORD_TOKEN";
  /** Environment variable holding the CrossTrade token. */
  public static final String CROSSTRADE_TOKEN = "CROSSTRADE_TOKEN";

  /**
   * @param env the process environment (e.g. {@code System.getenv()})
   * @return both secrets
   * @throws ConfigException a variable is unset, blank or contains whitespace (the message names the variable)
   */
  public static Secrets fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, null);
  }

  /**
   * @param env the process environment
   * @param alerts the alert desk, or null when off
   * @return both tokens and every source's alert key
   * @throws ConfigException a variable is unset or unusable (the message names the variable, never a value)
   */
  public static Secrets fromEnvironment(Map<String, String> env, AlertsConfig alerts) {
    String discord = require(env, DISCORD_TOKEN);
    String crossTrade = require(env, CROSSTRADE_TOKEN);
    return new Secrets(discord, crossTrade, alerts == null ? Map.of() : alerts.keys(env));
  }

  /** Copies the keys. */
  public Secrets {
    alertKeys = Map.copyOf(alertKeys);
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new ConfigException("environment variable " + name + " is not set (secrets come only from the environment)");
    }
    String v = value.strip();
    if (v.chars().anyMatch(c -> c <= ' ')) {
      throw new ConfigException("environment variable " + name + " must not contain whitespace");
    }
    return v;
  }

  @Override
  public String toString() {
    return "Secrets[DISCORD_TOKEN=[redacted], CROSSTRADE_TOKEN=[redacted], alert keys=" + alertKeys.size()
        + " [redacted]]";
  }
}
