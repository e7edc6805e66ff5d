package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.risk.Limit;
import org.crosstradediscord.bot.risk.Limits;
import org.crosstradediscord.bot.risk.SessionZone;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.TransportType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates the bot's YAML config (annotated example: {@code bot/config.example.yaml}). The first
 * missing or bad value stops loading with a {@link ConfigException} naming its key; unknown keys are errors
 * too, so a typo cannot silently drop a rule.
 *
 * <pre>
 * guild_ids: [ids]                         required
 * roles: {flatplace|reverse|close|flatten|flatten_everything|view|cancel: [role ids]}   missing = nobody
 * accounts: {allowed: [names], by_role: {role id: [names]}}                 allowed required
 * audit_channel_id: id                     optional
 * confirmation_timeout_seconds: 60         1..600
 * crosstrade: {base_url, connect_timeout_ms: 5000, request_timeout_ms: 20000, transport: rest|websocket,
 *              max_response_bytes: 1048576 (4096..67108864), allow_insecure_http: false, check_at_start: true}
 * discord: {rest_base_url, gateway_url}    default: Discord's
 * mode: paper|live                         required
 * limits: {default: entry, by_role: {role id: entry}}   absent = {default: {max_quantity: 10}}
 *   entry: {max_quantity: 1..1000000, order_types: [MARKET|LIMIT|STOPMARKET|STOPLIMIT], instruments: [roots],
 *           max_position: 1..1000000}        by_role fields absent = the default's
 * storage: {url: jdbc:sqlite:crosstrade-bot.db}   or jdbc:postgresql://HOST[:PORT]/DB (credentials from the environment; rules: StorageUrl)
 * limits.daily_loss: {account: 0.01..1e9}, limits.flatten_on_daily_loss: false, limits.session_start: "17:00",
 *   limits.session_zone: America/New_York (Area/Location or UTC; fixed offsets refused)
 * board: {channel_id, accounts: [names in accounts.allowed, 1..10], refresh_seconds: 5 (1..300)}   absent = off
 * logging: {format: text|json, file: PATH}  default text on stdout; file optional (relative = beside the config)
 * ops: {listen: 127.0.0.1:9464}             absent = no /healthz, /metrics; IP literal or localhost, port 0..65535
 * </pre>
 *
 * <p>Strictness (see {@code docs/config.md}): the file is composed by SnakeYAML into a node tree, never
 * constructed into Java values, so every scalar is read as written and its YAML 1.1 type only decides what is
 * refused. A key given twice in one mapping is an error naming the key and line. Ids are digits as written (no
 * sign, no leading zero, no {@code 0x}/{@code _}/octal forms); whole numbers are plain decimal; booleans are
 * {@code true}/{@code false}; account names and other text must not be YAML null ({@code ~}, {@code null}, empty)
 * or boolean ({@code yes}, {@code no}, {@code on}, {@code off}, {@code true}, {@code false}) unless quoted.
 */
public final class ConfigLoader {
  /** Environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_ENV = "CROSSTRADE_DISCORD_CONFIG";

  private static final Set<String> TOP = Set.of("guild_ids", "roles", "accounts", "audit_channel_id",
      "confirmation_timeout_seconds", "crosstrade", "discord", "mode", "limits", "storage", "board", "logging", "ops");
  private static final Set<String> LIMIT_KEYS = Set.of("max_quantity", "order_types", "instruments", "max_position");
  private static final Set<String> ORDER_TYPES = java.util.Arrays.stream(
      org.crosstradediscord.client.model.OrderType.values()).map(t -> t.getValue().toUpperCase(Locale.ROOT))
      .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  /** Largest {@code max_quantity} / {@code max_position} accepted. */
  static final long MAX_LIMIT = 1_000_000;
  /** The default {@code storage.url}: an SQLite file beside the config file. */
  public static final String DEFAULT_STORAGE_URL = "jdbc:sqlite:crosstrade-bot.db";
  private static final Set<String> CROSSTRADE = Set.of("base_url", "connect_timeout_ms", "request_timeout_ms", "check_at_start",
      "transport", "max_response_bytes", "allow_insecure_http");
  /** Tags of scalars whose written text is acceptable as a name or other text. */
  private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.TIMESTAMP);

  private ConfigLoader() {}

  /**
   * @param file path of the YAML file (UTF-8)
   * @return the validated config
   * @throws ConfigException the file is unreadable, not YAML, or a value is missing, duplicated or bad
   */
  public static BotConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir == null ? Path.of("").toAbsolutePath() : dir);
  }

  /**
   * Like {@link #parse(String, String, Path)} with relative SQLite paths resolved against the working directory.
   *
   * @param yaml the YAML text (one document)
   * @param source where it came from, for messages (e.g. the file path)
   * @return the validated config
   */
  public static BotConfig parse(String yaml, String source) {
    return parse(yaml, source, Path.of("").toAbsolutePath());
  }

  /**
   * @param yaml the YAML text (one document)
   * @param source where it came from, for messages (e.g. the file path)
   * @return the validated config
   * @throws ConfigException the text is not YAML, a key is given twice ({@code "<source> line N: duplicate key
   *     'accounts.allowed'"}), or a value is missing or bad (the message starts with the key path)
   * @param baseDir the directory a relative SQLite path in {@code storage.url} is resolved against (the config
   *     file's)
   */
  public static BotConfig parse(String yaml, String source, Path baseDir) {
    Node root = compose(yaml, source);
    if (root == null || isNull(root) || !(root instanceof MappingNode)) {
      throw new ConfigException(source + " must be a YAML mapping with at least guild_ids and accounts");
    }
    noDuplicateKeys(root, "", source, Collections.newSetFromMap(new IdentityHashMap<>()));
    Map<String, Node> top = mapping(root, "");
    onlyKeys(top, "", TOP);

    List<Long> guilds = snowflakes(top.get("guild_ids"), "guild_ids");
    if (guilds.isEmpty()) {
      throw new ConfigException("guild_ids: is required (the guild ids to register the slash commands in)");
    }

    Map<Permission, List<Long>> grants = new EnumMap<>(Permission.class);
    Node rolesNode = top.get("roles");
    if (present(rolesNode)) {
      Map<String, Node> roles = mapping(rolesNode, "roles");
      for (Map.Entry<String, Node> e : roles.entrySet()) {
        String key = e.getKey();
        Permission p = Permission.ofKey(key).orElseThrow(() -> new ConfigException("roles." + key
            + ": unknown permission (known: " + String.join(", ",
            java.util.Arrays.stream(Permission.values()).map(Permission::key).toList()) + ")"));
        grants.put(p, snowflakes(e.getValue(), "roles." + key));
      }
    }

    Node accountsNode = top.get("accounts");
    if (!present(accountsNode)) {
      throw new ConfigException("accounts.allowed: is required (the NT8 accounts the bot may trade)");
    }
    Map<String, Node> accounts = mapping(accountsNode, "accounts");
    onlyKeys(accounts, "accounts.", Set.of("allowed", "by_role"));
    List<String> allowed = names(accounts.get("allowed"), "accounts.allowed");
    if (allowed.isEmpty()) {
      throw new ConfigException("accounts.allowed: is required (the NT8 accounts the bot may trade)");
    }
    Map<Long, List<String>> byRole = new LinkedHashMap<>();
    Node byRoleNode = accounts.get("by_role");
    if (present(byRoleNode)) {
      if (!(byRoleNode instanceof MappingNode m)) {
        throw new ConfigException("accounts.by_role: must be a mapping");
      }
      for (NodeTuple t : m.getValue()) {
        String role = keyText(t.getKeyNode(), "accounts.by_role.");
        String key = "accounts.by_role." + role;
        long roleId = snowflake(t.getKeyNode(), key);
        List<String> list = names(t.getValueNode(), key);
        for (String a : list) {
          if (allowed.stream().noneMatch(a::equalsIgnoreCase)) {
            throw new ConfigException(key + ": account '" + a + "' is not in accounts.allowed");
          }
        }
        byRole.put(roleId, list);
      }
    }

    OptionalLong audit = OptionalLong.empty();
    Node auditNode = top.get("audit_channel_id");
    if (present(auditNode)) {
      audit = OptionalLong.of(snowflake(auditNode, "audit_channel_id"));
    }

    long timeout = integer(top.get("confirmation_timeout_seconds"), "confirmation_timeout_seconds", 60, 1, 600);

    Map<String, Node> ct = section(top, "crosstrade", CROSSTRADE);
    boolean allowInsecure = bool(ct.get("allow_insecure_http"), "crosstrade.allow_insecure_http", false);
    boolean checkAtStart = bool(ct.get("check_at_start"), "crosstrade.check_at_start", true);
    URI ctBase = url(ct.get("base_url"), "crosstrade.base_url", CrossTradeClient.PRODUCTION, Set.of("http", "https"));
    if ("http".equalsIgnoreCase(ctBase.getScheme()) && !allowInsecure && !CrossTradeClient.isLoopbackHost(ctBase.getHost())) {
      throw new ConfigException("crosstrade.base_url: plain http to a non-loopback host (" + BotConfig.origin(ctBase)
          + ") would send CROSSTRADE_TOKEN in clear; use https, or set crosstrade.allow_insecure_http: true on a"
          + " trusted network");
    }
    long connectMs = integer(ct.get("connect_timeout_ms"), "crosstrade.connect_timeout_ms", 5_000, 100, 60_000);
    long requestMs = integer(ct.get("request_timeout_ms"), "crosstrade.request_timeout_ms", 20_000, 100, 120_000);
    long maxBytes = integer(ct.get("max_response_bytes"), "crosstrade.max_response_bytes",
        CrossTradeClient.DEFAULT_MAX_RESPONSE_BYTES, CrossTradeClient.MIN_MAX_RESPONSE_BYTES,
        CrossTradeClient.MAX_MAX_RESPONSE_BYTES);
    TransportType transport = TransportType.REST;
    Node transportNode = ct.get("transport");
    if (present(transportNode)) {
      String t = text(transportNode, "crosstrade.transport");
      transport = switch (t.strip().toLowerCase(Locale.ROOT)) {
        case "rest" -> TransportType.REST;
        case "websocket" -> TransportType.WEBSOCKET;
        default -> throw new ConfigException("crosstrade.transport: '" + t + "' is not a transport (rest or websocket)");
      };
    }

    Map<String, Node> dc = section(top, "discord", Set.of("rest_base_url", "gateway_url"));
    URI rest = url(dc.get("rest_base_url"), "discord.rest_base_url", BotConfig.DISCORD_REST, Set.of("http", "https"));
    URI gateway = url(dc.get("gateway_url"), "discord.gateway_url", BotConfig.DISCORD_GATEWAY, Set.of("ws", "wss"));

    Limits limits = limits(top.get("limits"));
    org.crosstradediscord.bot.risk.DailyLoss dailyLoss = dailyLoss(top.get("limits"), allowed);
    org.crosstradediscord.bot.board.BoardConfig board = board(top.get("board"), allowed);
    TradingMode mode = mode(top.get("mode"));

    Map<String, Node> st = section(top, "storage", Set.of("url"));
    String storage = storageUrl(st.get("url"), baseDir);

    Map<String, Node> lg = section(top, "logging", Set.of("format", "file"));
    LoggingConfig logging = logging(lg, baseDir);
    Map<String, Node> ops = section(top, "ops", Set.of("listen"));
    java.util.Optional<java.net.InetSocketAddress> listen = present(ops.get("listen"))
        ? java.util.Optional.of(listen(text(ops.get("listen"), "ops.listen").strip(), "ops.listen"))
        : java.util.Optional.empty();

    return new BotConfig(List.copyOf(guilds), new RolePolicy(grants, allowed, byRole), audit,
        Duration.ofSeconds(timeout), ctBase, Duration.ofMillis(connectMs), Duration.ofMillis(requestMs), transport,
        maxBytes, allowInsecure, rest, gateway, limits, mode, storage, board, dailyLoss, logging, listen, checkAtStart);
  }

  /** {@code limits.daily_loss} and its options; absent = {@code DailyLoss.NONE}. */
  private static org.crosstradediscord.bot.risk.DailyLoss dailyLoss(Node node, List<String> allowed) {
    if (!present(node) || !(node instanceof MappingNode)) {
      return org.crosstradediscord.bot.risk.DailyLoss.NONE;
    }
    Map<String, Node> m = mapping(node, "limits");
    Map<String, Double> byAccount = new LinkedHashMap<>();
    Node dl = m.get("daily_loss");
    if (present(dl)) {
      if (!(dl instanceof MappingNode accounts)) {
        throw new ConfigException("limits.daily_loss: must be a mapping of account name to a loss limit (e.g. Sim101: 500)");
      }
      for (NodeTuple t : accounts.getValue()) {
        String account = keyText(t.getKeyNode(), "limits.daily_loss.");
        String key = "limits.daily_loss." + account;
        if (allowed.stream().noneMatch(account::equalsIgnoreCase)) {
          throw new ConfigException(key + ": account '" + oneLine(account) + "' is not in accounts.allowed");
        }
        String v = text(t.getValueNode(), key).strip();
        double limit;
        try {
          limit = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new ConfigException(key + ": '" + oneLine(v) + "' is not a number (the loss in the account's currency,"
              + " e.g. 500)");
        }
        if (!(limit >= 0.01 && limit <= 1e9) || !v.matches("[0-9]+(\\.[0-9]+)?")) {
          throw new ConfigException(key + ": " + oneLine(v) + " is out of range (0.01 to 1000000000, plain decimal)");
        }
        if (byAccount.keySet().stream().anyMatch(account::equalsIgnoreCase)) {
          throw new ConfigException(key + ": the account is listed twice (names match in any case)");
        }
        byAccount.put(account, limit);
      }
    }
    boolean flatten = bool(m.get("flatten_on_daily_loss"), "limits.flatten_on_daily_loss", false);
    java.time.LocalTime start = org.crosstradediscord.bot.risk.DailyLoss.NONE.sessionStart();
    if (present(m.get("session_start"))) {
      String v = text(m.get("session_start"), "limits.session_start").strip();
      if (!v.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
        throw new ConfigException("limits.session_start: '" + oneLine(v) + "' is not a time of day (HH:MM, e.g. \"17:00\")");
      }
      start = java.time.LocalTime.parse(v);
    }
    java.time.ZoneId zone = org.crosstradediscord.bot.risk.DailyLoss.NONE.zone();
    if (present(m.get("session_zone"))) {
      String v = text(m.get("session_zone"), "limits.session_zone").strip();
      try {
        zone = SessionZone.parse(v);
      } catch (java.time.DateTimeException e) {
        throw new ConfigException("limits.session_zone: '" + oneLine(v) + "' is not a time zone (e.g. America/New_York)");
      } catch (IllegalArgumentException e) {
        throw new ConfigException("limits.session_zone: " + oneLine(v) + " " + e.getMessage());
      }
    }
    if (flatten && byAccount.isEmpty()) {
      throw new ConfigException("limits.flatten_on_daily_loss: needs limits.daily_loss (which accounts, at what loss)");
    }
    return new org.crosstradediscord.bot.risk.DailyLoss(byAccount, flatten, start, zone);
  }

  /** {@code board}: absent = off. */
  private static org.crosstradediscord.bot.board.BoardConfig board(Node node, List<String> allowed) {
    if (!present(node)) {
      return null;
    }
    Map<String, Node> m = mapping(node, "board");
    onlyKeys(m, "board.", Set.of("channel_id", "accounts", "refresh_seconds"));
    if (!present(m.get("channel_id"))) {
      throw new ConfigException("board.channel_id: is required (the text channel of the board message)");
    }
    long channel = snowflake(m.get("channel_id"), "board.channel_id");
    List<String> accounts = names(m.get("accounts"), "board.accounts");
    if (accounts.isEmpty() || accounts.size() > org.crosstradediscord.bot.board.BoardConfig.MAX_ACCOUNTS) {
      throw new ConfigException("board.accounts: list 1 to " + org.crosstradediscord.bot.board.BoardConfig.MAX_ACCOUNTS
          + " accounts to show");
    }
    for (String a : accounts) {
      if (allowed.stream().noneMatch(a::equalsIgnoreCase)) {
        throw new ConfigException("board.accounts: account '" + oneLine(a) + "' is not in accounts.allowed");
      }
    }
    long refresh = integer(m.get("refresh_seconds"), "board.refresh_seconds", 5, 1, 300);
    return new org.crosstradediscord.bot.board.BoardConfig(channel, accounts, Duration.ofSeconds(refresh));
  }

  /**
   * {@code logging.format}: {@code text} (default) or {@code json}; {@code logging.file}: a file path (relative to
   * {@code baseDir}) whose directory exists and is writable; the file itself need not exist.
   */
  private static LoggingConfig logging(Map<String, Node> lg, Path baseDir) {
    LoggingConfig.Format format = LoggingConfig.Format.TEXT;
    if (present(lg.get("format"))) {
      String f = text(lg.get("format"), "logging.format");
      format = switch (f) {
        case "text" -> LoggingConfig.Format.TEXT;
        case "json" -> LoggingConfig.Format.JSON;
        default -> throw new ConfigException("logging.format: '" + oneLine(f) + "' is not a format (text or json)");
      };
    }
    java.util.Optional<Path> file = java.util.Optional.empty();
    if (present(lg.get("file"))) {
      String t = text(lg.get("file"), "logging.file").strip();
      if (t.isEmpty() || t.length() > 4096 || t.chars().anyMatch(Character::isISOControl)) {
        throw new ConfigException("logging.file: must be a file path (at most 4096 characters, no control characters)");
      }
      Path p;
      try {
        p = baseDir.resolve(t).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        throw new ConfigException("logging.file: '" + oneLine(t) + "' is not a valid file path");
      }
      Path dir = p.getParent();
      if (p.getFileName() == null || dir == null || !Files.isDirectory(dir)) {
        throw new ConfigException("logging.file: directory " + oneLine(String.valueOf(dir)) + " does not exist (create"
            + " it, writable by the bot's user)");
      }
      if (Files.isDirectory(p)) {
        throw new ConfigException("logging.file: " + oneLine(p.toString()) + " is a directory; name a file in it");
      }
      if (!Files.isWritable(dir)) {
        throw new ConfigException("logging.file: directory " + oneLine(dir.toString()) + " is not writable by this user");
      }
      file = java.util.Optional.of(p);
    }
    return new LoggingConfig(format, file);
  }

  /**
   * {@code HOST:PORT} where HOST is an IPv4 literal, {@code [IPv6]} or {@code localhost} (no name lookup at load)
   * and PORT 0..65535 (0: any free port, logged at start).
   */
  static java.net.InetSocketAddress listen(String text, String key) {
    String usage = " (HOST:PORT with an IP address or localhost, e.g. 127.0.0.1:9464)";
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConfigException(key + ": '" + oneLine(text) + "' is not HOST:PORT" + usage);
    }
    String host = text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (!port.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65535) {
      throw new ConfigException(key + ": port '" + oneLine(port) + "' must be 0..65535 in plain digits" + usage);
    }
    java.net.InetAddress address;
    try {
      if (host.equalsIgnoreCase("localhost")) {
        address = java.net.InetAddress.getLoopbackAddress();
      } else if (host.matches("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}")) {
        address = java.net.InetAddress.getByName(host); // a literal: no lookup
      } else if (host.startsWith("[") && host.endsWith("]") && host.length() > 2
          && host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+")) {
        address = java.net.InetAddress.getByName(host.substring(1, host.length() - 1));
      } else {
        throw new ConfigException(key + ": host '" + oneLine(host) + "' must be an IP address or localhost (no name"
            + " lookup)" + usage);
      }
    } catch (java.net.UnknownHostException e) {
      throw new ConfigException(key + ": host '" + oneLine(host) + "' is not a valid IP address" + usage);
    }
    return new java.net.InetSocketAddress(address, Integer.parseInt(port));
  }

  /** {@code mode}: required, {@code paper} or {@code live} exactly (lower case, plain or quoted text). */
  private static TradingMode mode(Node node) {
    if (!present(node)) {
      throw new ConfigException("mode: is required (paper: confirmed trades are only shown, never sent; live: they are"
          + " sent to CrossTrade)");
    }
    String m = text(node, "mode");
    return switch (m) {
      case "paper" -> TradingMode.PAPER;
      case "live" -> TradingMode.LIVE;
      default -> throw new ConfigException("mode: '" + oneLine(m) + "' is not a mode (paper or live)");
    };
  }

  /** {@code limits}: absent = {@link Limits#SAFE}; a {@code by_role} entry's absent field takes the default's. */
  private static Limits limits(Node node) {
    if (!present(node)) {
      return Limits.SAFE;
    }
    Map<String, Node> m = mapping(node, "limits");
    onlyKeys(m, "limits.", Set.of("default", "by_role", "daily_loss", "flatten_on_daily_loss", "session_start",
        "session_zone"));
    Limit dflt = limit(m.get("default"), "limits.default", Limits.SAFE.defaults());
    Map<Long, Limit> byRole = new LinkedHashMap<>();
    Node byRoleNode = m.get("by_role");
    if (present(byRoleNode)) {
      if (!(byRoleNode instanceof MappingNode roles)) {
        throw new ConfigException("limits.by_role: must be a mapping");
      }
      for (NodeTuple t : roles.getValue()) {
        String key = "limits.by_role." + keyText(t.getKeyNode(), "limits.by_role.");
        long roleId = snowflake(t.getKeyNode(), key);
        if (!present(t.getValueNode())) {
          throw new ConfigException(key + ": must be a mapping of limits (" + String.join(", ", new TreeSet<>(LIMIT_KEYS))
              + ")");
        }
        byRole.put(roleId, limit(t.getValueNode(), key, dflt));
      }
    }
    return new Limits(dflt, byRole);
  }

  private static Limit limit(Node node, String key, Limit inherit) {
    if (!present(node)) {
      return inherit;
    }
    Map<String, Node> m = mapping(node, key);
    onlyKeys(m, key + ".", LIMIT_KEYS);
    long maxQuantity = integer(m.get("max_quantity"), key + ".max_quantity", inherit.maxQuantity(), 1, MAX_LIMIT);
    Set<String> types = inherit.orderTypes();
    if (m.containsKey("order_types")) {
      types = words(m.get("order_types"), key + ".order_types");
      for (String t : types) {
        if (!ORDER_TYPES.contains(t)) {
          throw new ConfigException(key + ".order_types: '" + oneLine(t) + "' is not an order type (known: "
              + String.join(", ", ORDER_TYPES) + ")");
        }
      }
    }
    Set<String> roots = inherit.instruments();
    if (m.containsKey("instruments")) {
      roots = words(m.get("instruments"), key + ".instruments");
      for (String r : roots) {
        if (!r.matches("[A-Z0-9.$_-]{1,20}")) {
          throw new ConfigException(key + ".instruments: '" + oneLine(r) + "' is not a root symbol (e.g. MES; letters,"
              + " digits, '.', '-', '_', '$', at most 20)");
        }
      }
    }
    OptionalLong maxPosition = inherit.maxPosition();
    if (present(m.get("max_position"))) {
      maxPosition = OptionalLong.of(integer(m.get("max_position"), key + ".max_position", 0, 1, MAX_LIMIT));
    }
    return new Limit(maxQuantity, types, roots, maxPosition);
  }

  /** A list of words (order types, root symbols), upper-cased; empty or null = empty (any); duplicates refused. */
  private static Set<String> words(Node node, String key) {
    Set<String> out = new TreeSet<>();
    if (!present(node)) {
      return out;
    }
    if (!(node instanceof SequenceNode s)) {
      throw new ConfigException(key + ": must be a list");
    }
    for (int i = 0; i < s.getValue().size(); i++) {
      String at = key + "[" + i + "]";
      String w = text(s.getValue().get(i), at).strip().toUpperCase(Locale.ROOT);
      if (w.isEmpty()) {
        throw new ConfigException(at + ": must not be empty");
      }
      if (!out.add(w)) {
        throw new ConfigException(at + ": '" + oneLine(w) + "' is listed twice");
      }
    }
    return out;
  }

  /** Composes (parses without constructing Java values) exactly one YAML document. */
  private static Node compose(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(1 << 20);
    try {
      return new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ConfigException(source + " is not valid YAML: " + oneLine(e.getProblem() != null ? e.getProblem()
          : e.getContext()) + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ")"));
    } catch (YAMLException e) {
      throw new ConfigException(source + " is not valid YAML: " + oneLine(e.getMessage()));
    }
  }

  /** Walks the whole tree (aliases once) and refuses a mapping that names a key twice. */
  private static void noDuplicateKeys(Node node, String path, String source, Set<Node> seen) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof MappingNode m) {
      Set<String> keys = new java.util.HashSet<>();
      for (NodeTuple t : m.getValue()) {
        String key = keyText(t.getKeyNode(), path);
        if (!keys.add(key)) {
          throw new ConfigException(source + " line " + line(t.getKeyNode()) + ": duplicate key '" + path + key + "'");
        }
        noDuplicateKeys(t.getValueNode(), path + key + ".", source, seen);
      }
    } else if (node instanceof SequenceNode s) {
      String base = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
      List<Node> items = s.getValue();
      for (int i = 0; i < items.size(); i++) {
        noDuplicateKeys(items.get(i), base + "[" + i + "].", source, seen);
      }
    }
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static String keyText(Node key, String path) {
    if (!(key instanceof ScalarNode s)) {
      throw new ConfigException((path.isEmpty() ? "" : path) + "(line " + line(key) + "): a key must be plain text");
    }
    return s.getValue();
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static boolean present(Node node) {
    return node != null && !isNull(node);
  }

  private static Map<String, Node> mapping(Node node, String key) {
    if (!(node instanceof MappingNode m)) {
      throw new ConfigException(key + ": must be a mapping");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      out.put(keyText(t.getKeyNode(), key.isEmpty() ? "" : key + "."), t.getValueNode());
    }
    return out;
  }

  private static Map<String, Node> section(Map<String, Node> top, String key, Set<String> allowed) {
    Node node = top.get(key);
    if (!present(node)) {
      return Map.of();
    }
    Map<String, Node> m = mapping(node, key);
    onlyKeys(m, key + ".", allowed);
    return m;
  }

  private static void onlyKeys(Map<String, Node> node, String prefix, Set<String> allowed) {
    for (String k : node.keySet()) {
      if (!allowed.contains(k)) {
        throw new ConfigException(prefix + k + ": unknown key (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static List<Long> snowflakes(Node node, String key) {
    List<Long> out = new ArrayList<>();
    if (!present(node)) {
      return out;
    }
    if (!(node instanceof SequenceNode s)) {
      throw new ConfigException(key + ": must be a list of Discord ids");
    }
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(snowflake(s.getValue().get(i), key + "[" + i + "]"));
    }
    return out;
  }

  /**
   * A Discord id exactly as written: an integer literal or a string of digits, 1 to 19 digits, no leading zero
   * (YAML 1.1 reads {@code 010} as octal 8 — refused rather than changed), within a signed 64-bit value.
   */
  private static long snowflake(Node node, String key) {
    if (!(node instanceof ScalarNode s)) {
      throw new ConfigException(key + ": must be a Discord id (digits only)");
    }
    if (!Tag.INT.equals(s.getTag()) && !Tag.STR.equals(s.getTag())) {
      throw new ConfigException(key + ": '" + oneLine(s.getValue()) + "' is not a Discord id (digits only)");
    }
    String t = s.getValue().strip();
    if (!t.matches("[0-9]{1,20}")) {
      throw new ConfigException(key + ": '" + oneLine(t) + "' is not a Discord id (digits only)");
    }
    if (t.startsWith("0")) {
      throw new ConfigException(key + ": '" + t + "' is not a Discord id (" + (t.equals("0") ? "zero"
          : "leading zero: YAML 1.1 reads it as octal, so it is refused rather than changed") + ")");
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": '" + t + "' is not a Discord id (too large)");
    }
  }

  private static List<String> names(Node node, String key) {
    List<String> out = new ArrayList<>();
    if (!present(node)) {
      return out;
    }
    if (!(node instanceof SequenceNode s)) {
      throw new ConfigException(key + ": must be a list of account names");
    }
    for (int i = 0; i < s.getValue().size(); i++) {
      String at = key + "[" + i + "]";
      String name = text(s.getValue().get(i), at).strip();
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

  /**
   * Text as written: a quoted scalar, or a plain one that YAML reads as a string or number; never null
   * ({@code ~}, {@code null}, nothing) or a boolean ({@code yes}/{@code no}/{@code on}/{@code off}/{@code true}/
   * {@code false}), which would otherwise turn into the words "null" or "true".
   */
  private static String text(Node node, String key) {
    if (!(node instanceof ScalarNode s)) {
      throw new ConfigException(key + ": must be a single value, not a list or mapping");
    }
    if (Tag.NULL.equals(s.getTag())) {
      throw new ConfigException(key + ": is null ('" + s.getValue() + "'); write the value, or quote it if it is"
          + " really the text");
    }
    if (Tag.BOOL.equals(s.getTag())) {
      throw new ConfigException(key + ": '" + s.getValue() + "' is a YAML boolean, not text; quote it (\""
          + s.getValue() + "\") if it is really the text");
    }
    if (!TEXT_TAGS.contains(s.getTag())) {
      throw new ConfigException(key + ": tag " + s.getTag() + " is not allowed here (plain or quoted text only)");
    }
    return s.getValue();
  }

  /** A whole number written in plain decimal ({@code 0x10}, {@code 010}, {@code 1_000}, {@code "60"} refused). */
  private static long integer(Node node, String key, long dflt, long min, long max) {
    if (!present(node)) {
      return dflt;
    }
    String range = " between " + min + " and " + max;
    if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())
        || !s.getValue().matches("-?(0|[1-9][0-9]*)")) {
      String shown = node instanceof ScalarNode s ? " ('" + oneLine(s.getValue()) + "')" : "";
      throw new ConfigException(key + ": must be a whole number" + range + " in plain decimal digits" + shown);
    }
    BigInteger v = new BigInteger(s.getValue());
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new ConfigException(key + ": " + v + " is out of range (" + min + " to " + max + ")");
    }
    return v.longValueExact();
  }

  /** {@code true} or {@code false} (any case YAML 1.2 accepts); {@code yes}, {@code on}, quoted text refused. */
  private static boolean bool(Node node, String key, boolean dflt) {
    if (!present(node)) {
      return dflt;
    }
    if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
      switch (s.getValue()) {
        case "true", "True", "TRUE" -> {
          return true;
        }
        case "false", "False", "FALSE" -> {
          return false;
        }
        default -> { }
      }
    }
    String shown = node instanceof ScalarNode s ? " (got '" + oneLine(s.getValue()) + "')" : "";
    throw new ConfigException(key + ": must be true or false" + shown);
  }

  /**
   * An absolute URL with one of {@code schemes} and a host, without user info, query or fragment. A message
   * about a refused URL shows at most {@code scheme://host:port}, never credentials or a query.
   */
  private static URI url(Node node, String key, URI dflt, Set<String> schemes) {
    if (!present(node)) {
      return dflt;
    }
    String text = text(node, key).strip();
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key + ": " + (text.contains("@") || text.contains("?")
          ? "is not a URL (not shown: it may hold credentials)" : "'" + oneLine(text) + "' is not a URL"));
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
      throw new ConfigException(key + ": '" + oneLine(uri.toString()) + "' must be an absolute "
          + String.join("/", new TreeSet<>(schemes)) + " URL");
    }
    return uri;
  }

  /** {@code storage.url}, default {@link #DEFAULT_STORAGE_URL}; the rules are in {@link StorageUrl}. */
  private static String storageUrl(Node node, Path baseDir) {
    return StorageUrl.check(present(node) ? text(node, "storage.url").strip() : DEFAULT_STORAGE_URL, baseDir);
  }

  private static String oneLine(String text) {
    return SafeText.oneLine(text);
  }
}
