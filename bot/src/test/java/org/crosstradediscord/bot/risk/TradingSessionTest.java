package org.crosstradediscord.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sessions as instants across New York's daylight-saving changes of 2026 (March 8 and November 1). */
class TradingSessionTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static DailyLoss startingAt(String hhmm) {
    return new DailyLoss(Map.of("Sim101", 50.0), false, LocalTime.parse(hhmm), NEW_YORK);
  }

  @Test
  void fallBack_at0130_05h40zAnd06h15z_areOneSession_startingAtTheEarlierOffset() {
    DailyLoss d = startingAt("01:30");
    Instant edt = Instant.parse("2026-11-01T05:40:00Z"); // 01:40 EDT
    Instant est = Instant.parse("2026-11-01T06:15:00Z"); // 01:15 EST: the wall clock is before 01:30 again
    assertThat(d.sessionDay(est)).isEqualTo(d.sessionDay(edt)).isEqualTo(LocalDate.of(2026, 11, 2));
    TradingSession s = d.session(edt);
    assertThat(d.session(est)).isEqualTo(s);
    assertThat(s.start()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT, the first 01:30
    assertThat(s.end()).isEqualTo(Instant.parse("2026-11-02T06:30:00Z")); // 01:30 EST
    assertThat(d.session(Instant.parse("2026-11-01T06:35:00Z"))).as("the second 01:30 starts nothing").isEqualTo(s);
    assertThat(d.session(Instant.parse("2026-11-01T05:29:59Z")).day()).isEqualTo(LocalDate.of(2026, 11, 1));
  }

  @Test
  void springForward_a0230StartInTheGap_isMovedLater_andTheDayTurnsThereNotAtTheJump() {
    DailyLoss d = startingAt("02:30"); // 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:30 does not exist
    Instant afterJump = Instant.parse("2026-03-08T07:00:30Z"); // 03:00:30 EDT, past 02:30 on the wall clock
    assertThat(d.sessionDay(afterJump)).isEqualTo(LocalDate.of(2026, 3, 8));
    TradingSession next = d.session(Instant.parse("2026-03-08T07:31:00Z"));
    assertThat(next.start()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
    assertThat(next.day()).isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(d.session(afterJump).end()).isEqualTo(next.start());
  }

  @Test
  void everyInstantOf2026_isInExactlyOneSession_whoseDaysAreUniqueAndConsecutive() {
    for (String start : new String[] {"00:00", "01:30", "02:30", "17:00", "23:59"}) {
      DailyLoss d = startingAt(start);
      Set<LocalDate> days = new HashSet<>();
      TradingSession s = d.session(Instant.parse("2026-01-01T00:00:00Z"));
      while (s.start().isBefore(Instant.parse("2027-01-01T00:00:00Z"))) {
        assertThat(days.add(s.day())).as(start + " " + s).isTrue();
        assertThat(Duration.between(s.start(), s.end())).as(start + " " + s)
            .isBetween(Duration.ofHours(23), Duration.ofHours(25));
        for (Instant t = s.start(); t.isBefore(s.end()); t = t.plus(Duration.ofMinutes(15))) {
          assertThat(d.session(t)).as(start + " at " + t).isEqualTo(s);
        }
        TradingSession next = d.session(s.end());
        assertThat(next.start()).isEqualTo(s.end());
        assertThat(next.day()).isEqualTo(s.day().plusDays(1));
        s = next;
      }
      assertThat(days).hasSizeBetween(365, 366);
    }
  }

  @Test
  void utc_hasNoDaylightSaving_andIsAccepted_butAFixedOffsetIsNot() {
    DailyLoss utc = new DailyLoss(Map.of(), false, LocalTime.of(22, 0), ZoneId.of("UTC"));
    assertThat(utc.session(Instant.parse("2026-07-01T21:59:00Z")).start())
        .isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
    assertThat(SessionZone.accepted(ZoneId.of("Etc/UTC"))).isTrue();
    assertThat(SessionZone.accepted(ZoneId.of("Etc/GMT+5"))).isFalse();
    assertThat(SessionZone.accepted(ZoneId.of("-04:00"))).isFalse();
    assertThat(SessionZone.accepted(ZoneId.of("UTC+5"))).isFalse();
    assertThat(SessionZone.accepted(NEW_YORK)).isTrue();
  }
}
