package org.crosstradediscord.bot.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crosstradediscord.bot.store.PnlSample;
import org.junit.jupiter.api.Test;

/** High, low and maximum drawdown from a running high, on realized + unrealized. */
class SessionStatsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T22:00:00Z");

  private static List<PnlSample> totals(Double... totals) {
    List<PnlSample> out = new ArrayList<>();
    for (int i = 0; i < totals.length; i++) {
      out.add(new PnlSample("Sim101", T0.plusSeconds(10L * i), totals[i] == null ? null : 0.0, totals[i]));
    }
    return out;
  }

  private static Instant at(int i) {
    return T0.plusSeconds(10L * i);
  }

  @Test
  void highLowAndTheDeepestFallFromARunningHigh() {
    SessionStats s = SessionStats.of(totals(0.0, 100.0, 40.0, 150.0, 20.0, 90.0, -10.0, 30.0));
    assertThat(s.count()).isEqualTo(8);
    assertThat(s.high()).isEqualTo(150.0);
    assertThat(s.highAt()).isEqualTo(at(3));
    assertThat(s.low()).isEqualTo(-10.0);
    assertThat(s.lowAt()).isEqualTo(at(6));
    assertThat(s.maxDrawdown()).as("150 → -10").isEqualTo(160.0);
    assertThat(s.drawdownFrom()).isEqualTo(at(3));
    assertThat(s.drawdownTo()).isEqualTo(at(6));
    assertThat(s.lastTotal()).isEqualTo(30.0);
    assertThat(s.empty()).isFalse();
  }

  @Test
  void aFallBeforeANewHigh_canBeTheDeepest() {
    SessionStats s = SessionStats.of(totals(50.0, -50.0, 60.0, 40.0));
    assertThat(s.maxDrawdown()).isEqualTo(100.0);
    assertThat(s.drawdownFrom()).isEqualTo(at(0));
    assertThat(s.drawdownTo()).isEqualTo(at(1));
  }

  @Test
  void onlyRising_hasNoDrawdown_andOneSampleIsItsOwnHighAndLow() {
    SessionStats rising = SessionStats.of(totals(-5.0, 1.0, 2.5));
    assertThat(rising.maxDrawdown()).isZero();
    assertThat(rising.drawdownFrom()).isNull();
    assertThat(rising.low()).isEqualTo(-5.0);
    SessionStats one = SessionStats.of(totals(-12.5));
    assertThat(one.high()).isEqualTo(-12.5);
    assertThat(one.low()).isEqualTo(-12.5);
    assertThat(one.maxDrawdown()).isZero();
  }

  @Test
  void unknownValuesAreLeftOut_andNoKnownTotalIsEmpty() {
    List<PnlSample> samples = new ArrayList<>(totals(10.0, null, 5.0));
    samples.add(new PnlSample("Sim101", at(3), Double.NaN, 1.0));
    samples.add(new PnlSample("Sim101", at(4), 3.0, null));
    SessionStats s = SessionStats.of(samples);
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.maxDrawdown()).isCloseTo(5.0, within(1e-9));
    assertThat(s.lastTotal()).isEqualTo(5.0);
    assertThat(SessionStats.of(List.of())).isEqualTo(SessionStats.EMPTY);
    assertThat(SessionStats.of(totals((Double) null)).empty()).isTrue();
  }

  @Test
  void theLastRealizedIsTheNewestKnownTotalsSample() {
    List<PnlSample> samples = List.of(new PnlSample("Sim101", at(0), 20.0, 5.0), new PnlSample("Sim101", at(1), 30.0,
        -4.0));
    SessionStats s = SessionStats.of(samples);
    assertThat(s.lastRealized()).isEqualTo(30.0);
    assertThat(s.lastTotal()).isEqualTo(26.0);
  }
}
