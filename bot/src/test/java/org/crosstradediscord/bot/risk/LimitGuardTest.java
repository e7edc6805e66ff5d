package org.crosstradediscord.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guard per member: which roles' limit applies, when the position is read, and a failed read refusing. */
class LimitGuardTest {
  private static final long JUNIOR = 7;
  private static final LimitGuard GUARD = new LimitGuard(new Limits(Limits.SAFE.defaults(),
      Map.of(JUNIOR, new Limit(2, Set.of("MARKET"), Set.of("MES"), OptionalLong.of(4)))));
  private static final OrderIntent BUY2 = new OrderIntent("Sim101", "MES 12-25", true, 2, "MARKET");

  @Test
  void noPositionLimit_readsNothing() {
    List<String> reads = new ArrayList<>();
    assertThat(GUARD.needsPosition(Set.of(1L))).isFalse();
    assertThat(GUARD.checkPosition(Set.of(1L), BUY2, (a, i) -> {
      reads.add(a);
      return 100;
    })).isEmpty();
    assertThat(reads).isEmpty();
    assertThat(GUARD.check(Set.of(1L), new OrderIntent("Sim101", "ES", true, 11, "STOPLIMIT"))).get().asString()
        .contains("max_quantity");
  }

  @Test
  void positionLimit_readsTheOrdersAccountAndInstrument() {
    List<String> reads = new ArrayList<>();
    assertThat(GUARD.needsPosition(Set.of(JUNIOR))).isTrue();
    assertThat(GUARD.checkPosition(Set.of(JUNIOR), BUY2, (a, i) -> {
      reads.add(a + "/" + i);
      return 3;
    })).get().asString().contains("max_position");
    assertThat(reads).containsExactly("Sim101/MES 12-25");
    assertThat(GUARD.checkPosition(Set.of(JUNIOR), BUY2, (a, i) -> 2)).isEmpty();
  }

  @Test
  void unreadablePosition_isRefused_neverPassed() {
    assertThat(GUARD.checkPosition(Set.of(JUNIOR), BUY2, (a, i) -> {
      throw new java.io.IOException("timeout");
    })).get().asString().startsWith("Limit `max_position` could not be checked").contains("the read failed")
        .as("in the trader's words: no class names").doesNotContain("IOException");
    assertThat(GUARD.checkPosition(Set.of(JUNIOR), BUY2, (a, i) -> {
      throw new IllegalStateException("no quantity");
    })).get().asString().contains("could not be checked");
  }

  @Test
  void refusals_escapeTheMembersInstrument() {
    OrderIntent hostile = new OrderIntent("Sim101", "@everyone_**x** 12-25", true, 1, "MARKET");
    String why = GUARD.check(Set.of(JUNIOR), hostile).orElseThrow();
    assertThat(why).contains("instruments").doesNotContain("@everyone").doesNotContain("**X**");
  }
}
