package org.crosstradediscord.bot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.text.SafeText;

/** The rules of the {@code alerts} section (docs/config.md, "alerts"). */
final class AlertRules {
  private static final String NAME = "[A-Za-z0-9_-]{1,64}";
  private static final String ENV = "[A-Z_][A-Z0-9_]{0,63}";

  private AlertRules() {}

  /** {@code alerts}: absent = off (null). */
  static AlertsConfig alerts(ConfigFile.Alerts a, List<String> allowed) {
    if (a == null) {
      return null;
    }
    if (a.listen() == null) {
      throw new ConfigException(ConfigRules.required("alerts.listen") + " (HOST:PORT of the alert listener, e.g."
          + " 127.0.0.1:9470; put a TLS reverse proxy in front of it)");
    }
    int maxBody = (int) ConfigRules.whole(a.maxBodyBytes(), "alerts.max_body_bytes", 8192, 256, 65_536);
    if (a.sources() == null || a.sources().isEmpty()) {
      throw new ConfigException("alerts.sources: list at least one source (its name is the URL's /alerts/<name>)");
    }
    List<AlertsConfig.Source> sources = new ArrayList<>();
    for (Map.Entry<String, ConfigFile.AlertSource> e : a.sources().entrySet()) {
      sources.add(source(e.getKey(), e.getValue(), allowed));
    }
    return new AlertsConfig(SectionRules.listen(a.listen().strip(), "alerts.listen"), maxBody, sources);
  }

  private static AlertsConfig.Source source(String name, ConfigFile.AlertSource s, List<String> allowed) {
    if (!name.matches(NAME)) {
      throw new ConfigException("alerts.sources: '" + SafeText.oneLine(name) + "' is not a source name (letters,"
          + " digits, '-' and '_', at most 64: it is the URL's /alerts/<name>)");
    }
    String key = "alerts.sources." + name;
    if (s == null) {
      throw new ConfigException(key + ": is empty (secret_env, channel_id, accounts and approvers are required)");
    }
    if (s.secretEnv() == null || !s.secretEnv().matches(ENV)) {
      throw new ConfigException(key + ".secret_env: name the environment variable that holds this source's alert"
          + " key (upper case, e.g. ALERT_KEY_TV_MES); the key itself never goes in the config");
    }
    if (s.channelId() == null) {
      throw new ConfigException(ConfigRules.required(key + ".channel_id") + " (where its approval cards go)");
    }
    List<String> accounts = ConfigRules.inAllowed(ConfigRules.names(s.accounts(), key + ".accounts"), allowed,
        key + ".accounts");
    if (accounts.isEmpty()) {
      throw new ConfigException(key + ".accounts: list the accounts this source may trade (each in accounts.allowed)");
    }
    List<Long> approvers = s.approvers() == null ? List.of() : ConfigRules.ids(s.approvers());
    if (approvers.isEmpty()) {
      throw new ConfigException(key + ".approvers: list at least one role id whose members may approve its cards"
          + " (nobody may, otherwise)");
    }
    long ttl = ConfigRules.whole(s.ttlSeconds(), key + ".ttl_seconds", 60, 10, 3600);
    // Discord lets a bot post about 5 messages per 5 s in one channel: more cards than that would only queue up
    long perMinute = ConfigRules.whole(s.maxPerMinute(), key + ".max_per_minute", 30, 1, 60);
    long dedupe = ConfigRules.whole(s.dedupeSeconds(), key + ".dedupe_seconds", 30, 1, 3600);
    return new AlertsConfig.Source(name, s.secretEnv(), s.channelId().value(), accounts, approvers,
        Duration.ofSeconds(ttl), (int) perMinute, Duration.ofSeconds(dedupe));
  }

  /**
   * The sources' alert keys, read from the environment at start.
   *
   * @param alerts the alert desk, or null when off
   * @param env the environment
   * @return source name → its key (empty when off)
   * @throws ConfigException a variable is unset, shorter than 16 characters, contains whitespace, or equals the
   *     Discord or CrossTrade token (an alert key travels in alert bodies; it must not open anything else)
   */
  static Map<String, String> keys(AlertsConfig alerts, Map<String, String> env) {
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    if (alerts == null) {
      return keys;
    }
    for (AlertsConfig.Source s : alerts.sources()) {
      String v = env.get(s.secretEnv());
      String where = "environment variable " + s.secretEnv() + " (alerts.sources." + s.name() + ".secret_env)";
      if (v == null || v.isBlank()) {
        throw new ConfigException(where + " is not set");
      }
      v = v.strip();
      if (v.length() < 16 || v.chars().anyMatch(c -> c <= ' ')) {
        throw new ConfigException(where + " must be at least 16 characters without whitespace");
      }
      if (v.equals(env.get(Secrets.CROSSTRADE_TOKEN)) || v.equals(env.get(Secrets.DISCORD_TOKEN))) {
        throw new ConfigException(where + " must not be the CrossTrade or Discord token: give each source its own key");
      }
      keys.put(s.name(), v);
    }
    return keys;
  }
}
