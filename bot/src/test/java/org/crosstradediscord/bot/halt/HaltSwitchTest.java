package org.crosstradediscord.bot.halt;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

    halt.resume(RITA);
    assertThat(halt.refusal("flatplace")).isNull();
    assertThat(channel.get(1)).startsWith("`resume` /resume by rita (42): RESUMED");
    assertThat(seen).extracting(HaltState::halted).containsExactly(true, false);
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
    assertThat(halt.refusal("flatplace")).contains("cannot be read");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HaltSwitch.READ_WAIT.plusMillis(500));
    assertThat(halt.refusal("close")).isNull();
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
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 20_000; i++) {
        audit.record(new AuditEvent("command", 1, "alice", "flatplace", Map.of(), "received", null, -1));
      }
    });
    assertThat(trail.flush(Duration.ofMillis(100))).as("the writer is stuck on the hanging store").isFalse();
    release.countDown();
    trail.close();
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
    public java.util.OptionalLong boardMessage(long channelId) {
      throw new StoreException("down", null);
    }

    @Override
    public void setBoardMessage(long channelId, long messageId) {
      throw new StoreException("down", null);
    }

    @Override
    public void untripDailyLoss(String mode, String account, String sessionDay) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean leadBoard(long channelId, String owner, Instant now, Instant leaseUntil) {
      throw new StoreException("down", null);
    }

    @Override
    public void releaseBoard(long channelId, String owner) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean tripDailyLoss(String mode, String account, String sessionDay, Instant at) {
      throw new StoreException("down", null);
    }

    @Override
    public boolean shared() {
      return false;
    }

    @Override
    public String describe() {
      return "broken";
    }

    @Override
    public void close() { }
  }
}
