package org.crosstradediscord.bot.config;

import java.util.Collection;

/** Puts text from outside (exception messages, config values) into a one-line message that holds no secret. */
public final class SafeText {
  /** Shortest value {@link #scrubbed} treats as a secret. */
  public static final int MIN_SECRET_LENGTH = 8;

  private SafeText() {}

  /**
   * @param text any text, possibly null or multi-line
   * @return the text on one line: each control character (CR, LF, tab, escape, …) and line/paragraph separator
   *     replaced by a space, stripped; {@code ""} for null
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
        ? ' ' : c));
    return b.toString().strip();
  }

  /**
   * @param text any text, possibly null or multi-line
   * @param secrets values that must not appear; null ones and ones shorter than {@value #MIN_SECRET_LENGTH}
   *     characters are ignored (no real token is that short, and replacing e.g. "a" would garble the text)
   * @return the text with every occurrence of each secret replaced by {@code [redacted]}, then put on
   *     {@link #oneLine(String) one line}
   */
  public static String scrubbed(String text, Collection<String> secrets) {
    String t = text == null ? "" : text;
    for (String secret : secrets) {
      if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
        t = t.replace(secret.strip(), "[redacted]");
      }
    }
    return oneLine(t);
  }
}
