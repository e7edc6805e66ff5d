package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** The rules of the {@code board}, {@code storage}, {@code logging} and {@code ops} sections. */
final class SectionRules {
  /** The default {@code storage.url}: an SQLite file beside the config file. */
  static final String DEFAULT_STORAGE_URL = "jdbc:sqlite:crosstrade-bot.db";
  private static final String IPV4 = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}"
      + "|[1-9]?[0-9])){3}";

  private SectionRules() {}

  /** {@code board}: absent = off (null). */
  static BoardConfig board(ConfigFile.Board b, List<String> allowed) {
    if (b == null) {
      return null;
    }
    if (b.channelId() == null) {
      throw new ConfigException(ConfigRules.required("board.channel_id"));
    }
    List<String> accounts = ConfigRules.names(b.accounts(), "board.accounts");
    if (accounts.isEmpty() || accounts.size() > BoardConfig.MAX_ACCOUNTS) {
      throw new ConfigException("board.accounts: list 1 to " + BoardConfig.MAX_ACCOUNTS + " accounts to show");
    }
    ConfigRules.inAllowed(accounts, allowed, "board.accounts");
    long refresh = ConfigRules.whole(b.refreshSeconds(), "board.refresh_seconds", 5, 1, 300);
    LocalTime reportAt = null;
    if (b.reportAt() != null) {
      String v = b.reportAt().strip();
      if (!v.matches("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")) {
        throw new ConfigException("board.report_at: '" + SafeText.oneLine(v) + "' is not a time of day (HH:MM or"
            + " HH:MM:SS, e.g. \"16:15\")");
      }
      reportAt = LocalTime.parse(v);
    }
    return new BoardConfig(b.channelId().value(), accounts, Duration.ofSeconds(refresh), reportAt);
  }

  /** {@code storage.url}, default {@link #DEFAULT_STORAGE_URL}; the rules are in {@link StorageUrl}. */
  static StorageConfig storage(ConfigFile.Storage s, Path baseDir) {
    String url = s == null || s.url() == null ? DEFAULT_STORAGE_URL : s.url().strip();
    return new StorageConfig(StorageUrl.check(url, baseDir));
  }

  /**
   * {@code logging.format}: {@code text} (default) or {@code json}; {@code logging.file}: a file path (relative to
   * {@code baseDir}) whose directory exists and is writable; the file itself need not exist.
   */
  static LoggingConfig logging(ConfigFile.Logging lg, Path baseDir) {
    if (lg == null) {
      return LoggingConfig.DEFAULT;
    }
    LoggingConfig.Format format = LoggingConfig.Format.TEXT;
    if (lg.format() != null) {
      format = switch (lg.format()) {
        case "text" -> LoggingConfig.Format.TEXT;
        case "json" -> LoggingConfig.Format.JSON;
        default -> throw new ConfigException("logging.format: '" + SafeText.oneLine(lg.format()) + "' is not a format"
            + " (text or json)");
      };
    }
    Optional<Path> file = Optional.empty();
    if (lg.file() != null) {
      String t = lg.file().strip();
      if (t.isEmpty() || t.length() > 4096 || t.chars().anyMatch(Character::isISOControl)) {
        throw new ConfigException("logging.file: must be a file path (at most 4096 characters, no control characters)");
      }
      Path p;
      try {
        p = baseDir.resolve(t).normalize();
      } catch (InvalidPathException e) {
        throw new ConfigException("logging.file: '" + SafeText.oneLine(t) + "' is not a valid file path");
      }
      Path dir = p.getParent();
      if (p.getFileName() == null || dir == null || !Files.isDirectory(dir)) {
        throw new ConfigException("logging.file: directory " + SafeText.oneLine(String.valueOf(dir)) + " does not exist"
            + " (create it, writable by the bot's user)");
      }
      if (Files.isDirectory(p)) {
        throw new ConfigException("logging.file: " + SafeText.oneLine(p.toString()) + " is a directory; name a file in"
            + " it");
      }
      if (!Files.isWritable(dir)) {
        throw new ConfigException("logging.file: directory " + SafeText.oneLine(dir.toString()) + " is not writable by"
            + " this user");
      }
      file = Optional.of(p);
    }
    return new LoggingConfig(format, file);
  }

  /** {@code ops}: absent = {@link OpsConfig#OFF}. */
  static OpsConfig ops(ConfigFile.Ops ops) {
    return ops == null || ops.listen() == null ? OpsConfig.OFF
        : new OpsConfig(Optional.of(listen(ops.listen().strip(), "ops.listen")));
  }

  /**
   * {@code HOST:PORT} where HOST is an IPv4 literal, {@code [IPv6]} or {@code localhost} (no name lookup at load)
   * and PORT 0..65535 (0: any free port, logged at start).
   */
  static InetSocketAddress listen(String text, String key) {
    String usage = " (HOST:PORT with an IP address or localhost, e.g. 127.0.0.1:9464)";
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConfigException(key + ": '" + SafeText.oneLine(text) + "' is not HOST:PORT" + usage);
    }
    String host = text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (!port.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65535) {
      throw new ConfigException(key + ": port '" + SafeText.oneLine(port) + "' must be 0..65535 in plain digits" + usage);
    }
    InetAddress address;
    try {
      if (host.equalsIgnoreCase("localhost")) {
        address = InetAddress.getLoopbackAddress();
      } else if (host.matches(IPV4)) {
        address = InetAddress.getByName(host); // a literal: no lookup
      } else if (host.startsWith("[") && host.endsWith("]") && host.length() > 2
          && host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+")) {
        address = InetAddress.getByName(host.substring(1, host.length() - 1));
      } else {
        throw new ConfigException(key + ": host '" + SafeText.oneLine(host) + "' must be an IP address or localhost (no"
            + " name lookup)" + usage);
      }
    } catch (UnknownHostException e) {
      throw new ConfigException(key + ": host '" + SafeText.oneLine(host) + "' is not a valid IP address" + usage);
    }
    return new InetSocketAddress(address, Integer.parseInt(port));
  }
}
