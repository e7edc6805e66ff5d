package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.risk.TrailingDrawdown;
import org.crosstradediscord.bot.risk.Limits;

/**
 * Everything the bot needs except the secrets, validated ({@link ConfigLoader}; the YAML keys: {@link ConfigFile},
 * docs/config.md). Sections mirror the file's.
 *
 * @param mode paper (nothing is sent) or live ({@code mode})
 * @param guildIds guilds whose slash commands the bot registers ({@code guild_ids})
 * @param policy role grants and account allowlist ({@code roles}, {@code accounts})
 * @param auditChannelId text channel for audit lines ({@code audit_channel_id}), if configured
 * @param confirmationTimeout how long a review card's Confirm button stays valid ({@code
 *     confirmation_timeout_seconds}, 1..600 s, default 60 s)
 * @param crosstrade the CrossTrade API ({@code crosstrade})
 * @param discord Discord's URLs ({@code discord})
 * @param limits per-role order limits ({@code limits}; {@link Limits#SAFE} when absent)
 * @param dailyLoss the daily loss limits ({@code limits.daily_loss} …; {@link DailyLoss#NONE} when none)
 * @param trailingDrawdown the trailing-drawdown limits ({@code limits.trailing_drawdown} …; {@link
 *     TrailingDrawdown#NONE} when none)
 * @param board the desk board ({@code board}), or null when off
 * @param storage the durable store ({@code storage})
 * @param logging log format and optional file ({@code logging}; {@link LoggingConfig#DEFAULT} when absent)
 * @param ops the ops endpoint ({@code ops}; {@link OpsConfig#OFF} when absent)
 * @param alerts the alert desk ({@code alerts}), or null when off
 * @param approvals the two-person rule ({@code approvals}), or null when off
 */
public record BotConfig(
    TradingMode mode,
    List<Long> guildIds,
    RolePolicy policy,
    OptionalLong auditChannelId,
    Duration confirmationTimeout,
    CrossTradeConfig crosstrade,
    DiscordConfig discord,
    Limits limits,
    DailyLoss dailyLoss,
    TrailingDrawdown trailingDrawdown,
    BoardConfig board,
    StorageConfig storage,
    LoggingConfig logging,
    OpsConfig ops,
    AlertsConfig alerts,
    ApprovalsConfig approvals) {

  /** Checks for null (the board and the alert desk may be null: off) and copies the guild list. */
  public BotConfig {
    Objects.requireNonNull(mode, "mode");
    guildIds = List.copyOf(guildIds);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(auditChannelId, "auditChannelId");
    Objects.requireNonNull(confirmationTimeout, "confirmationTimeout");
    Objects.requireNonNull(crosstrade, "crosstrade");
    Objects.requireNonNull(discord, "discord");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(dailyLoss, "dailyLoss");
    Objects.requireNonNull(trailingDrawdown, "trailingDrawdown");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(ops, "ops");
  }

  /**
   * @param crossTrade another {@code crosstrade} section
   * @return this config with it
   */
  public BotConfig withCrossTrade(CrossTradeConfig crossTrade) {
    return new BotConfig(mode, guildIds, policy, auditChannelId, confirmationTimeout, crossTrade, discord, limits,
        dailyLoss, trailingDrawdown, board, storage, logging, ops, alerts, approvals);
  }

  /**
   * @param other another {@code storage} section
   * @return this config with it
   */
  public BotConfig withStorage(StorageConfig other) {
    return new BotConfig(mode, guildIds, policy, auditChannelId, confirmationTimeout, crosstrade, discord, limits,
        dailyLoss, trailingDrawdown, board, other, logging, ops, alerts, approvals);
  }

  /** @return a one-line summary for the start-up log and {@code --check-config} (no secret, no URL user info) */
  public String summary() {
    return "mode=" + mode.key() + " guilds=" + guildIds + " grants=" + policy.grants() + " accounts="
        + policy.allowedAccounts()
        + " audit_channel_id=" + (auditChannelId.isPresent() ? auditChannelId.getAsLong() : "none")
        + " confirmation_timeout=" + confirmationTimeout.toSeconds() + "s crosstrade=" + display(crosstrade.baseUrl())
        + " transport=" + crosstrade.transport().name().toLowerCase(java.util.Locale.ROOT)
        + " max_response_bytes=" + crosstrade.maxResponseBytes()
        + (crosstrade.allowInsecureHttp() ? " allow_insecure_http=true" : "")
        + " discord_rest=" + display(discord.restBaseUrl()) + " discord_gateway=" + display(discord.gatewayUrl())
        + " limits=" + limits.summary()
        + " daily_loss=" + dailyLoss.summary()
        + " trailing_drawdown=" + trailingDrawdown.summary()
        + " storage=" + storage.display()
        + " board=" + (board == null ? "off" : board.summary())
        + " logging=" + logging.summary()
        + " ops=" + ops.summary()
        + " alerts=" + (alerts == null ? "off" : alerts.summary())
        + " approvals=" + (approvals == null ? "off" : approvals.summary());
  }

  /**
   * @param address an IP address and port
   * @return {@code 127.0.0.1:9464} or {@code [::1]:9464}
   */
  public static String hostPort(InetSocketAddress address) {
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
