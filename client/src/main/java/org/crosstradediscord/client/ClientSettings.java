package org.crosstradediscord.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The settings a {@link CrossTradeClient.Builder} collects, with their defaults, and the rules {@link #validate()}
 * checks before a client is built: the token, the base URL (no credentials, http(s) only, plain http only to a
 * loopback host unless allowed), the response size limit, the timeouts and the User-Agent. Not thread-safe.
 */
final class ClientSettings {
  String token;
  URI baseUrl = CrossTradeClient.PRODUCTION;
  Duration connectTimeout = CrossTradeClient.DEFAULT_CONNECT_TIMEOUT;
  Duration requestTimeout = CrossTradeClient.DEFAULT_REQUEST_TIMEOUT;
  String userAgent = "crosstrade-discord-client/" + version() + " (Java " + Runtime.version().feature() + ")";
  TransportType transport = TransportType.REST;
  RateLimiter limiter;
  Duration pingInterval = CrossTradeClient.DEFAULT_PING_INTERVAL;
  long maxResponseBytes = CrossTradeClient.DEFAULT_MAX_RESPONSE_BYTES;
  boolean allowInsecureHttp;

  /**
   * Checks every setting and fills in the default rate limiter (a new {@link RateLimiter#crossTradeDefault()}).
   *
   * @throws IllegalArgumentException a setting is missing or invalid (the message names it, never the token)
   */
  void validate() {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required (the CrossTrade secret key)");
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("token must not contain whitespace or control characters");
    }
    String authority = baseUrl.getRawAuthority();
    if (baseUrl.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
      throw new IllegalArgumentException("baseUrl must not contain user info (credentials); the token is the only"
          + " credential");
    }
    String scheme = baseUrl.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got: " + baseUrl);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment, got: " + baseUrl);
    }
    if ("http".equalsIgnoreCase(scheme) && !allowInsecureHttp && !isLoopbackHost(baseUrl.getHost())) {
      throw new IllegalArgumentException("baseUrl uses plain http to a non-loopback host (" + baseUrl.getHost()
          + "): the token would travel in clear; use https, or allowInsecureHttp(true) on a trusted network");
    }
    long min = CrossTradeClient.MIN_MAX_RESPONSE_BYTES;
    long max = CrossTradeClient.MAX_MAX_RESPONSE_BYTES;
    if (maxResponseBytes < min || maxResponseBytes > max) {
      throw new IllegalArgumentException("maxResponseBytes must be between " + min + " and " + max + ", got "
          + maxResponseBytes);
    }
    positive("connectTimeout", connectTimeout);
    positive("pingInterval", pingInterval);
    if (limiter == null) {
      limiter = RateLimiter.crossTradeDefault();
    }
    positive("requestTimeout", requestTimeout);
    if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("userAgent must be non-blank printable text");
    }
  }

  /** @return the REST and WebSocket transports of a new client with these (validated) settings */
  Transports transports() {
    return new Transports(stripSlash(baseUrl.toString()), token, connectTimeout, requestTimeout, userAgent,
        pingInterval, maxResponseBytes);
  }

  /**
   * The rule behind {@link CrossTradeClient.Builder#allowInsecureHttp(boolean)}: loopback by its literal name only,
   * no DNS lookup.
   *
   * @param host a URI host, e.g. {@code 127.0.0.1}, {@code localhost}, {@code [::1]}
   * @return true for {@code localhost} and {@code *.localhost}, {@code 127.0.0.0/8}, {@code ::1}
   */
  static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static void positive(String name, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d.toMillis() + " ms");
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String version() {
    String v = CrossTradeClient.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
