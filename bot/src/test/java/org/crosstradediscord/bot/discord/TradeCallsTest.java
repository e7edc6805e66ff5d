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
    boolean throwing;
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
      if (throwing) {
        throw new IllegalArgumentException("Description cannot be longer than 4096 characters");
      }
      reports.add(name + ":sent");
    }

    @Override
    public void failed(Throwable error) {
      reports.add(name + ":failed " + error.getClass().getSimpleName());
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

  /** Reserve and submit, as a click whose acknowledgement Discord accepted. */
  private static boolean submit(TradeCalls calls, TradeCalls.Trade trade, long clickedAt) {
    TradeCalls.Ticket t = calls.reserve(trade, clickedAt);
    if (t == null) {
      return false;
    }
    calls.submit(t);
    return true;
  }

  @Test
  void aTradeWhoseClickIsOlderThanTheRequestTimeout_isNeverSent() throws Exception {
    TradeCalls calls = new TradeCalls(1, 4, Duration.ofMillis(500));
    Recorded old = new Recorded("old", false);
    Recorded fresh = new Recorded("fresh", false);

    assertThat(submit(calls, old, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(800))).isTrue();
    assertThat(submit(calls, fresh, System.nanoTime())).isTrue();
    await(() -> reports.size() == 2);
    calls.close(Duration.ofSeconds(5));

    assertThat(reports).hasSize(2).anyMatch(r -> r.startsWith("old:not sent:") && r.contains("never sent late"))
        .contains("fresh:sent");
  }

  @Test
  void whenEveryThreadAndQueuePlaceIsTaken_aClickIsRefusedAtOnce() throws Exception {
    TradeCalls calls = new TradeCalls(1, 1, Duration.ofSeconds(30));
    Recorded running = new Recorded("running", true);
    assertThat(submit(calls, running, System.nanoTime())).isTrue();
    running.started.await(5, TimeUnit.SECONDS);
    assertThat(submit(calls, new Recorded("queued", false), System.nanoTime())).isTrue();

    submit(calls, new Recorded("third", false), System.nanoTime());
    assertThat(reports).as("queue full: refused at once").containsExactly("third:not sent: the bot is busy: every call slot"
        + " and queue place is taken");
    release.countDown();
    await(() -> reports.size() == 3);
    calls.close(Duration.ofSeconds(5));
    assertThat(reports).contains("running:sent", "queued:sent");
  }

  @Test
  void shutdown_reportsQueuedTradesAsNotSent_andCallsStillRunningAfterTheGraceAsOutcomeUnknown() throws Exception {
    TradeCalls calls = new TradeCalls(1, 4, Duration.ofSeconds(30));
    Recorded inFlight = new Recorded("inflight", true);
    submit(calls, inFlight, System.nanoTime());
    inFlight.started.await(5, TimeUnit.SECONDS);
    submit(calls, new Recorded("queued", false), System.nanoTime());
    Recorded acking = new Recorded("acking", false); // clicked, acknowledgement still on its way
    TradeCalls.Ticket ticket = calls.reserve(acking, System.nanoTime());

    calls.close(Duration.ofMillis(200));

    assertThat(calls.stopping()).isTrue();
    assertThat(calls.reserve(new Recorded("late", false), System.nanoTime()))
        .as("no click is confirmed after shutdown began").isNull();
    calls.submit(ticket); // its acknowledgement arrives after shutdown: already reported, never sent
    assertThat(reports).containsExactlyInAnyOrder("queued:not sent: the bot was shutting down before it was sent",
        "acking:not sent: the bot was shutting down before it was sent", "inflight:outcome unknown");
    release.countDown(); // the call was not interrupted: its answer, should it come, is still reported
    await(() -> reports.contains("inflight:sent"));
    assertThat(reports).doesNotContain("inflight:interrupted");
  }

  @Test
  void shutdown_waitsForACallThatEndsWithinTheGrace() throws Exception {
    TradeCalls calls = new TradeCalls(2, 4, Duration.ofSeconds(30));
    Recorded inFlight = new Recorded("inflight", true);
    submit(calls, inFlight, System.nanoTime());
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

  @Test
  void aTradeThatThrows_isReportedAsFailed_neverLeftSending() throws Exception {
    TradeCalls calls = new TradeCalls(1, 4, Duration.ofSeconds(30));
    Recorded bad = new Recorded("bad", false);
    bad.throwing = true;
    submit(calls, bad, System.nanoTime());
    await(() -> !reports.isEmpty());
    calls.close(Duration.ofSeconds(5));
    assertThat(reports).containsExactly("bad:failed IllegalArgumentException");
  }

  @Test
  void aReleasedTicket_isReportedNotSent_once() {
    TradeCalls calls = new TradeCalls(1, 4, Duration.ofSeconds(30));
    TradeCalls.Ticket t = calls.reserve(new Recorded("x", false), System.nanoTime());
    calls.release(t, "Discord did not accept the click's acknowledgement");
    calls.submit(t);
    calls.close(Duration.ofSeconds(1));
    assertThat(reports).containsExactly("x:not sent: Discord did not accept the click's acknowledgement");
  }

  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(end);
      Thread.sleep(10);
    }
  }
}
