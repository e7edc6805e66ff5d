package org.crosstradediscord.testing.hostile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the {@link HostileUpstream} read it off the wire (WebSocket upgrade requests included).
 *
 * @param method request method, e.g. {@code POST}
 * @param path request target without the query, e.g. {@code /v1/api/accounts/Sim101/orders/flatplace}
 * @param headers header names in lower case to their values, in arrival order
 * @param body the request body as UTF-8 text (empty when none)
 */
public record HttpRequestRecord(String method, String path, Map<String, List<String>> headers, String body) {
  /**
   * @param name header name, any case
   * @return the first value of that header
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** @return true for a WebSocket upgrade request ({@code Upgrade: websocket}) */
  public boolean isWebSocketUpgrade() {
    return header("Upgrade").map(u -> u.trim().equalsIgnoreCase("websocket")).orElse(false);
  }

  /** @return {@code METHOD path}, the key {@link Recording#requestCount(String, String)} counts by */
  public String key() {
    return method + " " + path;
  }
}
