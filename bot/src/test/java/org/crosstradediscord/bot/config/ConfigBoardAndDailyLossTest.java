package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.junit.jupiter.api.Test;

/** {@code board} and {@code limits.daily_loss} …: typed, bounded, accounts from the allowlist; the session boundary. */
class ConfigBoardAndDailyLossTest {
  private static final String BASE = "guild_ids: [1]\naccounts: {allowed: [Sim101, Sim102]}\nmode: paper\n";

  private static BotConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "config.yaml");
  }

  private static void refused(String yaml, String... parts) {
    var thrown = assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOf(ConfigException.class);
    for (String part : parts) {
      thrown.hasMessageContaining(part);
    }
  }

  @Test
  void board_isOffWhenAbsent_andReadWithDefaults() {
    assertThat(parse(BASE).board()).isNull();
    var b = parse(BASE + "board: {channel_id: 42, accounts: [Sim102, Sim101]}\n").board();
    assertThat(b.channelId()).isEqualTo(42);
    assertThat(b.accounts()).containsExactly("Sim102", "Sim101");
    assertThat(b.refresh()).isEqualTo(Duration.ofSeconds(5));
    assertThat(parse(BASE + "board: {channel_id: 42, accounts: [Sim101], refresh_seconds: 1}\n").board().refresh())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(parse(BASE + "board: {channel_id: 42, accounts: [Sim101]}\n").summary()).contains("board=channel=42");
  }

  @Test
  void board_badValues_nameTheKey() {
    refused(BASE + "board: {accounts: [Sim101]}\n", "board.channel_id: is required");
    refused(BASE + "board: {channel_id: 42}\n", "board.accounts: list 1 to 10");
    refused(BASE + "board: {channel_id: 42, accounts: [Live-X]}\n", "board.accounts: account 'Live-X' is not in accounts.allowed");
    refused(BASE + "board: {channel_id: 42, accounts: [Sim101], refresh_seconds: 0}\n", "board.refresh_seconds");
    refused(BASE + "board: {channel_id: 42, accounts: [Sim101], refresh_seconds: 301}\n", "board.refresh_seconds");
    refused(BASE + "board: {channel_id: 42, accounts: [Sim101], colour: red}\n", "board.colour: unknown key");
    refused(BASE + "board: {channel_id: -4, accounts: [Sim101]}\n", "board.channel_id");
  }

  @Test
  void dailyLoss_isReadPerAccount_withTheCmeSessionByDefault() {
    DailyLoss none = parse(BASE).dailyLoss();
    assertThat(none.byAccount()).isEmpty();
    DailyLoss d = parse(BASE + "limits:\n  daily_loss: {Sim101: 500, sim102: 250.5}\n  flatten_on_daily_loss: true\n")
        .dailyLoss();
    assertThat(d.limitFor("SIM101")).isEqualTo(500.0);
    assertThat(d.limitFor("Sim102")).isEqualTo(250.5);
    assertThat(d.limitFor("Sim103")).isNull();
    assertThat(d.flattenOnBreach()).isTrue();
    assertThat(d.sessionStart()).isEqualTo(LocalTime.of(17, 0));
    assertThat(d.zone()).isEqualTo(ZoneId.of("America/New_York"));
    DailyLoss custom = parse(BASE + "limits:\n  daily_loss: {Sim101: 1}\n  session_start: \"18:30\"\n"
        + "  session_zone: Europe/London\n").dailyLoss();
    assertThat(custom.sessionStart()).isEqualTo(LocalTime.of(18, 30));
    assertThat(custom.zone()).isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  void dailyLoss_badValues_nameTheKey() {
    refused(BASE + "limits: {daily_loss: {Live-X: 5}}\n", "limits.daily_loss.Live-X: account 'Live-X' is not in accounts.allowed");
    refused(BASE + "limits: {daily_loss: {Sim101: 0}}\n", "limits.daily_loss.Sim101: 0 is out of range");
    refused(BASE + "limits: {daily_loss: {Sim101: -5}}\n", "limits.daily_loss.Sim101");
    refused(BASE + "limits: {daily_loss: {Sim101: 1e3}}\n", "limits.daily_loss.Sim101");
    refused(BASE + "limits: {daily_loss: {Sim101: lots}}\n", "limits.daily_loss.Sim101: 'lots' is not a number");
    refused(BASE + "limits: {daily_loss: [Sim101]}\n", "limits.daily_loss: must be a mapping");
    refused(BASE + "limits: {flatten_on_daily_loss: true}\n", "limits.flatten_on_daily_loss: needs limits.daily_loss");
    refused(BASE + "limits: {daily_loss: {Sim101: 5}, session_start: \"25:00\"}\n", "limits.session_start");
    refused(BASE + "limits: {daily_loss: {Sim101: 5}, session_zone: Mars/Olympus}\n", "limits.session_zone");
  }

  @Test
  void aFixedOffsetSessionZone_isRefused_namingTheRegionForm_andUtcIsAccepted() {
    for (String fixed : List.of("EST", "MST", "UTC+5", "\"+05:00\"", "GMT-4", "Etc/GMT+5", "GMT", "Z", "CET",
        "EST5EDT")) {
      assertThatThrownBy(() -> parse(BASE + "limits: {daily_loss: {Sim101: 5}, session_zone: " + fixed + "}\n"))
          .as(fixed).isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("limits.session_zone: " + fixed.replace("\"", "")
              + " is a fixed offset or an abbreviation;")
          .hasMessageContaining("use a region such as America/New_York").hasMessageNotContaining("\n");
    }
    for (String region : List.of("UTC", "Etc/UTC", "America/Chicago", "Asia/Tokyo")) {
      assertThat(parse(BASE + "limits: {daily_loss: {Sim101: 5}, session_zone: " + region + "}\n").dailyLoss().zone())
          .isEqualTo(ZoneId.of(region));
    }
  }

  @Test
  void theSessionDay_turnsAt17NewYork_acrossDaylightSaving() {
    DailyLoss d = DailyLoss.NONE;
    // 16:59 New York on Monday 2026-03-09 (EDT, UTC-4) is Monday's session; 17:00 starts Tuesday's.
    assertThat(d.sessionDay(Instant.parse("2026-03-09T20:59:00Z"))).isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(d.sessionDay(Instant.parse("2026-03-09T21:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 10));
    // In winter (EST, UTC-5) the same boundary is 22:00 UTC.
    assertThat(d.sessionDay(Instant.parse("2026-12-02T21:59:00Z"))).isEqualTo(LocalDate.of(2026, 12, 2));
    assertThat(d.sessionDay(Instant.parse("2026-12-02T22:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(List.of(d.sessionStart(), d.zone().getId())).containsExactly(LocalTime.of(17, 0), "America/New_York");
  }
}
