package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code logging} section: how the bot's log (including the {@code audit} logger's JSON lines) is written.
 *
 * @param format {@link Format#TEXT} (default): one human-readable line per event on stdout; {@link Format#JSON}: one
 *     JSON object per line (logstash-logback-encoder: {@code @timestamp}, {@code level}, {@code logger_name},
 *     {@code thread_name}, {@code message}, {@code stack_trace})
 * @param file also write the log to this file (absolute, normalized), rolled daily and at 10 MiB, 14 days and
 *     200 MiB kept, in the same format; empty = stdout only
 */
public record LoggingConfig(Format format, Optional<Path> file) {
  /** Text on stdout, no file. */
  public static final LoggingConfig DEFAULT = new LoggingConfig(Format.TEXT, Optional.empty());

  /** Checks for null. */
  public LoggingConfig {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(file, "file");
  }

  /** Log line format. */
  public enum Format {
    /** Human-readable, one line per event ({@code ops.LogConfigurator.PATTERN}). */
    TEXT,
    /** One JSON object per line. */
    JSON
  }

  /** @return e.g. {@code json file=/var/log/crosstrade-bot/bot.log}, for the start-up summary */
  public String summary() {
    return format.name().toLowerCase(java.util.Locale.ROOT) + file.map(f -> " file=" + SafeText.oneLine(f.toString()))
        .orElse("");
  }
}
