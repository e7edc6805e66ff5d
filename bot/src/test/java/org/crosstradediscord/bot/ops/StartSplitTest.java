package org.crosstradediscord.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up line's parts, and the action run when the commands are registered. */
class StartSplitTest {
  @Test
  void registered_endsTheTotal_andRunsTheActionOnce() {
    AtomicInteger runs = new AtomicInteger();
    StartSplit split = StartSplit.inProcess().whenRegistered(runs::incrementAndGet);
    split.between("commands", 0, 5_000_000, "");
    assertThat(runs).hasValue(0);

    split.registered();

    assertThat(runs).hasValue(1);
    assertThat(split.line()).matches("started in \\d+ ms: commands 5");
  }
}
