package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's pool on a real SQLite file: one connection, a bounded wait for it, writes from many threads queued. */
class SqlitePoolTest {
  @TempDir
  Path dir;
  private JdbcStore store;
  private ExecutorService threads;

  @BeforeEach
  void open() {
    store = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of());
    threads = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    store.close();
  }

  @Test
  void whileTheOneConnectionIsHeld_aCallWaitsAtMostThePoolsWait_thenFailsWithOneLine() throws Exception {
    Instant t = Instant.parse("2026-01-10T10:00:00Z");
    store.append(new StoredEvent(t, new AuditEvent("result", 7, "alice", "close", Map.of(), "ok", List.of(), 3)));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> export = threads.submit(() -> store.export(t, t.plusSeconds(1), e -> { // holds the connection
      holding.countDown();
      await(release);
    }));
    assertThat(holding.await(10, TimeUnit.SECONDS)).as("the export is reading").isTrue();

    long start = System.nanoTime();
    assertThatThrownBy(store::halt).isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot read the halt state in jdbc:sqlite:").hasMessageContaining("timed out")
        .hasMessageNotContaining("\n");
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(waitedMs).as("waited for the pool, and no longer than its wait (give or take a loaded machine)")
        .isBetween(StorePool.WAIT_MS - 50, StorePool.WAIT_MS + 4_000);

    release.countDown();
    export.get(10, TimeUnit.SECONDS);
    assertThat(store.halt()).as("the connection went back to the pool").isEqualTo(HaltState.NEVER);
  }

  @Test
  void writesFromManyThreads_areQueuedForTheOneWriter_noneFailsBusy_andEachClaimHappensOnce() throws Exception {
    int writers = 8;
    int rows = 40;
    Instant t0 = Instant.now();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(threads.submit(() -> {
        await(go);
        int claimed = 0;
        for (int i = 0; i < rows; i++) {
          // each writer records its own rows, and races every other writer to claim the shared ones
          store.addPending(row("w" + writer + "-" + i, t0));
          store.append(new StoredEvent(t0, new AuditEvent("step", writer, "u", "flatplace", Map.of(), "ok", List.of(),
              i)));
          if (store.claimPending("w" + (i % writers) + "-" + i, 1, "click-" + writer, "tok", t0, t0.plusSeconds(30))) {
            claimed++;
          }
        }
        return claimed;
      }));
    }
    go.countDown();
    AtomicInteger claims = new AtomicInteger();
    for (Future<Integer> f : done) {
      claims.addAndGet(f.get(60, TimeUnit.SECONDS)); // a SQLITE_BUSY (or a pool wait passed) would fail here
    }
    for (int w = 0; w < writers; w++) {
      for (int i = 0; i < rows; i++) {
        assertThat(store.pending("w" + w + "-" + i)).as("w%d-%d was recorded", w, i).isNotNull();
      }
    }
    assertThat(store.recent(OptionalLong.empty(), 1000)).hasSize(writers * rows);
    assertThat(claims.get()).as("each raced-for row claimed once (its own writer tries right after adding it)")
        .isEqualTo(rows);
    assertThat(store.staleClaims(t0.plusSeconds(31), Instant.EPOCH)).hasSize(rows);
  }

  @Test
  void afterClose_callsFailWithAStoreException() {
    store.close();
    assertThatThrownBy(store::halt).isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot read the halt state in jdbc:sqlite:").hasMessageNotContaining("\n");
  }

  private static PendingRow row(String id, Instant created) {
    return new PendingRow(id, "flatplace", 1, "user1", Set.of(10L), "{\"quantity\":1}", "live", created,
        created.plusSeconds(60), PendingState.PENDING, null, null, null);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
