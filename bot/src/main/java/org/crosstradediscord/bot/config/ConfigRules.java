package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.risk.TrailingDrawdown;
import org.crosstradediscord.bot.risk.Limits;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.TransportType;

/**
 * The rules Jackson's types cannot say, as plain code: required lists not empty, ranges, URLs, known words, and the
 * rules between keys (an account listed anywhere must be in {@code accounts.allowed}, {@code flatten_on_daily_loss}
 * needs {@code daily_loss}, …). Builds the {@link BotConfig} from the file as read ({@link ConfigFile}). Each refusal
 * is a {@link ConfigException} whose one line starts with the key path. Limits: {@link LimitRules}; sections with
 * files and sockets: {@link SectionRules}.
 */
final class ConfigRules {
  private ConfigRules() {}

  /**
   * @param key a required key's path
   * @return the refusal when it is absent or empty, e.g. {@code mode: is required (paper: …)}
   */
  static String required(String key) {
    return switch (key) {
      case "mode" -> "mode: is required (paper: confirmed trades are only shown, never sent; live: they are sent to"
          + " CrossTrade)";
      case "guild_ids" -> "guild_ids: is required (the guild ids to register the slash commands in)";
      case "accounts", "accounts.allowed" -> "accounts.allowed: is required (the NT8 accounts the bot may trade)";
      case "board.channel_id" -> "board.channel_id: is required (the text channel of the board message)";
      default -> key + ": is required";
    };
  }

  /**
   * @param f the file as read
   * @param baseDir the config file's directory (relative SQLite and log paths)
   * @return the validated config
   * @throws ConfigException the first rule broken
   */
  static BotConfig build(ConfigFile.Root f, Path baseDir) {
    List<Long> guilds = ids(f.guildIds());
    if (guilds.isEmpty()) {
      throw new ConfigException(required("guild_ids"));
    }
    List<String> allowed = f.accounts() == null ? List.of() : names(f.accounts().allowed(), "accounts.allowed");
    if (allowed.isEmpty()) {
      throw new ConfigException(required("accounts.allowed"));
    }
    RolePolicy policy = new RolePolicy(grants(f.roles()), allowed, accountsByRole(f.accounts(), allowed));
    long timeout = whole(f.confirmationTimeoutSeconds(), "confirmation_timeout_seconds", 60, 1, 600);
    CrossTradeConfig crossTrade = crossTrade(f.crosstrade());
    DiscordConfig discord = discord(f.discord());
    Limits limits = LimitRules.limits(f.limits());
    DailyLoss dailyLoss = LimitRules.dailyLoss(f.limits(), allowed);
    TrailingDrawdown trailingDrawdown = LimitRules.trailingDrawdown(f.limits(), allowed);
    BoardConfig board = SectionRules.board(f.board(), allowed);
    TradingMode mode = mode(f.mode());
    return new BotConfig(mode, guilds, policy, f.auditChannelId() == null ? OptionalLong.empty()
        : OptionalLong.of(f.auditChannelId().value()), Duration.ofSeconds(timeout), crossTrade, discord, limits,
        dailyLoss, trailingDrawdown, board, SectionRules.storage(f.storage(), baseDir), SectionRules.logging(f.logging(), baseDir),
        SectionRules.ops(f.ops()), AlertRules.alerts(f.alerts(), allowed),
        ApprovalRules.approvals(f.approvals()));
  }

  private static Map<Permission, List<Long>> grants(Map<String, List<DiscordId>> roles) {
    Map<Permission, List<Long>> grants = new EnumMap<>(Permission.class);
    if (roles != null) {
      roles.forEach((key, ids) -> grants.put(Permission.ofKey(key).orElseThrow(() -> new ConfigException("roles."
          + SafeText.oneLine(key) + ": unknown permission (known: " + String.join(", ",
          Arrays.stream(Permission.values()).map(Permission::key).toList()) + ")")), ids(ids)));
    }
    return grants;
  }

  private static Map<Long, List<String>> accountsByRole(ConfigFile.Accounts accounts, List<String> allowed) {
    Map<Long, List<String>> byRole = new LinkedHashMap<>();
    if (accounts.byRole() != null) {
      accounts.byRole().forEach((role, list) -> {
        String key = "accounts.by_role." + role.value();
        byRole.put(role.value(), inAllowed(names(list, key), allowed, key));
      });
    }
    return byRole;
  }

  private static TradingMode mode(String m) {
    if (m == null) {
      throw new ConfigException(required("mode"));
    }
    return switch (m) {
      case "paper" -> TradingMode.PAPER;
      case "live" -> TradingMode.LIVE;
      default -> throw new ConfigException("mode: '" + SafeText.oneLine(m) + "' is not a mode (paper or live)");
    };
  }

  private static CrossTradeConfig crossTrade(ConfigFile.CrossTrade ct) {
    CrossTradeConfig d = CrossTradeConfig.DEFAULT;
    if (ct == null) {
      return d;
    }
    boolean allowInsecure = ct.allowInsecureHttp() != null ? ct.allowInsecureHttp() : d.allowInsecureHttp();
    URI base = url(ct.baseUrl(), "crosstrade.base_url", d.baseUrl(), Set.of("http", "https"));
    if ("http".equalsIgnoreCase(base.getScheme()) && !allowInsecure && !CrossTradeClient.isLoopbackHost(base.getHost())) {
      throw new ConfigException("crosstrade.base_url: plain http to a non-loopback host (" + BotConfig.origin(base)
          + ") would send CROSSTRADE_TOKEN in clear; use https, or set crosstrade.allow_insecure_http: true on a"
          + " trusted network");
    }
    long connectMs = whole(ct.connectTimeoutMs(), "crosstrade.connect_timeout_ms", 5_000, 100, 60_000);
    long requestMs = whole(ct.requestTimeoutMs(), "crosstrade.request_timeout_ms", 20_000, 100, 120_000);
    long maxBytes = whole(ct.maxResponseBytes(), "crosstrade.max_response_bytes", d.maxResponseBytes(),
        CrossTradeClient.MIN_MAX_RESPONSE_BYTES, CrossTradeClient.MAX_MAX_RESPONSE_BYTES);
    TransportType transport = d.transport();
    if (ct.transport() != null) {
      transport = switch (ct.transport().strip().toLowerCase(Locale.ROOT)) {
        case "rest" -> TransportType.REST;
        case "websocket" -> TransportType.WEBSOCKET;
        default -> throw new ConfigException("crosstrade.transport: '" + SafeText.oneLine(ct.transport())
            + "' is not a transport (rest or websocket)");
      };
    }
    return new CrossTradeConfig(base, Duration.ofMillis(connectMs), Duration.ofMillis(requestMs), transport, maxBytes,
        allowInsecure, ct.checkAtStart() != null ? ct.checkAtStart() : d.checkAtStart());
  }

  private static DiscordConfig discord(ConfigFile.Discord dc) {
    DiscordConfig d = DiscordConfig.DEFAULT;
    return dc == null ? d : new DiscordConfig(
        url(dc.restBaseUrl(), "discord.rest_base_url", d.restBaseUrl(), Set.of("http", "https")),
        url(dc.gatewayUrl(), "discord.gateway_url", d.gatewayUrl(), Set.of("ws", "wss")));
  }

  /** @return the ids; null (absent) = none */
  static List<Long> ids(List<DiscordId> ids) {
    return ids == null ? List.of() : ids.stream().map(DiscordId::value).toList();
  }

  /** Account names: stripped, 1..100 characters, no control characters, none twice (any case); null = none. */
  static List<String> names(List<String> list, String key) {
    List<String> out = new ArrayList<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      String at = key + "[" + i + "]";
      if (list.get(i) == null) {
        throw new ConfigException(at + ": is null; write the value, or quote it if it is really the text");
      }
      String name = list.get(i).strip();
      if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
        throw new ConfigException(at + ": must be a non-empty account name (at most 100 characters, no control"
            + " characters)");
      }
      if (out.stream().anyMatch(name::equalsIgnoreCase)) {
        throw new ConfigException(at + ": '" + name + "' is listed twice");
      }
      out.add(name);
    }
    return out;
  }

  /** @return {@code names}, each in {@code allowed} (any case) */
  static List<String> inAllowed(List<String> names, List<String> allowed, String key) {
    for (String a : names) {
      if (allowed.stream().noneMatch(a::equalsIgnoreCase)) {
        throw new ConfigException(key + ": account '" + SafeText.oneLine(a) + "' is not in accounts.allowed");
      }
    }
    return names;
  }

  /** A whole number (already plain decimal: {@link YamlBinding}) in {@code min..max}; null = {@code dflt}. */
  static long whole(Long value, String key, long dflt, long min, long max) {
    if (value == null) {
      return dflt;
    }
    if (value < min || value > max) {
      throw new ConfigException(key + ": " + value + " is out of range (" + min + " to " + max + ")");
    }
    return value;
  }

  /**
   * An absolute URL with one of {@code schemes} and a host, without user info, query or fragment; null = {@code dflt}.
   * A message about a refused URL shows at most {@code scheme://host:port}, never credentials or a query.
   */
  static URI url(String value, String key, URI dflt, Set<String> schemes) {
    if (value == null) {
      return dflt;
    }
    String text = value.strip();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigException(key + ": " + (text.contains("@") || text.contains("?")
          ? "is not a URL (not shown: it may hold credentials)" : "'" + SafeText.oneLine(text) + "' is not a URL"));
    }
    String authority = uri.getRawAuthority();
    if (uri.getRawUserInfo() != null || authority != null && authority.contains("@")) {
      throw new ConfigException(key + ": must not contain user info (credentials) — the tokens come only from the"
          + " environment; got a URL for " + BotConfig.origin(uri));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(key + ": must not have a query or fragment; got a URL for " + BotConfig.origin(uri));
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      throw new ConfigException(key + ": '" + SafeText.oneLine(uri.toString()) + "' must be an absolute "
          + String.join("/", new TreeSet<>(schemes)) + " URL");
    }
    return uri;
  }
}
