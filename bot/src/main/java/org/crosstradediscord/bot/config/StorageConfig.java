package org.crosstradediscord.bot.config;

import java.util.Objects;

/**
 * The {@code storage} section.
 *
 * @param url JDBC URL of the durable store: {@code jdbc:sqlite:} with an absolute path (default
 *     {@code crosstrade-bot.db} beside the config file), or {@code jdbc:postgresql://…}; never holds credentials
 *     (rules: {@link StorageUrl})
 */
public record StorageConfig(String url) {
  /** Checks for null. */
  public StorageConfig {
    Objects.requireNonNull(url, "url");
  }

  /** @return the URL without query, parameters or user info, on one line (safe to log) */
  public String display() {
    return StorageUrl.display(url);
  }
}
