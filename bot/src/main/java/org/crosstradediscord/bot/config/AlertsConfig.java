package org.crosstradediscord.bot.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The alert desk ({@code alerts}; docs/config.md): where its listener binds and its sources. Absent = off (null in
 * {@link BotConfig#alerts()}).
 *
 * @param listen the listener's address ({@code alerts.listen}, HOST:PORT)
 * @param maxBodyBytes the largest alert body read, bytes ({@code alerts.max_body_bytes}, 256..65536, default 8192)
 * @param sources the sources, in file order (at least one)
 */
public record AlertsConfig(InetSocketAddress listen, int maxBodyBytes, List<Source> sources) {
  /** Copies the list. */
  public AlertsConfig {
    sources = List.copyOf(sources);
  }

  /**
   * One source ({@code alerts.sources.<name>}): the URL {@code POST /alerts/<name>}.
   *
   * @param name the source's name (letters, digits, {@code -}, {@code _}; at most 64)
   * @param secretEnv the environment variable holding the alert {@code key} this source must send
   * @param channelId where its approval cards go
   * @param accounts the accounts its alerts may trade (each in {@code accounts.allowed})
   * @param approvers the roles whose members may approve or reject its cards (at least one)
   * @param ttl how long a card may wait for approval ({@code ttl_seconds}, 10..3600, default 60 s)
   * @param maxPerMinute authenticated alerts accepted per 60 s ({@code max_per_minute}, 1..60, default 30)
   * @param dedupe the same alert again within this is a duplicate ({@code dedupe_seconds}, 1..3600, default 30 s)
   */
  public record Source(String name, String secretEnv, long channelId, List<String> accounts, List<Long> approvers,
      Duration ttl, int maxPerMinute, Duration dedupe) {
    /** Copies the lists. */
    public Source {
      accounts = List.copyOf(accounts);
      approvers = List.copyOf(approvers);
    }
  }

  /**
   * Reads every source's alert key from the environment (at start; {@code --check-config} does not need them).
   *
   * @param env the environment
   * @return source name → key
   * @throws ConfigException a variable is unset, shorter than 16 characters, contains whitespace, or equals the
   *     Discord or CrossTrade token (the message names the variable, never its value)
   */
  public java.util.Map<String, String> keys(java.util.Map<String, String> env) {
    return AlertRules.keys(this, env);
  }

  /** @return one line for the start-up summary (no secret) */
  public String summary() {
    return "listen=" + BotConfig.hostPort(listen) + " sources=" + sources.stream().map(Source::name).toList();
  }
}
