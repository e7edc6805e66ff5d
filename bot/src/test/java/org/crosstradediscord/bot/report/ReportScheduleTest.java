package org.crosstradediscord.bot.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.crosstradediscord.bot.risk.TradingSession;
import org.junit.jupiter.api.Test;

/** When reports are due and what they cover, on the CME day (17:00 New York). */
class ReportScheduleTest {
  private static final ZoneId NY = ZoneId.of("America/New_York");
  private static final LocalTime FIVE_PM = LocalTime.of(17, 0);

  @Test
  void withoutReportAt_theReportIsDueAtTheSessionEnd_andCoversThatSession() {
    ReportSchedule s = new ReportSchedule(FIVE_PM, NY, null);
    Instant noon = Instant.parse("2026-12-02T17:00:00Z"); // 12:00 New York, Wednesday
    ReportSchedule.Due due = s.next(noon);
    assertThat(due.at()).isEqualTo(Instant.parse("2026-12-02T22:00:00Z"));
    assertThat(due.session().day()).isEqualTo(LocalDate.of(2026, 12, 2));
    assertThat(due.until()).isEqualTo(due.session().end());
    ReportSchedule.Due after = s.next(due.at());
    assertThat(after.at()).isEqualTo(Instant.parse("2026-12-03T22:00:00Z"));
    assertThat(after.session().day()).isEqualTo(LocalDate.of(2026, 12, 3));
  }

  @Test
  void reportAtTheSessionStart_isTheSameAsWithout() {
    Instant t = Instant.parse("2026-12-02T17:00:00Z");
    assertThat(new ReportSchedule(FIVE_PM, NY, FIVE_PM).next(t)).isEqualTo(new ReportSchedule(FIVE_PM, NY, null)
        .next(t));
  }

  @Test
  void withReportAt_theReportIsDueThenEveryDay_andCoversTheSessionInProgressUpToThen() {
    ReportSchedule s = new ReportSchedule(FIVE_PM, NY, LocalTime.of(16, 15));
    ReportSchedule.Due due = s.next(Instant.parse("2026-12-02T17:00:00Z"));
    assertThat(due.at()).isEqualTo(Instant.parse("2026-12-02T21:15:00Z"));
    assertThat(due.session().day()).isEqualTo(LocalDate.of(2026, 12, 2));
    assertThat(due.until()).isEqualTo(due.at());
    assertThat(s.next(due.at()).at()).isEqualTo(Instant.parse("2026-12-03T21:15:00Z"));
    assertThat(s.next(Instant.parse("2026-12-02T21:15:00.001Z")).session().day()).isEqualTo(LocalDate.of(2026, 12,
        3));
  }

  @Test
  void secondsAreKept_forATestShortenedSession() {
    ReportSchedule s = new ReportSchedule(FIVE_PM, ZoneId.of("UTC"), LocalTime.of(10, 0, 7));
    assertThat(s.next(Instant.parse("2026-12-02T10:00:00Z")).at()).isEqualTo(Instant.parse("2026-12-02T10:00:07Z"));
  }

  @Test
  void aDaysSession_endsOnThatDay_alsoAcrossTheDaylightSavingChange() {
    ReportSchedule s = new ReportSchedule(FIVE_PM, NY, null);
    TradingSession fallBack = s.ofDay(LocalDate.of(2026, 11, 1)); // clocks go back on Sunday 1 November at 02:00
    assertThat(fallBack.day()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(fallBack.start()).isEqualTo(Instant.parse("2026-10-31T21:00:00Z")); // Saturday 17:00 EDT
    assertThat(fallBack.end()).isEqualTo(Instant.parse("2026-11-01T22:00:00Z")); // Sunday 17:00 EST
    assertThat(Duration.between(fallBack.start(), fallBack.end())).isEqualTo(Duration.ofHours(25));
    TradingSession next = s.ofDay(LocalDate.of(2026, 11, 2));
    assertThat(next.start()).isEqualTo(fallBack.end());
    assertThat(Duration.between(next.start(), next.end())).isEqualTo(Duration.ofHours(24));
    assertThat(s.current(Instant.parse("2026-12-02T21:59:59Z")).day()).isEqualTo(LocalDate.of(2026, 12, 2));
  }
}
