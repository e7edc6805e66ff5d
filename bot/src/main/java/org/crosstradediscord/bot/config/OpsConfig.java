package org.crosstradediscord.bot.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ops} section.
 *
 * @param listen where {@code GET /healthz} and {@code GET /metrics} are served ({@code listen}: an IP address or
 *     localhost and a port; port 0 = any free port); empty (default) = no ops endpoint
 */
public record OpsConfig(Optional<InetSocketAddress> listen) {
  /** No ops endpoint. */
  public static final OpsConfig OFF = new OpsConfig(Optional.empty());

  /** Checks for null. */
  public OpsConfig {
    Objects.requireNonNull(listen, "listen");
  }

  /** @return {@code 127.0.0.1:9464}, or {@code off} */
  public String summary() {
    return listen.map(BotConfig::hostPort).orElse("off");
  }
}
