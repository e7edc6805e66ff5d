package org.crosstradediscord.bot.text;

import java.util.Collection;

/**
 * Puts text from outside (exception messages, config values, upstream text) on one line that holds no secret: the one
 * sanitiser of the bot ({@link DiscordText} builds on it for Discord).
 */
public final class SafeText {
  /** Shortest value {@link #scrubbed} treats as a secret. */
  public static final int MIN_SECRET_LENGTH = 8;

  private SafeText() {}

  /**
   * The one rule for text from outside on one line (log lines, admin messages, and under {@link DiscordText} every
   * card): each run of control characters (CR, LF, tab, escape, …), line/paragraph separators and bidi controls
   * becomes one space.
   *
   * @param text any text, possibly null or multi-line
   * @return the text on one line, stripped; {@code ""} for null
   */
  public static String oneLine(String text) {
    return text == null ? "" : flatten(text).strip();
  }

  /**
   * @param text any text
   * @return {@link #oneLine} without stripping the ends
   */
  static String flatten(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (breaksLine(cp)) {
        if (!inRun) {
          b.append(' ');
        }
        inRun = true;
      } else {
        b.appendCodePoint(cp);
        inRun = false;
      }
    }
    return b.toString();
  }

  /**
   * @param cp a code point
   * @return true for what must never reach a single line: controls, line/paragraph separators, bidi overrides and
   *     isolates, directional marks
   */
  static boolean breaksLine(int cp) {
    return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
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
