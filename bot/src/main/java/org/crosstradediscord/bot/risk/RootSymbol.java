package org.crosstradediscord.bot.risk;

import java.util.Locale;

/** The root symbol of an NT8 instrument name: {@code MES 12-25} → {@code MES}. */
public final class RootSymbol {
  private RootSymbol() {}

  /**
   * @param instrument an instrument name, e.g. {@code MES 12-25}, {@code mes}, {@code  NQ 03-26 }
   * @return its first word, upper case ({@code MES}); empty for a blank name
   */
  public static String of(String instrument) {
    if (instrument == null) {
      return "";
    }
    String s = instrument.strip();
    int space = 0;
    while (space < s.length() && !Character.isWhitespace(s.charAt(space))) {
      space++;
    }
    return s.substring(0, space).toUpperCase(Locale.ROOT);
  }
}
