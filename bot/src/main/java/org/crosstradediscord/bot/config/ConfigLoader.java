package org.crosstradediscord.bot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.TransportType;

/**
 * Reads and validates the bot's YAML config (annotated example: {@code bot/config.example.yaml}). The first
 * missing or bad value stops loading with a {@link ConfigException} naming its key; unknown keys are errors
 * too, so a typo cannot silently drop a rule.
 *
 * <pre>
 * guild_ids: [ids]                         required
 * roles: {flatplace|reverse|close|flatten|flatten_everything: [role ids]}   missing = nobody
 * accounts: {allowed: [names], by_role: {role id: [names]}}                 allowed required
 * audit_channel_id: id                     optional
 * confirmation_timeout_seconds: 60         1..600
 * crosstrade: {base_url, connect_timeout_ms: 5000, request_timeout_ms: 20000, transport: rest|websocket}
 * discord: {rest_base_url, gateway_url}    default: Discord's
 * </pre>
 */
public final class ConfigLoader {
  /** Environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_ENV = "CROSSTRADE_DISCORD_CONFIG";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP = Set.of("guild_ids", "roles", "accounts", "audit_channel_id",
      "confirmation_timeout_seconds", "crosstrade", "discord");

  private ConfigLoader() {}

  /**
   * @param file path of the YAML file
   * @return the validated config
   * @throws ConfigException the file is unreadable or a value is missing or bad
   */
  public static BotConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    return parse(text, file.toString());
  }

  /**
   * @param yaml the YAML text
   * @param source where it came from, for messages
   * @return the validated config
   * @throws ConfigException a value is missing or bad
   */
  public static BotConfig parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source + " must be a YAML mapping with at least guild_ids and accounts");
    }
    onlyKeys(root, "", TOP);

    List<Long> guilds = snowflakes(root.get("guild_ids"), "guild_ids");
    if (guilds.isEmpty()) {
      throw new ConfigException("guild_ids: is required (the guild ids to register the slash commands in)");
    }

    Map<Permission, List<Long>> grants = new EnumMap<>(Permission.class);
    JsonNode roles = root.get("roles");
    if (roles != null && !roles.isNull()) {
      objectAt(roles, "roles");
      for (Iterator<String> it = roles.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        Permission p = Permission.ofKey(key).orElseThrow(() -> new ConfigException("roles." + key
            + ": unknown permission (known: flatplace, reverse, close, flatten, flatten_everything)"));
        grants.put(p, snowflakes(roles.get(key), "roles." + key));
      }
    }

    JsonNode accounts = root.get("accounts");
    if (accounts == null || accounts.isNull()) {
      throw new ConfigException("accounts.allowed: is required (the NT8 accounts the bot may trade)");
    }
    objectAt(accounts, "accounts");
    onlyKeys(accounts, "accounts.", Set.of("allowed", "by_role"));
    List<String> allowed = names(accounts.get("allowed"), "accounts.allowed");
    if (allowed.isEmpty()) {
      throw new ConfigException("accounts.allowed: is required (the NT8 accounts the bot may trade)");
    }
    Map<Long, List<String>> byRole = new LinkedHashMap<>();
    JsonNode byRoleNode = accounts.get("by_role");
    if (byRoleNode != null && !byRoleNode.isNull()) {
      objectAt(byRoleNode, "accounts.by_role");
      for (Iterator<String> it = byRoleNode.fieldNames(); it.hasNext(); ) {
        String role = it.next();
        String key = "accounts.by_role." + role;
        long roleId = snowflake(role, key);
        List<String> list = names(byRoleNode.get(role), key);
        for (String a : list) {
          if (allowed.stream().noneMatch(a::equalsIgnoreCase)) {
            throw new ConfigException(key + ": account '" + a + "' is not in accounts.allowed");
          }
        }
        byRole.put(roleId, list);
      }
    }

    OptionalLong audit = OptionalLong.empty();
    JsonNode auditNode = root.get("audit_channel_id");
    if (auditNode != null && !auditNode.isNull()) {
      audit = OptionalLong.of(snowflake(auditNode.asText(), "audit_channel_id"));
    }

    long timeout = integer(root.get("confirmation_timeout_seconds"), "confirmation_timeout_seconds", 60, 1, 600);

    JsonNode ct = section(root, "crosstrade", Set.of("base_url", "connect_timeout_ms", "request_timeout_ms", "transport"));
    URI ctBase = url(ct.get("base_url"), "crosstrade.base_url", CrossTradeClient.PRODUCTION, Set.of("http", "https"));
    long connectMs = integer(ct.get("connect_timeout_ms"), "crosstrade.connect_timeout_ms", 5_000, 100, 60_000);
    long requestMs = integer(ct.get("request_timeout_ms"), "crosstrade.request_timeout_ms", 20_000, 100, 120_000);
    TransportType transport = TransportType.REST;
    JsonNode transportNode = ct.get("transport");
    if (transportNode != null && !transportNode.isNull()) {
      transport = switch (transportNode.asText().strip().toLowerCase(java.util.Locale.ROOT)) {
        case "rest" -> TransportType.REST;
        case "websocket" -> TransportType.WEBSOCKET;
        default -> throw new ConfigException("crosstrade.transport: '" + transportNode.asText()
            + "' is not a transport (rest or websocket)");
      };
    }

    JsonNode dc = section(root, "discord", Set.of("rest_base_url", "gateway_url"));
    URI rest = url(dc.get("rest_base_url"), "discord.rest_base_url", BotConfig.DISCORD_REST, Set.of("http", "https"));
    URI gateway = url(dc.get("gateway_url"), "discord.gateway_url", BotConfig.DISCORD_GATEWAY, Set.of("ws", "wss"));

    return new BotConfig(List.copyOf(guilds), new RolePolicy(grants, allowed, byRole), audit,
        Duration.ofSeconds(timeout), ctBase, Duration.ofMillis(connectMs), Duration.ofMillis(requestMs), transport,
        rest, gateway);
  }

  private static JsonNode section(JsonNode root, String key, Set<String> allowed) {
    JsonNode node = root.get(key);
    if (node == null || node.isNull()) {
      return YAML.createObjectNode();
    }
    objectAt(node, key);
    onlyKeys(node, key + ".", allowed);
    return node;
  }

  private static void objectAt(JsonNode node, String key) {
    if (!node.isObject()) {
      throw new ConfigException(key + ": must be a mapping");
    }
  }

  private static void onlyKeys(JsonNode node, String prefix, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new ConfigException(prefix + k + ": unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static List<Long> snowflakes(JsonNode node, String key) {
    List<Long> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException(key + ": must be a list of Discord ids");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(snowflake(node.get(i).asText(), key + "[" + i + "]"));
    }
    return out;
  }

  private static long snowflake(String text, String key) {
    String t = text == null ? "" : text.strip();
    if (!t.matches("[0-9]{1,20}")) {
      throw new ConfigException(key + ": '" + t + "' is not a Discord id (digits only)");
    }
    try {
      long v = Long.parseLong(t);
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": '" + t + "' is not a Discord id (too large or zero)");
    }
  }

  private static List<String> names(JsonNode node, String key) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException(key + ": must be a list of account names");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i);
      String name = n.isValueNode() ? n.asText().strip() : "";
      if (name.isEmpty() || name.length() > 100) {
        throw new ConfigException(key + "[" + i + "]: must be a non-empty account name (at most 100 characters)");
      }
      if (out.stream().anyMatch(name::equalsIgnoreCase)) {
        throw new ConfigException(key + "[" + i + "]: '" + name + "' is listed twice");
      }
      out.add(name);
    }
    return out;
  }

  private static long integer(JsonNode node, String key, long dflt, long min, long max) {
    if (node == null || node.isNull()) {
      return dflt;
    }
    if (!node.isIntegralNumber()) {
      throw new ConfigException(key + ": must be a whole number between " + min + " and " + max);
    }
    long v = node.asLong();
    if (v < min || v > max) {
      throw new ConfigException(key + ": " + v + " is out of range (" + min + " to " + max + ")");
    }
    return v;
  }

  private static URI url(JsonNode node, String key, URI dflt, Set<String> schemes) {
    if (node == null || node.isNull()) {
      return dflt;
    }
    URI uri;
    try {
      uri = new URI(node.asText().strip());
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key + ": '" + node.asText() + "' is not a URL");
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
        || uri.getHost() == null) {
      throw new ConfigException(key + ": '" + uri + "' must be an absolute " + String.join("/", new java.util.TreeSet<>(schemes)) + " URL");
    }
    return uri;
  }
}
