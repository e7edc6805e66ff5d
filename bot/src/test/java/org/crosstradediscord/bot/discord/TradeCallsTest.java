package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trade executor's bounds: never late, never unbounded, and every trade reported at shutdown. */
class TradeCallsTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> reports = new CopyOnWriteArrayList<>();

  @AfterEach
  void unblock() {
    release.countDown();
  }

  /** A trade that records how it ended; {@code blocking} ones hold their thread until released. */
  private final class Recorded implements TradeCalls.Trade {
    final String name;
    final boolean blocking;
    final CountDownLatch started = new CountDownLatch(1);

    Recorded(String name, boolean blocking) {
      this.name = name;
      this.blocking = blocking;
    }

    @Override
    public void run() {
      started.countDown();
      if (blocking) {
        try {
          release.await();
        } catch (InterruptedException e) {
          reports.add(name + ":interrupted");
          return;
        }
      }
      reports.add(name + ":sent");
    }

    @Override
    public void notSent(String why) {
      reports.add(name + ":not sent: " + why);
    }

    @Override
    public void abandoned() {
      reports.add(name + ":outcome unknown");
    }

    @Override
    public CompletableFuture<?> delivered() {
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void aTradeWhoseClickIsOlderThanTheRequestTimeout_isNeverSent() throws Exception {
    TradeCalls calls = new TradeCalls(1, 4, Duration.ofMillis(500));
    Recorded old = new Recorded("old", false);
    Recorded fresh = new Recorded("fresh", false);

    assertThat(calls.submit(old, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(800))).isTrue();
    assertThat(calls.submit(fresh, System.nanoTime())).isTrue();
    await(() -> reports.size() == 2);
    calls.close(Duration.ofSeconds(5));

    assertThat(reports).hasSize(2).anyMatch(r -> r.startsWith("old:not sent:") && r.contains("never sent late"))
        .contains("fresh:sent");
  }

  @Test
  void whenEveryThreadAndQueuePlaceIsTaken_aClickIsRefusedAtOnce() throws Exception {
    TradeCalls calls = new TradeCalls(1, 1, Duration.ofSeconds(30));
    Recorded running = new Recorded("running", true);
    assertThat(calls.submit(running, System.nanoTime())).isTrue();
    running.started.await(5, TimeUnit.SECONDS);
    assertThat(calls.submit(new Recorded("queued", false), System.nanoTime())).isTrue();

    assertThat(calls.submit(new Recorded("third", false), System.nanoTime())).as("queue full").isFalse();
    release.countDown();
    await(() -> reports.size() == 2);
    calls.close(Duration.ofSeconds(5));
    assertThat(reports).containsExactlyInAnyOrder("running:sent", "queued:sent");
  }

  @Test
  void shutdown_reportsQueuedTradesAsNotSent_andCallsStillRunningAfterTheGraceAsOutcomeUnknown() throws Exception {
    TradeCalls calls = new TradeCalls(1, 4, Duration.ofSeconds(30));
    Recorded inFlight = new Recorded("inflight", true);
    calls.submit(inFlight, System.nanoTime());
    inFlight.started.await(5, TimeUnit.SECONDS);
    calls.submit(new Recorded("queued", false), System.nanoTime());

    calls.close(Duration.ofMillis(200));

    assertThat(calls.stopping()).isTrue();
    assertThat(calls.submit(new Recorded("late", false), System.nanoTime())).as("no trade after shutdown began").isFalse();
    assertThat(reports).containsExactlyInAnyOrder("queued:not sent: the bot was shutting down before it was sent",
        "inflight:outcome unknown");
    release.countDown(); // the call was not interrupted: its answer, should it come, is still reported
    await(() -> reports.contains("inflight:sent"));
    assertThat(reports).doesNotContain("inflight:interrupted");
  }

  @Test
  void shutdown_waitsForACallThatEndsWithinTheGrace() throws Exception {
    TradeCalls calls = new TradeCalls(2, 4, Duration.ofSeconds(30));
    Recorded inFlight = new Recorded("inflight", true);
    calls.submit(inFlight, System.nanoTime());
    inFlight.started.await(5, TimeUnit.SECONDS);
    new Thread(() -> {
      try {
        Thread.sleep(300); // the call's answer arrives during shutdown
      } catch (InterruptedException e) {
        return;
      }
      release.countDown();
    }).start();

    calls.close(Duration.ofSeconds(10));

    assertThat(reports).containsExactly("inflight:sent");
  }

  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(end);
      Thread.sleep(10);
    }
  }
}
