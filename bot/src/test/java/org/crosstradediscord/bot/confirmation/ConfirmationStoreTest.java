package org.crosstradediscord.bot.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.commands.Outcome;
import org.crosstradediscord.bot.commands.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.client.CrossTradeClient;
import org.junit.jupiter.api.Test;

class ConfirmationStoreTest {
  static final Invoker ALICE = new Invoker(1, "alice", Set.of(10L));
  static final Invoker BOB = new Invoker(2, "bob", Set.of(10L));

  final AtomicLong nanos = new AtomicLong();
  final Ticker ticker = nanos::get;
  final ConfirmationStore store = new ConfirmationStore(Duration.ofSeconds(60), ticker, Runnable::run,
      Scheduler.disabledScheduler());

  record NoopAction() implements TradeAction {
    public String command() { return "flatplace"; }
    public Set<Permission> requiredPermissions() { return Set.of(Permission.FLATPLACE); }
    public Optional<String> tradedAccount() { return Optional.of("Sim101"); }
    public Review review() { return new Review("t", "w", List.of(), "Place order", null); }
    public Map<String, String> auditArgs() { return Map.of(); }
    public Outcome execute(CrossTradeClient client) { throw new AssertionError("not executed by the store"); }
  }

  @Test
  void ids_areUnguessable_andFitACustomId() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = store.put(ALICE, new NoopAction(), () -> { }).id();
      assertThat(id).matches("[A-Za-z0-9_-]{22}");
      ids.add(id);
    }
    assertThat(ids).hasSize(1000);
  }

  @Test
  void onlyTheInvoker_canClaim_andAWrongClickDoesNotConsumeIt() {
    String id = store.put(ALICE, new NoopAction(), () -> { }).id();
    assertThat(store.claim(id, BOB.userId())).isInstanceOf(ConfirmationStore.Claim.NotInvoker.class);
    assertThat(store.claim(id, ALICE.userId())).isInstanceOf(ConfirmationStore.Claim.Claimed.class);
  }

  @Test
  void claim_succeedsOnce_thenSaysAlreadyConfirmed() {
    String id = store.put(ALICE, new NoopAction(), () -> { }).id();
    store.claim(id, ALICE.userId());
    assertThat(store.claim(id, ALICE.userId()))
        .isEqualTo(new ConfirmationStore.Claim.Gone(ConfirmationStore.State.CONFIRMED));
  }

  @Test
  void concurrentConfirmClicks_claimExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 50; round++) {
        String id = store.put(ALICE, new NoopAction(), () -> { }).id();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger claimed = new AtomicInteger();
        List<Future<?>> clicks = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
          clicks.add(pool.submit(() -> {
            go.await();
            if (store.claim(id, ALICE.userId()) instanceof ConfirmationStore.Claim.Claimed) {
              claimed.incrementAndGet();
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : clicks) {
          f.get();
        }
        assertThat(claimed.get()).as("round " + round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void expiry_refusesTheClick_andRunsTheExpiryNoticeOnce() {
    AtomicInteger notices = new AtomicInteger();
    String id = store.put(ALICE, new NoopAction(), notices::incrementAndGet).id();

    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    store.cleanUp();

    assertThat(notices.get()).isEqualTo(1);
    assertThat(store.claim(id, ALICE.userId()))
        .isEqualTo(new ConfirmationStore.Claim.Gone(ConfirmationStore.State.EXPIRED));
    store.cleanUp();
    assertThat(notices.get()).isEqualTo(1);
  }

  @Test
  void beforeTheTimeout_theActionIsStillPending() {
    String id = store.put(ALICE, new NoopAction(), () -> { }).id();
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(store.claim(id, ALICE.userId())).isInstanceOf(ConfirmationStore.Claim.Claimed.class);
  }

  @Test
  void cancelled_thenConfirm_isRefusedAsCancelled() {
    String id = store.put(ALICE, new NoopAction(), () -> { }).id();
    assertThat(store.cancel(id, ALICE.userId())).isInstanceOf(ConfirmationStore.Claim.Claimed.class);
    assertThat(store.claim(id, ALICE.userId()))
        .isEqualTo(new ConfirmationStore.Claim.Gone(ConfirmationStore.State.CANCELLED));
  }

  @Test
  void unknownId_asAfterARestart_isUnknown() {
    assertThat(store.claim("AAAAAAAAAAAAAAAAAAAAAA", ALICE.userId()))
        .isEqualTo(new ConfirmationStore.Claim.Gone(ConfirmationStore.State.UNKNOWN));
  }

  @Test
  void evictedAtCapacity_runsTheExpiryCallback_andReadsExpired() {
    java.util.concurrent.atomic.AtomicInteger expired = new java.util.concurrent.atomic.AtomicInteger();
    PendingAction first = store.put(ALICE, new NoopAction(), expired::incrementAndGet);
    for (int i = 0; i < 10_050; i++) {
      store.put(BOB, new NoopAction(), expired::incrementAndGet);
    }
    store.cleanUp();
    assertThat(store.size()).isLessThanOrEqualTo(10_000);
    assertThat(expired.get()).as("every evicted action's card is told").isGreaterThanOrEqualTo(50);
    if (store.peek(first.id()) == null) {
      assertThat(store.claim(first.id(), ALICE.userId()))
          .isEqualTo(new ConfirmationStore.Claim.Gone(ConfirmationStore.State.EXPIRED));
    }
  }

  @Test
  void deniedBeforeClaim_readsDenied_neverConfirmed() {
    PendingAction p = store.put(ALICE, new NoopAction(), () -> { });
    assertThat(store.peek(p.id())).isSameAs(p);
    assertThat(store.deny(p.id())).isTrue();
    assertThat(store.claim(p.id(), ALICE.userId()))
        .isEqualTo(new ConfirmationStore.Claim.Gone(ConfirmationStore.State.DENIED));
  }
}
