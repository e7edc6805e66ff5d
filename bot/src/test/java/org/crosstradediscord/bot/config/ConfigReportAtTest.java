package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** {@code board.report_at}: when the session report is posted; absent = at each session end. */
class ConfigReportAtTest {
  private static final String BASE = "guild_ids: [1]\naccounts: {allowed: [Sim101, Sim102]}\nmode: paper\n";

  private static BotConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "config.yaml");
  }

  @Test
  void reportAt_isAbsentByDefault_andReadAsATimeOfDay_withOrWithoutSeconds() {
    assertThat(parse(BASE + "board: {channel_id: 42, accounts: [Sim101]}\n").board().reportAt()).isNull();
    assertThat(parse(BASE + "board: {channel_id: 42, accounts: [Sim101], report_at: \"16:15\"}\n").board().reportAt())
        .isEqualTo(LocalTime.of(16, 15));
    BotConfig c = parse(BASE + "board: {channel_id: 42, accounts: [Sim101], report_at: 09:30:05}\n");
    assertThat(c.board().reportAt()).isEqualTo(LocalTime.of(9, 30, 5));
    assertThat(c.summary()).contains("report_at=09:30:05");
  }

  @Test
  void aBadReportAt_namesTheKey() {
    for (String bad : new String[] {"\"24:00\"", "\"9:30\"", "\"16:15:60\"", "noon", "\"16.15\""}) {
      assertThatThrownBy(() -> parse(BASE + "board: {channel_id: 42, accounts: [Sim101], report_at: " + bad + "}\n"))
          .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("board.report_at: ")
          .hasMessageContaining("is not a time of day (HH:MM or HH:MM:SS");
    }
    assertThatThrownBy(() -> parse(BASE + "board: {channel_id: 42, accounts: [Sim101], report_at: true}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("board.report_at");
  }
}
