package org.crosstradediscord.bot.halt;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.store.ForwardingStore;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The halt switch over a real SQLite store, its fail-closed rule, and audit writes that never block. */
class HaltSwitchTest {
  private static final Invoker RITA = new Invoker(42, "rita", Set.of(1L));

  @Test
  void halt_refusesOnlyRiskIncreasingCommands_namesWhoAndWhy_andIsAnnounced(@TempDir Path dir) {
    Store store = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of());
    AuditLog audit = new AuditLog();
    List<String> channel = new ArrayList<>();
    audit.setChannel(channel::add);
    HaltSwitch halt = new HaltSwitch(store, audit);
    List<HaltState> seen = new ArrayList<>();
    halt.onChange(seen::add);

    assertThat(halt.refusal("flatplace")).isNull();
    halt.halt(RITA, "  news *spike* @everyone ");

    assertThat(halt.refusal("flatplace")).contains("halted").contains("rita").contains("news \\*spike\\*")
        .doesNotContain("@everyone ");
    assertThat(halt.refusal("reverse")).isNotNull();
    for (String allowed : List.of("close", "flatten", "cancel", "positions", "orders", "audit", "resume")) {
      assertThat(halt.refusal(allowed)).as(allowed).isNull();
    }
    assertThat(channel).singleElement().satisfies(l -> assertThat(l).startsWith("`halt` /halt by rita (42): HALTED")
        .contains("reason=news \\*spike\\*"));
    assertThat(seen).extracting(HaltState::halted).containsExactly(true);
    assertThat(store.halt().reason()).isEqualTo("news *spike* @everyone");

    assertThat(halt.resume(RITA).join().saved()).isTrue();
    assertThat(halt.refusal("flatplace")).isNull();
    assertThat(channel.get(1)).startsWith("`resume` /resume by rita (42): RESUMED");
    assertThat(seen).extracting(HaltState::halted).containsExactly(true, false);
  }

  @Test
  void aFreshCheck_readsTheStoreWhereItRuns_seesAnotherReplicasHalt_andRefusesWhenTheStoreCannotBeRead(
      @TempDir Path dir) {
    String url = JdbcStore.SQLITE + dir.resolve("bot.db");
    Store store = JdbcStore.open(url, Map.of());
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    HaltSwitch here = new HaltSwitch(new ForwardingStore(store) {
      @Override
      public HaltState halt() {
        reads.incrementAndGet();
        return super.halt();
      }
    }, new AuditLog(), Duration.ZERO);
    HaltSwitch replica = new HaltSwitch(JdbcStore.open(url, Map.of()), new AuditLog(), Duration.ZERO);
    replica.halt(RITA, "elsewhere");
    assertThat(here.refusal("flatplace")).as("not polled: this process has not seen it yet").isNull();

    FreshCheck check = here.freshCheck("flatplace");
    assertThat(check.done()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(check::refusal).isInstanceOf(IllegalStateException.class);
    int before = reads.get();
    check.read();
    assertThat(reads.get()).isEqualTo(before + 1);
    assertThat(check.refusal()).contains("halted").contains("rita");
    assertThat(here.refusal("flatplace")).as("the read was adopted").isNotNull();

    FreshCheck close = here.freshCheck("close");
    close.read();
    assertThat(reads.get()).as("a risk-reducing command reads nothing").isEqualTo(before + 1);
    assertThat(close.refusal()).isNull();

    FreshCheck broken = new HaltSwitch(new BrokenStore(), new AuditLog(), Duration.ZERO).freshCheck("reverse");
    broken.read(); // never throws
    assertThat(broken.refusal()).contains("cannot be read");
  }

  @Test
  void anUnreadableHaltState_refusesRiskIncreasingCommands_andLetsTheOthersThrough() {
    HaltSwitch halt = new HaltSwitch(new BrokenStore(), new AuditLog());
    assertThat(halt.refusal("flatplace")).contains("cannot be read");
    assertThat(halt.refusal("reverse")).contains("cannot be read");
    assertThat(halt.refusal("flatten")).isNull();
    assertThat(halt.refusal("close")).isNull();
  }

  @Test
  @Timeout(10)
  void aHangingStore_holdsTheCheckAtMostAboutOneSecond_andRefusesRiskIncreasingCommands() {
    CountDownLatch never = new CountDownLatch(1);
    HaltSwitch halt = new HaltSwitch(new BrokenStore() {
      @Override
      public HaltState halt() {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new StoreException("interrupted", null);
      }
    }, new AuditLog());
    long start = System.nanoTime();
    assertThat(halt.refusal("flatplace")).as("in memory: never read, so unknown").contains("cannot be read");
    assertThat(halt.refusalFresh("flatplace")).as("with a store read").contains("cannot be read");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HaltSwitch.READ_WAIT.plusMillis(500));
    assertThat(halt.refusal("close")).isNull();
    assertThat(halt.refusalFresh("close")).isNull();
  }

  @Test
  @Timeout(20)
  void aHaltTakesEffectAtOnce_whileTheStoreHangs_isAnsweredWithinABound_andSavedWhenTheStoreAnswers(@TempDir Path dir)
      throws Exception {
    Store real = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of());
    CountDownLatch writes = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    HaltSwitch halt = new HaltSwitch(new ForwardingStore(real) {
      @Override
      public HaltState halt() {
        reads.incrementAndGet();
        return super.halt();
      }

      @Override
      public void setHalt(HaltState state) {
        awaitQuietly(writes); // a bounded wait that gives up interrupts: keep hanging like a dead database would
        super.setHalt(state);
      }
    }, new AuditLog());
    assertThat(halt.refusal("flatplace")).isNull();

    long start = System.nanoTime();
    java.util.concurrent.CompletableFuture<HaltSwitch.Change> change = halt.engage(RITA, "hung database");
    assertThat(halt.refusal("flatplace")).as("in effect before the store was written").contains("hung database");
    HaltSwitch.Change answered = change.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without waiting for the store")
        .isLessThan(Duration.ofMillis(1_500));
    assertThat(answered.saved()).isFalse();
    assertThat(answered.note()).contains("could not be saved").contains("other bot replicas may not see it");
    assertThat(real.halt().halted()).isFalse();
    int readsNow = reads.get();
    awaitTrue(() -> reads.get() >= readsNow + 1, "the re-read after the failed write"); // it saw "not halted"
    assertThat(halt.refusal("flatplace")).as("a read of the old state does not take the halt back")
        .contains("hung database");

    writes.countDown(); // the database answers again: the retried write lands
    awaitTrue(() -> real.halt().halted(), "the halt was never saved");
    assertThat(real.halt().reason()).isEqualTo("hung database");
    halt.close();
  }

  @Test
  @Timeout(20)
  void resume_opensOnlyWhenTheStoreHoldsIt_andAnAmbiguousWriteIsReReadAndSaidAsItIs(@TempDir Path dir) {
    Store real = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of());
    java.util.concurrent.atomic.AtomicReference<String> mode = new java.util.concurrent.atomic.AtomicReference<>("ok");
    HaltSwitch halt = new HaltSwitch(new ForwardingStore(real) {
      @Override
      public void setHalt(HaltState state) {
        write(() -> {
          super.setHalt(state);
          return true;
        });
      }

      @Override
      public boolean resumeHalt(HaltState resumed, Instant haltedSince) {
        return write(() -> super.resumeHalt(resumed, haltedSince));
      }

      private boolean write(java.util.function.BooleanSupplier write) {
        switch (mode.get()) {
          case "refused" -> throw new StoreException("connection refused", null); // nothing written
          case "lost" -> { // written, but the answer is lost
            write.getAsBoolean();
            throw new StoreException("connection reset after the update", null);
          }
          default -> {
            return write.getAsBoolean();
          }
        }
      }
    }, new AuditLog());
    assertThat(halt.engage(RITA, "drill").join().saved()).isTrue();

    mode.set("refused");
    HaltSwitch.Change refused = halt.resume(RITA).join();
    assertThat(refused.saved()).isFalse();
    assertThat(refused.note()).contains("still **halted**");
    assertThat(halt.refusal("flatplace")).as("not resumed: the store does not hold it").contains("drill");

    mode.set("lost");
    HaltSwitch.Change lost = halt.resume(RITA).join();
    assertThat(lost.saved()).as("the re-read found the resume in the store").isTrue();
    assertThat(halt.refusal("flatplace")).isNull();

    mode.set("lost");
    HaltSwitch.Change haltLost = halt.engage(RITA, "again").join();
    assertThat(haltLost.saved()).as("a halt whose answer was lost is re-read and said saved").isTrue();
    assertThat(real.halt().reason()).isEqualTo("again");
    halt.close();
  }

  @Test
  @Timeout(20)
  void aResumeWhoseWriteLandsLate_neverUndoesANewerHalt(@TempDir Path dir) throws Exception {
    Store real = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch lateWriteDone = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean stall = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean lateResult = new java.util.concurrent.atomic.AtomicBoolean(true);
    Store slowResume = new ForwardingStore(real) {
      @Override
      public boolean resumeHalt(HaltState resumed, Instant haltedSince) {
        if (!stall.get()) {
          return super.resumeHalt(resumed, haltedSince);
        }
        awaitQuietly(release); // the bot gives up waiting; the statement is still on its way to the database
        boolean r = super.resumeHalt(resumed, haltedSince);
        lateResult.set(r);
        lateWriteDone.countDown();
        return r;
      }
    };
    HaltSwitch one = new HaltSwitch(slowResume, new AuditLog());
    assertThat(one.engage(RITA, "first").join().saved()).isTrue();
    stall.set(true);
    HaltSwitch.Change resume = one.resume(RITA).join();
    assertThat(resume.saved()).isFalse();
    assertThat(resume.note()).contains("may still take effect");

    HaltSwitch two = new HaltSwitch(real, new AuditLog()); // another replica halts again meanwhile
    assertThat(two.engage(RITA, "second").join().saved()).isTrue();
    release.countDown();
    assertThat(lateWriteDone.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(lateResult.get()).as("the late resume matched no current halt").isFalse();
    assertThat(real.halt().halted()).as("the newer halt stands").isTrue();
    assertThat(real.halt().reason()).isEqualTo("second");
    one.close();
    two.close();
  }

  @Test
  @Timeout(20)
  void aStoreReadBegunBeforeAHaltWasSaved_cannotTakeTheHaltBack(@TempDir Path dir) throws Exception {
    Store real = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of());
    java.util.concurrent.atomic.AtomicBoolean holdReads = new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch readTaken = new CountDownLatch(1);
    CountDownLatch releaseRead = new CountDownLatch(1);
    CountDownLatch allowWrite = new CountDownLatch(1);
    HaltSwitch halt = new HaltSwitch(new ForwardingStore(real) {
      @Override
      public HaltState halt() {
        HaltState before = super.halt(); // the SELECT runs now: before the halt's UPDATE commits
        if (holdReads.get() && Thread.currentThread().getName().startsWith("halt-read")) {
          readTaken.countDown();
          awaitQuietly(releaseRead); // ... and its answer arrives after the halt was saved
        }
        return before;
      }

      @Override
      public void setHalt(HaltState state) {
        awaitQuietly(allowWrite);
        super.setHalt(state);
      }
    }, new AuditLog(), java.time.Duration.ZERO); // no poll: this test drives the reads
    java.util.concurrent.CompletableFuture<HaltSwitch.Change> change = halt.engage(RITA, "while a read was out");
    holdReads.set(true);
    java.util.concurrent.CompletableFuture<String> fresh = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> halt.refusalFresh("flatplace")); // begins after the halt, reads before it is written
    assertThat(readTaken.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    allowWrite.countDown();
    awaitTrue(() -> !halt.unsaved(), "the halt is saved");
    releaseRead.countDown();
    assertThat(fresh.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("the old read does not take the halt back")
        .contains("while a read was out");
    assertThat(halt.refusal("flatplace")).contains("while a read was out");
    change.join();
  }

  @Test
  void aHalt_saysHowManyOrdersHadAlreadyPassedTheirLastCheck(@TempDir Path dir) {
    HaltSwitch halt = new HaltSwitch(JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bot.db"), Map.of()), new AuditLog(),
        java.time.Duration.ZERO);
    Runnable first = halt.departing();
    Runnable second = halt.departing();
    second.run();
    second.run(); // idempotent
    assertThat(halt.engage(RITA, "one on its way").join().onTheirWay()).isEqualTo(1);
    first.run();
    assertThat(halt.engage(RITA, "none now").join().onTheirWay()).isZero();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(end);
      Thread.sleep(20);
    }
  }

  /** Waits for the latch whatever interrupts arrive, like a JDBC call stuck in a dead database. */
  private static void awaitQuietly(CountDownLatch latch) {
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException ignored) {
        // keep hanging
      }
    }
  }

  @Test
  @Timeout(10)
  void auditWrites_neverBlockTheCaller_evenWhenTheStoreHangsOrFails() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BrokenStore hanging = new BrokenStore() {
      @Override
      public void append(StoredEvent event) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new StoreException("disk full", null);
      }
    };
    AuditTrail trail = new AuditTrail(hanging);
    AuditLog audit = new AuditLog();
    audit.setTrail(trail::append);
    // More than the queue holds, while the writer is stuck: the rest are dropped with a warning, not waited for. A
    // blocking record() would never return (the store hangs until released below); the bound is only a backstop.
    // The "audit" logger's 20,000 JSON lines and the drop warnings go to a list, not the build's output.
    ch.qos.logback.classic.Logger auditLogger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("audit");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    boolean additive = auditLogger.isAdditive();
    auditLogger.addAppender(captured);
    auditLogger.setAdditive(false);
    try {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 20_000; i++) {
          audit.record(new AuditEvent("command", 1, "alice", "flatplace", Map.of(), "received", null, -1));
        }
      });
      assertThat(trail.flush(Duration.ofMillis(100))).as("the writer is stuck on the hanging store").isFalse();
      release.countDown();
      trail.close();
    } finally {
      auditLogger.setAdditive(additive);
      auditLogger.detachAppender(captured);
    }
    assertThat(List.copyOf(captured.list)).as("the dropped events are warned about")
        .anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("audit event not stored"));
  }

  /** A store whose database is gone. */
  static class BrokenStore implements Store {
    @Override
    public void append(StoredEvent event) {
      throw new StoreException("down", null);
    }

    @Override
    public List<StoredEvent> recent(OptionalLong userId, int count) {
      throw new StoreException("down", null);
    }

    @Override
    public void export(Instant from, Instant to, Consumer<StoredEvent> sink) {
      throw new StoreException("down", null);
    }

    @Override
    public HaltState halt() {
      throw new StoreException("down", null);
    }

    @Override
    public void setHalt(HaltState state) {
      throw new StoreException("down", null);
    }

    @Override
    public void addPending(org.crosstradediscord.bot.store.PendingRow row) {
      throw new StoreException("down", null);
    }

    @Override
    public org.crosstradediscord.bot.store.PendingRow pending(String id) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean claimPending(String id, long userId, String interactionId, String token, Instant now, Instant leaseUntil) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean resumeHalt(HaltState resumed, Instant haltedSince) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean unclaimPending(String id, String interactionId, Instant now) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean movePending(String id, org.crosstradediscord.bot.store.PendingState from,
        org.crosstradediscord.bot.store.PendingState to, Instant now) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean endPending(String id, org.crosstradediscord.bot.store.PendingState to, String interactionId,
        Instant now) {
      throw new StoreException("down", null);
    }

    @Override
    public List<org.crosstradediscord.bot.store.PendingRow> staleClaims(Instant now, Instant claimedBefore) {
      throw new StoreException("down", null);
    }

    @Override
    public int prunePending(Instant before) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean shared() {
      return false;
    }

    @Override
    public org.crosstradediscord.bot.store.ControlStore controls() {
      throw new StoreException("down", null);
    }

    @Override
    public org.crosstradediscord.bot.store.AlertStore alerts() {
      throw new StoreException("down", null);
    }

    @Override
    public org.crosstradediscord.bot.store.ApprovalStore approvals() {
      throw new StoreException("down", null);
    }

    @Override
    public org.crosstradediscord.bot.store.UnknownOutcomes unknowns() {
      throw new StoreException("down", null);
    }

    @Override
    public String describe() {
      return "broken";
    }

    @Override
    public org.crosstradediscord.bot.store.ReportStore reports() {
      throw new StoreException("down", null);
    }

    @Override
    public void close() { }
  }
}
