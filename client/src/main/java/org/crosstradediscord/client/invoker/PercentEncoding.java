package org.crosstradediscord.client.invoker;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one path segment or query name/value, without a regex or a second pass: the generated
 * {@code ApiClient.urlEncode} calls {@link #encode} (a build-time patch of the generator's {@code ApiClient.mustache},
 * see {@code client/pom.xml}). Hand-written, package-private, in the generated code's package only so that the
 * generated class can reach it.
 *
 * <p>The output is exactly what the generator's own code produced, {@code URLEncoder.encode(s, UTF_8)} with every
 * {@code +} then replaced by {@code %20}: {@code A-Z a-z 0-9 - . _ *} stay as they are; everything else is written as
 * {@code %XX} (upper-case hex) per byte of its UTF-8 form — a space as {@code %20} (never {@code +}), {@code +} as
 * {@code %2B}, {@code /} as {@code %2F}, {@code %} as {@code %25}, {@code ~} as {@code %7E}, a lone surrogate as
 * {@code %3F} (a {@code ?}, as the JDK's UTF-8 encoder replaces it). Every character that stays is RFC 3986
 * unreserved or, {@code *}, a sub-delimiter that is literal in a path segment and a query.
 */
final class PercentEncoding {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private PercentEncoding() {}

  /**
   * @param s the text of one path segment or query name/value
   * @return {@code s} percent-encoded as described on the class; {@code s} itself when nothing needs encoding
   * @throws NullPointerException {@code s} is null (as {@code URLEncoder.encode} throws)
   */
  static String encode(String s) {
    int n = s.length();
    int first = 0;
    while (first < n && keeps(s.charAt(first))) {
      first++;
    }
    if (first == n) {
      return s; // the usual case (an account name like Sim101): no copy at all
    }
    byte[] utf8 = s.substring(first).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[first + 3 * utf8.length];
    for (int i = 0; i < first; i++) {
      out[i] = (byte) s.charAt(i);
    }
    int o = first;
    for (byte b : utf8) {
      if (b >= 0 && keeps((char) b)) {
        out[o++] = b;
      } else {
        out[o++] = '%';
        out[o++] = HEX[(b >> 4) & 0xF];
        out[o++] = HEX[b & 0xF];
      }
    }
    return new String(out, 0, o, StandardCharsets.US_ASCII);
  }

  private static boolean keeps(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '*';
  }
}
