package org.crosstradediscord.bot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each markdown construct, mention syntax, backticks, control characters and the length bound. */
class DiscordTextTest {
  static final String Z = "\u200B";

  @Test
  void maskedLink_spoiler_andEveryone_renderLiterally() {
    assertThat(DiscordText.escape("[Verify your key](https://evil.example) @everyone ||x||"))
        .isEqualTo("\\[Verify your key\\](https\\://evil.example) @" + Z + "everyone \\|\\|x\\|\\|");
  }

  @Test
  void inlineMarkdown_isBackslashEscaped_includingTheBackslashItself() {
    assertThat(DiscordText.escape("**b** *i* __u__ ~~s~~ `c` a\\*b"))
        .isEqualTo("\\*\\*b\\*\\* \\*i\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\`c\\` a\\\\\\*b");
  }

  @Test
  void lineStartMarkers_areEscapedAtTheStart_butNotInTheMiddle() {
    assertThat(DiscordText.escape("# big")).isEqualTo("\\# big");
    assertThat(DiscordText.escape("-# small")).isEqualTo("\\-# small");
    assertThat(DiscordText.escape("> quote")).isEqualTo("\\> quote");
    assertThat(DiscordText.escape(">>> quote")).isEqualTo("\\>>> quote");
    assertThat(DiscordText.escape("- item")).isEqualTo("\\- item");
    assertThat(DiscordText.escape("+ item")).isEqualTo("\\+ item");
    assertThat(DiscordText.escape("  ## indented")).isEqualTo("  \\## indented");
    assertThat(DiscordText.escape("12. item")).isEqualTo("12\\. item");
    assertThat(DiscordText.escape("MES 12-25 #1 a > b")).isEqualTo("MES 12-25 #1 a > b");
    assertThat(DiscordText.escape("5500.25")).isEqualTo("5500.25");
  }

  @Test
  void newlines_cannotStartAHeadingOrQuoteLine_theyBecomeOneSpace() {
    assertThat(DiscordText.escape("ok\n# fake heading\r\n\r\n> quote")).isEqualTo("ok # fake heading > quote");
  }

  @Test
  void mentions_everyoneHere_users_roles_channels_andAutolinks_areNeutralised() {
    assertThat(DiscordText.escape("@everyone @HERE @here")).isEqualTo("@" + Z + "everyone @" + Z + "HERE @" + Z + "here");
    assertThat(DiscordText.escape("<@123> <@!123> <@&4> <#5> </flatten:6> <https://evil.example>"))
        .isEqualTo("<" + Z + "@123> <" + Z + "@!123> <" + Z + "@&4> <" + Z + "#5> <" + Z + "/flatten:6> <" + Z
            + "https\\://evil.example>");
    assertThat(DiscordText.escape("alice@example.com")).isEqualTo("alice@example.com");
  }

  @Test
  void controlCharacters_separators_andBidiOverrides_becomeOneSpace() {
    assertThat(DiscordText.escape("a\u0000\u001b[31mb\tc\u2028d\u2029e\u202Ef\u0085g"))
        .isEqualTo("a \\[31mb c d e f g");
    assertThat(DiscordText.oneLine("line1\nline2\r\nline3")).isEqualTo("line1 line2 line3");
  }

  @Test
  void length_isBoundedBeforeEscaping_soACutNeverSplitsAnEscape() {
    assertThat(DiscordText.escape("abcdef", 4)).isEqualTo("abc…");
    assertThat(DiscordText.escape("ab|||||", 4)).isEqualTo("ab\\|…");
    assertThat(DiscordText.escape("ab@everyone", 5)).isEqualTo("ab@e…");
    assertThat(DiscordText.escape("a".repeat(1000))).hasSize(DiscordText.DEFAULT_MAX);
    assertThat(DiscordText.escape("*".repeat(1000)).length()).isLessThanOrEqualTo(2 * DiscordText.DEFAULT_MAX);
    assertThat(DiscordText.oneLine("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2)).isEqualTo("\uD83D\uDE00…");
    assertThatThrownBy(() -> DiscordText.escape("x", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cutEscaped_neverEndsOnAnEscapingBackslash() {
    String escaped = DiscordText.escape("ab|cd");      // ab\|cd
    assertThat(DiscordText.cutEscaped(escaped, 4)).isEqualTo("ab…");
    assertThat(DiscordText.cutEscaped("a\\\\\\\\b", 4)).as("an escaped backslash stays whole").isEqualTo("a\\\\…");
    assertThat(DiscordText.cutEscaped("a\\\\b", 3)).isEqualTo("a…");
    assertThat(DiscordText.cutEscaped("short", 10)).isEqualTo("short");
  }

  @Test
  void inCode_replacesBackticks_soTheSpanOrBlockCannotBeClosed() {
    assertThat(DiscordText.inCode("ES```\n# x``` `y`")).isEqualTo("ESˋˋˋ # xˋˋˋ ˋyˋ").doesNotContain("`");
    assertThat(DiscordText.inCode("a\\*b [l](u)")).as("nothing else changes in code").isEqualTo("a\\*b [l](u)");
    assertThat(DiscordText.inCode("@everyone <@1>")).isEqualTo("@" + Z + "everyone <" + Z + "@1>");
    assertThat(DiscordText.inCode("abcdef", 4)).isEqualTo("abc…");
  }

  @Test
  void null_isAQuestionMark() {
    assertThat(DiscordText.escape(null)).isEqualTo("?");
    assertThat(DiscordText.inCode(null)).isEqualTo("?");
    assertThat(DiscordText.oneLine(null)).isEqualTo("?");
  }
}
