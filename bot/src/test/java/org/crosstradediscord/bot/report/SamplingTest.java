package org.crosstradediscord.bot.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One sample at once, then one per interval from the last one taken. */
class SamplingTest {
  @Test
  void dueAtFirst_thenEveryIntervalFromTheLastSampleTaken() {
    Sampling s = new Sampling(Sampling.EVERY);
    Instant t0 = Instant.parse("2026-12-02T15:00:00Z");
    assertThat(s.due(t0)).isTrue();
    s.taken(t0);
    assertThat(s.due(t0.plusSeconds(9))).isFalse();
    assertThat(s.due(t0.plusSeconds(10))).isTrue();
    s.taken(t0.plusSeconds(13)); // a late tick: the next one counts from it
    assertThat(s.due(t0.plusSeconds(20))).isFalse();
    assertThat(s.due(t0.plusSeconds(23))).isTrue();
    assertThat(s.due(t0)).as("the clock went back: sample again rather than stall").isTrue();
    assertThatThrownBy(() -> new Sampling(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
