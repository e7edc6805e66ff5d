package org.crosstradediscord.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Map;

/**
 * The config file exactly as written: one record per YAML mapping, bound by Jackson ({@link YamlBinding}). Keys are
 * the components' names in snake_case ({@code guildIds} = {@code guild_ids}); a key not listed is an error; an
 * absent key or a null value ({@code ~}, nothing) is null here and takes its default in {@link ConfigRules}. Scalars
 * keep their written text ({@code 010} as an account name is "010"); whole numbers are plain decimal; ids are
 * {@link DiscordId}s. Nothing here is validated beyond its type: {@link ConfigRules} checks ranges, URLs and the
 * rules between keys, and builds the {@link BotConfig}.
 */
final class ConfigFile {
  private ConfigFile() {}

  /**
   * The top level. A missing required key is reported in this order.
   *
   * @param guildIds guilds to register the slash commands in (required, at least one)
   * @param roles grant ({@code flatplace}, …, {@code halt}) to role ids; absent grant = nobody
   * @param accounts the account allowlist and per-role account lists
   * @param mode {@code paper} or {@code live} (required: checked with the other rules, after the sections)
   * @param auditChannelId text channel of the audit lines; absent = none
   * @param confirmationTimeoutSeconds seconds a Confirm button stays valid (1..600, default 60)
   */
  record Root(
      @JsonProperty(required = true) List<DiscordId> guildIds,
      Map<String, List<DiscordId>> roles,
      @JsonProperty(required = true) Accounts accounts,
      String mode,
      DiscordId auditChannelId,
      Long confirmationTimeoutSeconds,
      CrossTrade crosstrade,
      Discord discord,
      Limits limits,
      Storage storage,
      Board board,
      Logging logging,
      Ops ops,
      Alerts alerts,
      Approvals approvals) {}

  /**
   * {@code accounts}.
   *
   * @param allowed the NT8 accounts the bot may trade (required, at least one)
   * @param byRole role id to the accounts its members may trade (each in {@code allowed})
   */
  record Accounts(List<String> allowed, Map<DiscordId, List<String>> byRole) {}

  /**
   * {@code crosstrade}: the CrossTrade API; absent keys take the defaults in {@link CrossTradeConfig}.
   *
   * @param baseUrl API root URL
   * @param connectTimeoutMs connect timeout, ms
   * @param requestTimeoutMs request timeout, ms
   * @param transport {@code rest} or {@code websocket}, any case
   * @param maxResponseBytes largest response body read, bytes
   * @param allowInsecureHttp allow plain http to a non-loopback host
   * @param checkAtStart read the accounts once at start
   */
  record CrossTrade(String baseUrl, Long connectTimeoutMs, Long requestTimeoutMs, String transport,
      Long maxResponseBytes, Boolean allowInsecureHttp, Boolean checkAtStart) {}

  /**
   * {@code discord}: where Discord is; absent = Discord's own URLs.
   *
   * @param restBaseUrl REST base URL
   * @param gatewayUrl gateway URL
   */
  record Discord(String restBaseUrl, String gatewayUrl) {}

  /**
   * {@code limits}: order limits, and the daily loss limits with their session.
   *
   * @param defaults {@code default}: every member's limit
   * @param byRole role id to its limit (absent fields take the default's); a null entry is refused
   * @param dailyLoss account to loss limit, as written (plain decimal)
   * @param flattenOnDailyLoss also flatten the account on a breach (needs {@code daily_loss})
   * @param sessionStart {@code "HH:MM"} the session begins
   * @param sessionZone IANA region of {@code session_start}
   * @param trailingDrawdown account to trailing-drawdown limit, as written (plain decimal)
   * @param flattenOnTrailingDrawdown also flatten the account on a breach (needs {@code trailing_drawdown})
   */
  record Limits(
      @JsonProperty("default") Limit defaults,
      Map<DiscordId, Limit> byRole,
      @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> dailyLoss,
      Boolean flattenOnDailyLoss,
      String sessionStart,
      String sessionZone,
      @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> trailingDrawdown,
      Boolean flattenOnTrailingDrawdown) {}

  /**
   * One limit entry ({@code limits.default} or a {@code limits.by_role} entry); absent = inherited.
   *
   * @param maxQuantity most contracts per order
   * @param orderTypes allowed order types; {@code []} or null = any
   * @param instruments allowed root symbols; {@code []} or null = any
   * @param maxPosition largest absolute position an order may lead to
   */
  record Limit(
      Long maxQuantity,
      @JsonSetter(nulls = Nulls.AS_EMPTY) List<String> orderTypes,
      @JsonSetter(nulls = Nulls.AS_EMPTY) List<String> instruments,
      Long maxPosition) {}

  /** @param url {@code storage.url}, a JDBC URL */
  record Storage(String url) {}

  /**
   * {@code board}: the desk board; absent = off.
   *
   * @param channelId the board's text channel (required)
   * @param accounts accounts shown, in order
   * @param refreshSeconds seconds between edits
   * @param reportAt {@code "HH:MM"} or {@code "HH:MM:SS"} the session report is posted (local time in
   *     {@code limits.session_zone}); absent = at each session end
   */
  record Board(@JsonProperty(required = true) DiscordId channelId, List<String> accounts, Long refreshSeconds,
      String reportAt) {}

  /**
   * {@code logging}.
   *
   * @param format {@code text} or {@code json}
   * @param file also log to this file
   */
  record Logging(String format, String file) {}

  /** @param listen {@code ops.listen}: {@code HOST:PORT} of {@code /healthz} and {@code /metrics} */
  record Ops(String listen) {}

  /**
   * {@code alerts}: the alert desk; absent = off.
   *
   * @param listen {@code HOST:PORT} of the alert listener (required)
   * @param maxBodyBytes the largest alert body read, bytes
   * @param sources source name to its settings
   */
  record Alerts(String listen, Long maxBodyBytes, @JsonSetter(contentNulls = Nulls.FAIL) Map<String, AlertSource> sources) {}

  /**
   * One {@code alerts.sources} entry.
   *
   * @param secretEnv environment variable holding its alert key (required)
   * @param channelId where its cards go (required)
   * @param accounts accounts its alerts may trade (required)
   * @param approvers roles that may approve its cards (required)
   * @param ttlSeconds seconds a card waits for approval
   * @param maxPerMinute alerts per 60 s
   * @param dedupeSeconds window in which the same alert is a duplicate
   */
  record AlertSource(String secretEnv, DiscordId channelId, List<String> accounts, List<DiscordId> approvers,
      Long ttlSeconds, Long maxPerMinute, Long dedupeSeconds) {}

  /**
   * {@code approvals}: the two-person rule; absent = off.
   *
   * @param channelId where requests go (required)
   * @param approvers roles that may give the second approval (required)
   * @param aboveQuantity risk-increasing orders above this many contracts need a second person
   * @param forActions {@code for}: actions that always need one
   * @param ttlSeconds seconds a request waits
   */
  record Approvals(DiscordId channelId, List<DiscordId> approvers, Long aboveQuantity,
      @JsonProperty("for") List<String> forActions, Long ttlSeconds) {}
}
