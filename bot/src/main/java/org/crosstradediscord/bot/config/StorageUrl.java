package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.store.StoreUrls;
import org.crosstradediscord.bot.text.SafeText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules for {@code storage.url}, checked when the config loads (docs/config.md, "Storage").
 *
 * <ul>
 *   <li>{@code jdbc:sqlite:PATH}: a file path (a relative one is resolved against the config's directory); no
 *       {@code :memory:}, no {@code file:} URI, no parameters.
 *   <li>{@code jdbc:postgresql://HOST[:PORT][,HOST[:PORT]…]/DATABASE[?NAME=VALUE&…]}: no credentials (no user info,
 *       no {@code user}/{@code password}: they come from STORAGE_USER / STORAGE_PASSWORD); only the parameters in
 *       {@link #POSTGRES_PARAMETERS}, each at most once and with a valid value; {@code connectTimeout},
 *       {@code loginTimeout} and {@code socketTimeout} are whole seconds from 1 to {@value #MAX_TIMEOUT_SECONDS}
 *       (PostgreSQL's 0 would wait forever); a host other than {@code localhost}, {@code 127.x.x.x} or {@code [::1]}
 *       needs {@code sslmode=require}, {@code verify-ca} or {@code verify-full} (the store holds interaction tokens).
 * </ul>
 *
 * <p>Every refusal is a {@link ConfigException} with one line that starts with {@code storage.url:}; it names a
 * refused parameter but never echoes a parameter's value.
 */
final class StorageUrl {
  /** URL prefix of an embedded SQLite file. */
  static final String SQLITE = "jdbc:sqlite:";
  /** URL prefix of PostgreSQL. */
  static final String POSTGRESQL = "jdbc:postgresql://";
  private static final String KEY = "storage.url";
  /** Longest accepted {@code connectTimeout}, {@code loginTimeout} and {@code socketTimeout}, in seconds. */
  static final int MAX_TIMEOUT_SECONDS = 300;
  private static final Set<String> STRONG_SSL = Set.of("require", "verify-ca", "verify-full");
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,4}");
  private static final Pattern SCHEMAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}(,[A-Za-z_][A-Za-z0-9_$]{0,62})*");
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /** The PostgreSQL parameters a {@code storage.url} may carry, with the rule each value must meet. */
  static final Map<String, Predicate<String>> POSTGRES_PARAMETERS = Map.of(
      "sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")::contains,
      "sslrootcert", StorageUrl::filePath,
      "sslcert", StorageUrl::filePath,
      "sslkey", StorageUrl::filePath,
      "connectTimeout", StorageUrl::seconds,
      "loginTimeout", StorageUrl::seconds,
      "socketTimeout", StorageUrl::seconds,
      "ApplicationName", v -> !v.isEmpty() && v.length() <= 63 && v.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f),
      "currentSchema", v -> SCHEMAS.matcher(v).matches(),
      "targetServerType", Set.of("any", "primary")::contains);

  private StorageUrl() {}

  /**
   * @param url the configured value, stripped
   * @param baseDir the directory a relative SQLite path is resolved against
   * @return the URL to open: an SQLite URL with an absolute, normalised path, or the PostgreSQL URL unchanged
   * @throws ConfigException the URL breaks a rule above (one line, starting {@code storage.url:})
   */
  static String check(String url, Path baseDir) {
    String shown = display(url);
    if (url.startsWith(SQLITE)) {
      return sqlite(url.substring(SQLITE.length()), shown, baseDir);
    }
    if (url.startsWith(POSTGRESQL)) {
      postgres(url.substring(POSTGRESQL.length()), shown);
      return url;
    }
    throw new ConfigException(KEY + ": '" + shown + "' is not supported (jdbc:sqlite:FILE or"
        + " jdbc:postgresql://HOST[:PORT]/DATABASE)");
  }

  /**
   * @param url a JDBC URL
   * @return it without query, parameters or user info, on one line (safe to log)
   */
  static String display(String url) {
    return StoreUrls.display(url);
  }

  private static String sqlite(String path, String shown, Path baseDir) {
    if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:") || path.contains("?")
        || path.chars().anyMatch(Character::isISOControl)) {
      throw new ConfigException(KEY + ": '" + shown + "' must name an SQLite file (jdbc:sqlite:PATH, no :memory:,"
          + " no file: URI or parameters)");
    }
    try {
      return SQLITE + baseDir.resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(KEY + ": '" + shown + "' is not a valid file path");
    }
  }

  private static void postgres(String rest, String shown) {
    int q = rest.indexOf('?');
    String base = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? null : rest.substring(q + 1);
    int slash = base.indexOf('/');
    String authority = slash < 0 ? base : base.substring(0, slash);
    if (authority.contains("@") || (query != null && hasCredential(query))) {
      throw new ConfigException(KEY + ": must not contain credentials — set STORAGE_USER and STORAGE_PASSWORD in"
          + " the environment; got a URL for " + shown);
    }
    if (authority.isEmpty() || slash < 0 || slash == base.length() - 1 || base.indexOf('/', slash + 1) >= 0) {
      throw new ConfigException(KEY + ": '" + shown + "' must be jdbc:postgresql://HOST[:PORT]/DATABASE");
    }
    boolean remote = false;
    for (String hostPort : authority.split(",", -1)) {
      String host = host(hostPort, shown);
      remote |= !loopback(host);
    }
    Map<String, String> params = query == null ? Map.of() : parameters(query);
    String sslmode = params.get("sslmode");
    if (remote && (sslmode == null || !STRONG_SSL.contains(sslmode))) {
      throw new ConfigException(KEY + ": " + shown + " is not on this host: add ?sslmode=require (or verify-ca or"
          + " verify-full) so the stored interaction tokens and the password never cross the network in clear");
    }
  }

  /** @return the host of {@code HOST[:PORT]} or {@code [IPV6][:PORT]} */
  private static String host(String hostPort, String shown) {
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      host = close < 0 ? "" : hostPort.substring(0, close + 1);
      port = close < 0 || close == hostPort.length() - 1 ? null
          : hostPort.charAt(close + 1) == ':' ? hostPort.substring(close + 2) : "x";
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty() || host.equals("[]") || (port != null && (!PORT.matcher(port).matches()
        || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535))) {
      throw new ConfigException(KEY + ": '" + shown + "' must be jdbc:postgresql://HOST[:PORT]/DATABASE"
          + " (port 1..65535)");
    }
    return host;
  }

  /** Loopback by its literal spelling only: no name is looked up while the config loads. */
  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || IPV4_LOOPBACK.matcher(h).matches();
  }

  private static boolean hasCredential(String query) {
    for (String token : query.split("&", -1)) {
      int eq = token.indexOf('=');
      String name = (eq < 0 ? token : token.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.equals("user") || name.equals("password")) {
        return true;
      }
    }
    return false;
  }

  /** Decodes and checks {@code NAME=VALUE&…} as the PostgreSQL driver reads it (values are URL-decoded). */
  private static Map<String, String> parameters(String query) {
    Map<String, String> out = new java.util.HashMap<>();
    Set<String> seen = new HashSet<>();
    for (String token : query.split("&", -1)) {
      int eq = token.indexOf('=');
      String name = eq < 0 ? token : token.substring(0, eq);
      if (name.isEmpty()) {
        throw new ConfigException(KEY + ": an empty parameter (check the '?' and '&' in the URL)");
      }
      String shownName = "'" + cut(SafeText.oneLine(name), 40) + "'";
      Predicate<String> rule = POSTGRES_PARAMETERS.get(name);
      if (rule == null) {
        throw new ConfigException(KEY + ": parameter " + shownName + " is not allowed (allowed: "
            + String.join(", ", new TreeSet<>(POSTGRES_PARAMETERS.keySet())) + "; see docs/config.md)");
      }
      if (!seen.add(name)) {
        throw new ConfigException(KEY + ": parameter " + shownName + " is given twice");
      }
      String value;
      try {
        value = eq < 0 ? "" : URLDecoder.decode(token.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(KEY + ": parameter " + shownName + " has a malformed %-escape");
      }
      if (!rule.test(value)) {
        throw new ConfigException(KEY + ": parameter " + shownName + " " + expected(name));
      }
      out.put(name, value);
    }
    return out;
  }

  private static String expected(String name) {
    return switch (name) {
      case "sslmode" -> "must be disable, allow, prefer, require, verify-ca or verify-full";
      case "connectTimeout", "loginTimeout", "socketTimeout" -> "must be whole seconds from 1 to "
          + MAX_TIMEOUT_SECONDS + " (0 would wait forever)";
      case "targetServerType" -> "must be any or primary (the bot writes)";
      case "currentSchema" -> "must be one or more schema names separated by commas";
      case "ApplicationName" -> "must be 1 to 63 printable ASCII characters";
      default -> "must be a file path";
    };
  }

  private static boolean seconds(String v) {
    return SECONDS.matcher(v).matches() && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= MAX_TIMEOUT_SECONDS;
  }

  private static boolean filePath(String v) {
    return !v.isEmpty() && v.length() <= 4096 && v.chars().noneMatch(Character::isISOControl);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
