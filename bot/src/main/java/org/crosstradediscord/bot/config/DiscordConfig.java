package org.crosstradediscord.bot.config;

import java.net.URI;
import java.util.Objects;

/**
 * The {@code discord} section: where Discord is (a stand-in's URLs in tests).
 *
 * @param restBaseUrl REST base ({@code rest_base_url}, http/https; default {@link #DEFAULT}'s
 *     {@code https://discord.com/api/v10/})
 * @param gatewayUrl gateway ({@code gateway_url}, ws/wss; default {@code wss://gateway.discord.gg/})
 */
public record DiscordConfig(URI restBaseUrl, URI gatewayUrl) {
  /** Discord's own URLs. */
  public static final DiscordConfig DEFAULT = new DiscordConfig(URI.create("https://discord.com/api/v10/"),
      URI.create("wss://gateway.discord.gg/"));

  /** Checks for null. */
  public DiscordConfig {
    Objects.requireNonNull(restBaseUrl, "restBaseUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
  }
}
