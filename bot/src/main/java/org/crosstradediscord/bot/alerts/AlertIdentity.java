package org.crosstradediscord.bot.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An alert's identity for "at most once": SHA-256 (hex, 64 characters) of the source name and the normalised fields
 * without the {@code key} — names lower case and sorted, values trimmed with runs of spaces collapsed, the values of
 * {@code command, action, order_type, tif, flatten_first, require_market_position} in lower case. The same alert
 * sent twice (a TradingView retry, two replicas behind one proxy) has the same identity whatever its field order,
 * line breaks or spacing; the store keeps one row per identity within the source's {@code dedupe_seconds}.
 */
public final class AlertIdentity {
  private static final Set<String> CASE_FREE = Set.of("command", "action", "order_type", "tif", "flatten_first",
      "require_market_position");

  private AlertIdentity() {}

  /**
   * @param source the source's name (the URL's {@code /alerts/{source}})
   * @param fields the alert's fields without {@code key} ({@link AlertSyntax#read})
   * @return 64 lower-case hex digits
   */
  public static String of(String source, Map<String, String> fields) {
    StringBuilder canonical = new StringBuilder(source).append('\n');
    new TreeMap<>(fields).forEach((name, value) -> {
      if (!name.equals("key")) {
        String v = value.strip().replaceAll("\\s+", " ");
        canonical.append(name).append('=').append(CASE_FREE.contains(name) ? v.toLowerCase(Locale.ROOT) : v)
            .append(";\n");
      }
    });
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every Java SE has it
    }
  }
}
