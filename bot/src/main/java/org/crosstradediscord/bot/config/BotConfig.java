package org.crosstradediscord.bot.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.client.TransportType;

/**
 * Everything the bot needs except the secrets, validated (see {@link ConfigLoader} for the YAML keys).
 *
 * @param guildIds guilds whose slash commands the bot registers (guild commands, at start-up)
 * @param policy role policy and account allowlist
 * @param auditChannelId text channel for audit lines, if configured
 * @param confirmationTimeout how long a review card's Confirm button stays valid
 * @param crossTradeBaseUrl CrossTrade API root
 * @param crossTradeConnectTimeout connect timeout of the CrossTrade SDK
 * @param crossTradeRequestTimeout request timeout of the CrossTrade SDK
 * @param crossTradeTransport REST (default) or WEBSOCKET
 * @param discordRestBaseUrl Discord REST base, e.g. {@code https://discord.com/api/v10/}
 * @param discordGatewayUrl Discord gateway, e.g. {@code wss://gateway.discord.gg/}
 */
public record BotConfig(
    List<Long> guildIds,
    RolePolicy policy,
    OptionalLong auditChannelId,
    Duration confirmationTimeout,
    URI crossTradeBaseUrl,
    Duration crossTradeConnectTimeout,
    Duration crossTradeRequestTimeout,
    TransportType crossTradeTransport,
    URI discordRestBaseUrl,
    URI discordGatewayUrl) {

  /** Discord's REST base URL. */
  public static final URI DISCORD_REST = URI.create("https://discord.com/api/v10/");
  /** Discord's gateway URL. */
  public static final URI DISCORD_GATEWAY = URI.create("wss://gateway.discord.gg/");

  /** @return a one-line summary for the start-up log (holds no secret) */
  public String summary() {
    return "guilds=" + guildIds + " grants=" + policy.grants() + " accounts=" + policy.allowedAccounts()
        + " audit_channel_id=" + (auditChannelId.isPresent() ? auditChannelId.getAsLong() : "none")
        + " confirmation_timeout=" + confirmationTimeout.toSeconds() + "s crosstrade=" + crossTradeBaseUrl
        + " transport=" + crossTradeTransport.name().toLowerCase(java.util.Locale.ROOT)
        + " discord_rest=" + discordRestBaseUrl + " discord_gateway=" + discordGatewayUrl;
  }
}
