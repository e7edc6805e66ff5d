package org.crosstradediscord.bot.text;

/**
 * Makes text the bot did not write (a member's option values and display name, the upstream's error messages,
 * warnings, order ids and instrument names) safe to place in a Discord message or embed: it shows as the literal
 * characters, never as markdown, a mention, a masked link or a second line.
 *
 * <p>Rules implemented (Discord markdown, <a href="https://support.discord.com/hc/en-us/articles/210298617">
 * support.discord.com/hc/en-us/articles/210298617</a>):
 * <ul>
 *   <li>{@link #escape} backslash-escapes {@code \ * _ ~ ` | [ ]} everywhere (bold, italics, underline,
 *       strike-through, code, spoilers {@code ||x||}, masked links {@code [text](url)}: a link needs both
 *       brackets unescaped, so {@code ( )} are left as they are), and the line-start markers {@code # > - + *}
 *       and {@code 1.} (headings, sub-text {@code -#}, quotes, lists) wherever they could start a line; escapes
 *       the {@code :} of {@code ://} so no URL turns into an automatic link; puts a zero-width space after the
 *       {@code @} of {@code @everyone} / {@code @here} and after the {@code <} of mention syntax {@code <@id>},
 *       {@code <@&id>}, {@code <#id>}, {@code </cmd:id>}, {@code <t:…>}, {@code <:emoji:id>} and {@code <url>}; turns
 *       each run of control characters, line and paragraph separators and bidi overrides into one space.</li>
 *   <li>{@link #inCode} is for text inside a code span or block, where a backslash is shown literally and
 *       nothing can be escaped: a backtick becomes {@code ˋ} (U+02CB, a look-alike), so the text can never close
 *       the span or block; control characters become spaces as above.</li>
 *   <li>{@link #oneLine} only makes the text one bounded line, for places where markdown is not rendered.</li>
 * </ul>
 *
 * <p>Each method bounds the input <em>before</em> escaping (by code points, with {@code …} when cut), so a cut
 * never splits an escape or a surrogate pair; the result of {@link #escape} can be up to about twice as long as
 * the bound. {@code null} becomes {@code ?}.
 *
 * <p>JDA's {@code MarkdownSanitizer.escape(text, true)} was checked (JDA 6.5) and is not enough on its own: it
 * leaves masked links, headings, list markers, backslashes and mentions as they are, so this class does the whole
 * job itself.
 *
 * <p>Second layer: every message the bot sends allows no mentions at all (allowed mentions, <a
 * href="https://discord.com/developers/docs/resources/message#allowed-mentions-object">discord.com/developers/docs/resources/message#allowed-mentions-object</a>),
 * set in {@code DiscordSession}; the zero-width spaces also keep a copy-pasted text from pinging.
 *
 * <p>Shapes: {@code escape("[Verify](https://evil.example) @everyone ||x||")} is
 * {@code \[Verify\](https\://evil.example) @\u200Beveryone \|\|x\|\|}; {@code escape("# big\n- item")} is
 * {@code \# big \- item}; {@code inCode("a```b")} is {@code aˋˋˋb}.
 */
public final class DiscordText {
  /** Zero-width space: breaks a mention or a markdown marker without changing what is shown. */
  public static final char ZWSP = '\u200B';
  /** Shown instead of a backtick inside code (MODIFIER LETTER GRAVE ACCENT). */
  public static final char BACKTICK_LOOKALIKE = '\u02CB';
  /** Default bound for one value (code points before escaping). */
  public static final int DEFAULT_MAX = 200;

  private static final String ALWAYS_ESCAPED = "\\*_~`|[]";
  private static final String LINE_START_MARKERS = "#>-+*";

  private DiscordText() {}

  /**
   * @param text text the bot did not write, or null
   * @return {@link #escape(String, int)} with {@link #DEFAULT_MAX}
   */
  public static String escape(String text) {
    return escape(text, DEFAULT_MAX);
  }

  /**
   * Escapes text for a place where Discord renders markdown (message content, embed titles, descriptions, field
   * values, footers).
   *
   * @param text text the bot did not write, or null
   * @param max most code points of {@code text} kept (cut with {@code …} before escaping)
   * @return one line that renders as the literal text, with no markdown, mention, masked link or automatic link
   */
  public static String escape(String text, int max) {
    String s = bound(flatten(text), max);
    StringBuilder b = new StringBuilder(s.length() + 16);
    boolean lineStart = true; // the value may be placed at the start of a line
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (ALWAYS_ESCAPED.indexOf(c) >= 0) {
        b.append('\\').append(c);
      } else if (lineStart && LINE_START_MARKERS.indexOf(c) >= 0) {
        b.append('\\').append(c);
      } else if (lineStart && Character.isDigit(c)) {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
          j++;
        }
        b.append(s, i, j);
        if (j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')')
            && (j + 1 == s.length() || s.charAt(j + 1) == ' ')) {
          b.append('\\').append(s.charAt(j)); // ordered list "1." / "1)"
          j++;
        }
        i = j - 1;
      } else if (c == ':' && s.startsWith("//", i + 1)) {
        b.append("\\:"); // https://x would become a link
      } else if (c == '@' && (startsWithIgnoreCase(s, i + 1, "everyone") || startsWithIgnoreCase(s, i + 1, "here"))) {
        b.append('@').append(ZWSP);
      } else if (c == '<') {
        b.append('<').append(ZWSP); // <@id> <@&id> <#id> </cmd:id> <t:…> <:e:id> <https://…>
      } else {
        b.append(c);
      }
      lineStart = lineStart && c == ' '; // markdown allows indented markers
    }
    return b.toString();
  }

  /**
   * For text inside a code span ({@code `…`}) or code block ({@code ```…```}): Discord shows everything there
   * literally except a backtick, which could end the span or block, so backticks become {@code ˋ} (U+02CB).
   * {@code @everyone}/{@code @here} and {@code <} also get a zero-width space after them (Discord does not parse
   * mentions in code, but a copy of the text taken out of the code stays harmless).
   *
   * @param text text the bot did not write, or null
   * @param max most code points kept (cut with {@code …})
   * @return one line with no backtick
   */
  public static String inCode(String text, int max) {
    String s = bound(flatten(text), max).replace('`', BACKTICK_LOOKALIKE);
    return neutraliseMentions(s);
  }

  /**
   * @param text text the bot did not write, or null
   * @return {@link #inCode(String, int)} with {@link #DEFAULT_MAX}
   */
  public static String inCode(String text) {
    return inCode(text, DEFAULT_MAX);
  }

  /**
   * @param text any text, or null
   * @param max most code points kept (cut with {@code …})
   * @return the text on one line: each run of control characters, line/paragraph separators and bidi overrides
   *     is one space; nothing else changes (no markdown escaping)
   */
  public static String oneLine(String text, int max) {
    return bound(flatten(text), max);
  }

  /**
   * @param text any text, or null
   * @return {@link #oneLine(String, int)} with {@link #DEFAULT_MAX}
   */
  public static String oneLine(String text) {
    return oneLine(text, DEFAULT_MAX);
  }

  /**
   * Cuts already-escaped text (e.g. a whole summary line) to at most {@code max} chars without leaving half an
   * escape: a cut never ends on an escaping backslash nor splits a surrogate pair.
   *
   * @param escaped output of {@link #escape} joined with the bot's own text
   * @param max most chars kept, including the {@code …}
   * @return the text, or a cut copy ending in {@code …}
   */
  public static String cutEscaped(String escaped, int max) {
    if (escaped.length() <= max) {
      return escaped;
    }
    int n = Math.max(0, max - 1);
    if (n > 0 && Character.isHighSurrogate(escaped.charAt(n - 1))) {
      n--;
    }
    int backslashes = 0;
    while (n - backslashes - 1 >= 0 && escaped.charAt(n - backslashes - 1) == '\\') {
      backslashes++;
    }
    if (backslashes % 2 == 1) {
      n--; // the last backslash escaped the char that is cut away
    }
    return escaped.substring(0, n) + "…";
  }

  /** @return true for characters that could start a new line, reorder the text or control a terminal */
  private static String flatten(String text) {
    return text == null ? "?" : SafeText.flatten(text);
  }

  private static String bound(String s, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static String neutraliseMentions(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c);
      if (c == '<' || c == '@' && (startsWithIgnoreCase(s, i + 1, "everyone") || startsWithIgnoreCase(s, i + 1, "here"))) {
        b.append(ZWSP);
      }
    }
    return b.toString();
  }

  private static boolean startsWithIgnoreCase(String s, int from, String word) {
    return s.regionMatches(true, from, word, 0, word.length());
  }
}
