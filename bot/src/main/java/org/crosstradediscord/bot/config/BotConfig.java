package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.risk.Limits;
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
 * @param crossTradeMaxResponseBytes largest response body or message the SDK reads (4 KiB..64 MiB, default 1 MiB)
 * @param crossTradeAllowInsecureHttp whether plain {@code http://} to a non-loopback CrossTrade host is allowed
 * @param discordRestBaseUrl Discord REST base, e.g. {@code https://discord.com/api/v10/}
 * @param discordGatewayUrl Discord gateway, e.g. {@code wss://gateway.discord.gg/}
 * @param limits per-role order limits ({@code limits}; {@link Limits#SAFE} when absent)
 * @param mode paper (nothing is sent) or live
 * @param storageUrl JDBC URL of the durable store ({@code jdbc:sqlite:} with an absolute path, or
 *     {@code jdbc:postgresql://}); never holds credentials
 * @param board the desk board ({@code board}), or null when off
 * @param dailyLoss the daily loss limits ({@code limits.daily_loss} …), {@link org.crosstradediscord.bot.risk.DailyLoss#NONE}
 *     when none
 * @param logging log format and optional file ({@code logging}; {@link LoggingConfig#DEFAULT} when absent)
 * @param opsListen where {@code GET /healthz} and {@code GET /metrics} are served ({@code ops.listen}, an IP
 *     address and port; port 0 = any free port); empty = no ops endpoint
 * @param crossTradeCheckAtStart read the accounts once at start ({@code crosstrade.check_at_start}, default true): a
 *     refused token or an unreachable CrossTrade stops start-up with one line
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
    long crossTradeMaxResponseBytes,
    boolean crossTradeAllowInsecureHttp,
    URI discordRestBaseUrl,
    URI discordGatewayUrl,
    Limits limits,
    TradingMode mode,
    String storageUrl,
    org.crosstradediscord.bot.board.BoardConfig board,
    org.crosstradediscord.bot.risk.DailyLoss dailyLoss,
    LoggingConfig logging,
    java.util.Optional<java.net.InetSocketAddress> opsListen,
    boolean crossTradeCheckAtStart) {

  /** Checks for null in the operations settings and the daily loss limits (the board may be null: off). */
  public BotConfig {
    java.util.Objects.requireNonNull(logging, "logging");
    java.util.Objects.requireNonNull(opsListen, "opsListen");
    java.util.Objects.requireNonNull(dailyLoss, "dailyLoss");
  }

  /**
   * The config without the board, daily loss limits and operations settings (text log on stdout, no ops endpoint), and
   * without the start-up read of CrossTrade.
   *
   * @see #BotConfig(List, RolePolicy, OptionalLong, Duration, URI, Duration, Duration, TransportType, long, boolean,
   *     URI, URI, Limits, TradingMode, String, org.crosstradediscord.bot.board.BoardConfig,
   *     org.crosstradediscord.bot.risk.DailyLoss, LoggingConfig, java.util.Optional, boolean)
   */
  public BotConfig(List<Long> guildIds, RolePolicy policy, OptionalLong auditChannelId, Duration confirmationTimeout,
      URI crossTradeBaseUrl, Duration crossTradeConnectTimeout, Duration crossTradeRequestTimeout,
      TransportType crossTradeTransport, long crossTradeMaxResponseBytes, boolean crossTradeAllowInsecureHttp,
      URI discordRestBaseUrl, URI discordGatewayUrl, Limits limits, TradingMode mode, String storageUrl) {
    this(guildIds, policy, auditChannelId, confirmationTimeout, crossTradeBaseUrl, crossTradeConnectTimeout,
        crossTradeRequestTimeout, crossTradeTransport, crossTradeMaxResponseBytes, crossTradeAllowInsecureHttp,
        discordRestBaseUrl, discordGatewayUrl, limits, mode, storageUrl, null,
        org.crosstradediscord.bot.risk.DailyLoss.NONE, LoggingConfig.DEFAULT, java.util.Optional.empty(), false);
  }

  /** Discord's REST base URL. */
  public static final URI DISCORD_REST = URI.create("https://discord.com/api/v10/");
  /** Discord's gateway URL. */
  public static final URI DISCORD_GATEWAY = URI.create("wss://gateway.discord.gg/");

  /** @return a one-line summary for the start-up log and {@code --check-config} (no secret, no URL user info) */
  public String summary() {
    return "mode=" + mode.key() + " guilds=" + guildIds + " grants=" + policy.grants() + " accounts=" + policy.allowedAccounts()
        + " audit_channel_id=" + (auditChannelId.isPresent() ? auditChannelId.getAsLong() : "none")
        + " confirmation_timeout=" + confirmationTimeout.toSeconds() + "s crosstrade=" + display(crossTradeBaseUrl)
        + " transport=" + crossTradeTransport.name().toLowerCase(java.util.Locale.ROOT)
        + " max_response_bytes=" + crossTradeMaxResponseBytes
        + (crossTradeAllowInsecureHttp ? " allow_insecure_http=true" : "")
        + " discord_rest=" + display(discordRestBaseUrl) + " discord_gateway=" + display(discordGatewayUrl)
        + " limits=" + limits.summary()
        + " daily_loss=" + dailyLoss.summary()
        + " storage=" + org.crosstradediscord.bot.store.JdbcStore.display(storageUrl)
        + " board=" + (board == null ? "off" : board.summary())
        + " logging=" + logging.summary()
        + " ops=" + opsListen.map(BotConfig::hostPort).orElse("off");
  }

  /**
   * @param address an IP address and port
   * @return {@code 127.0.0.1:9464} or {@code [::1]:9464}
   */
  public static String hostPort(java.net.InetSocketAddress address) {
    String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /**
   * @param url any URL
   * @return {@code scheme://host[:port]/path} — the URL without user info, query or fragment, on one line (safe
   *     to log even if the URL came from outside with credentials in it)
   */
  public static String display(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return origin(url) + SafeText.oneLine(path);
  }

  /**
   * @param url any URL
   * @return {@code scheme://host[:port]} only (the port as written, if any); a URL whose host Java cannot parse
   *     shows the authority after its last {@code @}
   */
  public static String origin(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme() + "://";
    String host = url.getHost();
    String hostPort;
    if (host != null) {
      hostPort = host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    } else {
      String authority = url.getRawAuthority() == null ? "" : url.getRawAuthority();
      hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    }
    return SafeText.oneLine(scheme + hostPort);
  }
}
