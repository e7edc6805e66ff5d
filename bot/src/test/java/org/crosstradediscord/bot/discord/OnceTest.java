package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An interaction's first audit line, written once by whoever asks first, never overtaken by a later line. */
class OnceTest {
  @Test
  @Timeout(10)
  void runsOnce_andASecondCallerReturnsOnlyAfterTheFirstRunEnded() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Once received = new Once(() -> {
      started.countDown();
      try {
        finish.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      lines.add("received");
    });
    Thread first = new Thread(received);
    first.start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    Thread later = new Thread(() -> {
      received.run(); // a later step of the same interaction: must not audit before "received"
      lines.add("result");
    });
    later.start();
    while (later.getState() != Thread.State.BLOCKED) { // it waits for the first run (bounded by @Timeout)
      Thread.onSpinWait();
    }
    assertThat(lines).as("nothing written while the first run is still going").isEmpty();
    finish.countDown();
    first.join(5_000);
    later.join(5_000);
    received.run();
    assertThat(lines).containsExactly("received", "result");
  }
}
