package org.crosstradediscord.bot.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.crosstradediscord.bot.board.Freshness.Verdict;
import org.crosstradediscord.client.model.PnlUpdate;
import org.junit.jupiter.api.Test;

/** One notion of fresh: the epoch within 60 s of the arrival, and the arrival within the allowed silence. */
class FreshnessTest {
  static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");
  static final Freshness BOARD = new Freshness(Duration.ofSeconds(15));

  static PnlUpdate made(Instant epoch) {
    return new PnlUpdate().type("pnlUpdate").epoch(epoch == null ? null : epoch.toEpochMilli());
  }

  @Test
  void aFrameIsJudgedByItsEpochAtArrival_andByItsArrivalAge() {
    assertThat(BOARD.judge(null, null, T0)).isEqualTo(Verdict.NO_FRAME);
    assertThat(BOARD.judge(made(T0), T0, T0.plusSeconds(15))).isEqualTo(Verdict.FRESH);
    assertThat(BOARD.judge(made(T0), T0, T0.plusSeconds(16))).isEqualTo(Verdict.SILENT);
    assertThat(BOARD.judge(made(null), T0, T0)).isEqualTo(Verdict.NO_EPOCH);
    assertThat(BOARD.judge(made(T0.minusSeconds(60)), T0, T0)).isEqualTo(Verdict.FRESH);
    assertThat(BOARD.judge(made(T0.minusSeconds(61)), T0, T0)).isEqualTo(Verdict.EPOCH_OFF);
    assertThat(BOARD.judge(made(T0.plusSeconds(61)), T0, T0)).as("from the future: a clock is off")
        .isEqualTo(Verdict.EPOCH_OFF);
    assertThat(Freshness.ON_ARRIVAL.judge(made(T0.minusSeconds(30)), T0, T0)).isEqualTo(Verdict.FRESH);
    assertThat(Freshness.ON_ARRIVAL.judge(made(Instant.ofEpochMilli(Long.MAX_VALUE)), T0, T0))
        .isEqualTo(Verdict.EPOCH_OFF);
  }
}
