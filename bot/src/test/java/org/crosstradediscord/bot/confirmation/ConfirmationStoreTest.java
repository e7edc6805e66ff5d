package org.crosstradediscord.bot.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import java.util.concurrent.atomic.AtomicReference;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.rendering.Outcome;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.client.CrossTradeClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pending confirmations on a real SQLite file: claims once, across two stores on one database (restart, replica). */
class ConfirmationStoreTest {
  static final Invoker ALICE = new Invoker(1, "alice", Set.of(10L));
  static final Invoker BOB = new Invoker(2, "bob", Set.of(10L));
  static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir
  Path dir;
  final AtomicLong nanos = new AtomicLong();
  final Ticker ticker = nanos::get;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T15:00:00Z"));
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  JdbcStore db;
  ConfirmationStore store;
  final List<Recipe> rebuilt = new ArrayList<>();
  final Rebuilder rebuilder = (recipe, invoker) -> {
    rebuilt.add(recipe);
    return new NoopAction();
  };

  record NoopAction() implements TradeAction {
    public String command() { return "flatplace"; }
    public Set<Permission> requiredPermissions() { return Set.of(Permission.FLATPLACE); }
    public Optional<String> tradedAccount() { return Optional.of("Sim101"); }
    public Review review() { return new Review("t", "w", List.of(), "Place order", null); }
    public Map<String, String> auditArgs() { return Map.of(); }
    public Outcome execute(CrossTradeClient client) { throw new AssertionError("not executed by the store"); }
  }

  @BeforeEach
  void open() {
    db = JdbcStore.open("jdbc:sqlite:" + dir.resolve("bot.db"), Map.of());
    store = another();
  }

  /** A second process on the same database: a restarted bot, or a replica. */
  ConfirmationStore another() {
    return new ConfirmationStore(Duration.ofSeconds(60), ticker, Runnable::run, Scheduler.disabledScheduler(), db,
        Duration.ofSeconds(5), clock);
  }

  static Recipe recipe() {
    return new Recipe("flatplace", Map.of("account", "Sim101", "quantity", 3L, "limit_price", 6000.25),
        "live");
  }

  String put(Invoker who, Runnable onExpiry) {
    return store.put(who, new NoopAction(), recipe(), onExpiry).id();
  }

  Claim claim(ConfirmationStore s, String id, Invoker who) {
    return s.claim(id, who.userId(), "ix-" + System.nanoTime(), "token", LEASE, rebuilder);
  }

  @Test
  void ids_areUnguessable_andFitACustomId() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String id = put(ALICE, () -> { });
      assertThat(id).matches("[A-Za-z0-9_-]{22}");
      ids.add(id);
    }
    assertThat(ids).hasSize(200);
  }

  @Test
  void theStepInTheClaimsStoreCall_runsOnlyWhenThisClickClaimedIt() {
    String id = put(ALICE, () -> { });
    java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
    assertThat(store.claim(id, BOB.userId(), "ix-bob", "t", LEASE, rebuilder, steps::incrementAndGet))
        .isInstanceOf(Claim.NotInvoker.class);
    assertThat(steps).as("not claimed: the step did not run").hasValue(0);
    assertThat(store.claim(id, ALICE.userId(), "ix-1", "t", LEASE, rebuilder, steps::incrementAndGet))
        .isInstanceOf(Claim.Claimed.class);
    assertThat(steps).hasValue(1);
    assertThat(another().claim(id, ALICE.userId(), "ix-2", "t", LEASE, rebuilder, steps::incrementAndGet))
        .isEqualTo(new Claim.Gone(ConfirmationState.CONFIRMED));
    assertThat(steps).as("a second click claims nothing: no second step").hasValue(1);
  }

  @Test
  void onlyTheInvoker_canClaim_andAWrongClickDoesNotConsumeIt() {
    String id = put(ALICE, () -> { });
    assertThat(claim(store, id, BOB)).isInstanceOf(Claim.NotInvoker.class);
    assertThat(claim(another(), id, BOB)).as("also from the store").isInstanceOf(Claim.NotInvoker.class);
    assertThat(claim(store, id, ALICE)).isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void claim_succeedsOnce_thenSaysAlreadyConfirmed_alsoInAnotherProcess() {
    String id = put(ALICE, () -> { });
    assertThat(claim(store, id, ALICE)).isInstanceOf(Claim.Claimed.class);
    assertThat(claim(store, id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.CONFIRMED));
    assertThat(claim(another(), id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.CONFIRMED));
  }

  @Test
  void concurrentConfirmClicks_onTwoProcesses_claimExactlyOnce() throws Exception {
    ConfirmationStore replica = another();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        String id = put(ALICE, () -> { });
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger claimed = new AtomicInteger();
        List<Future<?>> clicks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          ConfirmationStore s = i % 2 == 0 ? store : replica;
          clicks.add(pool.submit(() -> {
            go.await();
            if (claim(s, id, ALICE) instanceof Claim.Claimed) {
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
  void oneClickDeliveredToTwoReplicas_isClaimedByOne_andTheOtherStaysSilent() {
    String id = put(ALICE, () -> { });
    ConfirmationStore replica = another();
    Claim first = replica.claim(id, ALICE.userId(), "ix-1", "token-1", LEASE, rebuilder);
    Claim second = store.claim(id, ALICE.userId(), "ix-1", "token-1", LEASE, rebuilder);
    assertThat(first).isInstanceOf(Claim.Claimed.class);
    assertThat(second).isEqualTo(new Claim.HandledElsewhere());
    assertThat(store.claim(id, ALICE.userId(), "ix-2", "token-2", LEASE, rebuilder))
        .as("a second click is a second interaction").isEqualTo(new Claim.Gone(ConfirmationState.CONFIRMED));
  }

  @Test
  void afterARestart_theCardIsRebuiltFromItsRecipe_andClaimedOnce() {
    String id = put(ALICE, () -> { });
    ConfirmationStore restarted = another();
    Claim c = claim(restarted, id, ALICE);
    assertThat(c).isInstanceOf(Claim.Claimed.class);
    PendingAction p = ((Claim.Claimed) c).pending();
    assertThat(p.invoker()).isEqualTo(ALICE);
    assertThat(rebuilt).containsExactly(recipe()); // options come back with their types: Long stays Long, Double Double
    assertThat(claim(store, id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.CONFIRMED));
  }

  @Test
  void aCardThatCannotBeRebuilt_isRefusedWithTheReason_andStaysRefused() {
    String id = put(ALICE, () -> { });
    Claim c = another().claim(id, ALICE.userId(), "ix", "t", LEASE, (r, i) -> {
      throw new NotRebuildable("The bot switched from live to paper mode since this card was made.");
    });
    assertThat(c).isEqualTo(new Claim.Refused("flatplace",
        "The bot switched from live to paper mode since this card was made."));
    assertThat(claim(store, id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.DENIED));
  }

  @Test
  void expiry_refusesTheClick_andRunsTheExpiryNoticeOnce() {
    AtomicInteger notices = new AtomicInteger();
    String id = put(ALICE, notices::incrementAndGet);

    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    store.cleanUp();

    assertThat(notices.get()).isEqualTo(1);
    assertThat(claim(store, id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.EXPIRED));
    assertThat(db.pending(id).state()).isEqualTo(PendingState.EXPIRED);
    store.cleanUp();
    assertThat(notices.get()).isEqualTo(1);
  }

  @Test
  void aCardClaimedByAReplica_doesNotReadExpiredWhenItsMemoryCopyExpires() {
    AtomicInteger notices = new AtomicInteger();
    String id = put(ALICE, notices::incrementAndGet);
    assertThat(claim(another(), id, ALICE)).isInstanceOf(Claim.Claimed.class);
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    store.cleanUp();
    assertThat(notices.get()).as("the card is the replica's to edit now").isZero();
  }

  @Test
  void afterARestart_aCardPastItsTimeout_isExpired() {
    String id = put(ALICE, () -> { });
    now.set(now.get().plusSeconds(61));
    assertThat(another().peek(id, rebuilder)).isNull();
    assertThat(claim(another(), id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.EXPIRED));
  }

  @Test
  void beforeTheTimeout_theActionIsStillPending() {
    String id = put(ALICE, () -> { });
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    now.set(now.get().plusSeconds(59));
    assertThat(claim(store, id, ALICE)).isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void cancelled_thenConfirm_isRefusedAsCancelled() {
    String id = put(ALICE, () -> { });
    assertThat(store.cancel(id, ALICE.userId(), "ix", rebuilder)).isInstanceOf(Claim.Claimed.class);
    assertThat(claim(another(), id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.CANCELLED));
  }

  @Test
  void unknownId_isUnknown() {
    assertThat(claim(store, "AAAAAAAAAAAAAAAAAAAAAA", ALICE))
        .isEqualTo(new Claim.Gone(ConfirmationState.UNKNOWN));
  }

  @Test
  void deniedBeforeClaim_readsDenied_neverConfirmed() {
    PendingAction p = store.put(ALICE, new NoopAction(), recipe(), () -> { });
    assertThat(store.peek(p.id(), rebuilder)).isSameAs(p);
    assertThat(store.deny(p.id(), "ix-deny")).isTrue();
    assertThat(another().claim(p.id(), ALICE.userId(), "ix-deny", "t", LEASE, rebuilder))
        .as("the same click on another replica").isEqualTo(new Claim.HandledElsewhere());
    assertThat(claim(store, p.id(), ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.DENIED));
  }

  @Test
  void aClaimWithoutAResult_isStaleAfterItsLease_orAtOnceForALaterStart_andIsReportedOnce() {
    String finished = put(ALICE, () -> { });
    String dying = put(ALICE, () -> { });
    assertThat(store.claim(finished, ALICE.userId(), "ix-a", "token-a", LEASE, rebuilder)).isInstanceOf(Claim.Claimed.class);
    assertThat(store.claim(dying, ALICE.userId(), "ix-b", "token-b", LEASE, rebuilder)).isInstanceOf(Claim.Claimed.class);
    store.finish(finished);

    assertThat(store.staleClaims(Instant.EPOCH)).as("a live claim inside its lease").isEmpty();
    Instant restartedAt = now.get().plusSeconds(1);
    assertThat(store.staleClaims(restartedAt)).as("never this process's own live claim").isEmpty();
    List<PendingRow> stale = another().staleClaims(restartedAt);
    assertThat(stale).extracting(PendingRow::id).containsExactly(dying);
    assertThat(stale.get(0).claimToken()).isEqualTo("token-b");
    now.set(now.get().plus(LEASE).plusSeconds(1));
    assertThat(another().staleClaims(Instant.EPOCH)).extracting(PendingRow::id).containsExactly(dying);

    assertThat(another().markUnknown(dying)).isTrue();
    assertThat(store.markUnknown(dying)).as("reported once").isFalse();
    assertThat(db.pending(dying).claimToken()).as("the token is dropped once the claim ended").isNull();
    assertThat(db.pending(finished).claimToken()).isNull();
    assertThat(another().staleClaims(restartedAt)).isEmpty();
  }

  @Test
  void aCancelDeliveredToTwoReplicas_isAnsweredByOne() {
    String id = put(ALICE, () -> { });
    assertThat(another().cancel(id, ALICE.userId(), "ix-c", rebuilder)).isInstanceOf(Claim.Claimed.class);
    assertThat(store.cancel(id, ALICE.userId(), "ix-c", rebuilder)).isEqualTo(new Claim.HandledElsewhere());
    assertThat(store.cancel(id, ALICE.userId(), "ix-d", rebuilder))
        .isEqualTo(new Claim.Gone(ConfirmationState.CANCELLED));
  }

  @Test
  void aCardThatCannotBeRebuiltHere_butWasClaimedElsewhere_saysConfirmed_notRefused() {
    String id = put(ALICE, () -> { });
    ConfirmationStore replica = another();
    Rebuilder claimsFirst = (r, i) -> {
      assertThat(claim(store, id, ALICE)).isInstanceOf(Claim.Claimed.class); // the maker wins meanwhile
      throw new NotRebuildable("config differs on this replica");
    };
    assertThat(replica.claim(id, ALICE.userId(), "ix-r", "t", LEASE, claimsFirst))
        .isEqualTo(new Claim.Gone(ConfirmationState.CONFIRMED));
    assertThat(db.pending(id).state()).isEqualTo(PendingState.CONFIRMED);
  }

  @Test
  void whenTheStoreCannotSayAtExpiry_theCardIsNotCalledExpired() {
    AtomicInteger notices = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    ConfirmationStore flaky = new ConfirmationStore(Duration.ofSeconds(60), ticker, Runnable::run,
        Scheduler.disabledScheduler(), new DownWhen(db, down), Duration.ofSeconds(5), clock);
    String id = flaky.put(ALICE, new NoopAction(), recipe(), notices::incrementAndGet).id();
    assertThat(another().claim(id, ALICE.userId(), "ix-x", "t", LEASE, rebuilder)).isInstanceOf(Claim.Claimed.class);
    down.set(true);
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    flaky.cleanUp();
    assertThat(notices.get()).as("a replica may have sent it: never 'expired, nothing was sent' on a guess").isZero();
  }

  @Test
  void aClickRefusedBecauseTheStoreFailed_isUndone_soTheNextClickConfirms_neverReadingAlreadyConfirmed() {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    DownWhen flaky = new DownWhen(db, down);
    ConfirmationStore s = new ConfirmationStore(Duration.ofSeconds(60), ticker, Runnable::run,
        Scheduler.disabledScheduler(), flaky, Duration.ofSeconds(5), clock);
    String id = s.put(ALICE, new NoopAction(), recipe(), () -> { }).id();

    flaky.loseClaimReplies.set(true); // the claim is written, but the bot hears a failure: the click is refused
    down.set(true); // and the store stays down a moment: the claim cannot be undone at once
    assertThat(s.claim(id, ALICE.userId(), "ix-1", "token", LEASE, rebuilder)).isInstanceOf(Claim.Unavailable.class);
    flaky.loseClaimReplies.set(false);
    assertThat(db.pending(id).state()).as("the refused click's claim landed").isEqualTo(PendingState.CONFIRMED);

    down.set(false);
    assertThat(s.staleClaims(now.get().plusSeconds(600))).as("a refused click is no dead trade").isEmpty();
    Claim again = s.claim(id, ALICE.userId(), "ix-2", "token", LEASE, rebuilder);
    assertThat(again).as("nothing was sent for the first click: the second one confirms")
        .isInstanceOf(Claim.Claimed.class);
    assertThat(db.pending(id).claimInteraction()).isEqualTo("ix-2");
  }

  @Test
  void aRefusedClaim_isUndoneInTheBackground_onceTheStoreAnswers() {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    DownWhen flaky = new DownWhen(db, down);
    ConfirmationStore s = new ConfirmationStore(Duration.ofSeconds(60), ticker, Runnable::run,
        Scheduler.disabledScheduler(), flaky, Duration.ofSeconds(5), clock);
    String id = s.put(ALICE, new NoopAction(), recipe(), () -> { }).id();
    flaky.loseClaimReplies.set(true);
    down.set(true);
    s.claim(id, ALICE.userId(), "ix-1", "token", LEASE, rebuilder);
    flaky.loseClaimReplies.set(false);
    s.undoRefusedClaims();
    assertThat(db.pending(id).state()).as("still down").isEqualTo(PendingState.CONFIRMED);

    down.set(false);
    s.undoRefusedClaims();
    assertThat(db.pending(id).state()).isEqualTo(PendingState.PENDING);
    assertThat(db.pending(id).claimInteraction()).isNull();
    assertThat(another().claim(id, ALICE.userId(), "ix-3", "token", LEASE, rebuilder))
        .as("another replica can confirm it too").isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void aSecondRefusedClick_doesNotReplaceTheFirst_whoseLateClaimIsStillUndone() {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    DownWhen flaky = new DownWhen(db, down);
    ConfirmationStore s = new ConfirmationStore(Duration.ofSeconds(60), ticker, Runnable::run,
        Scheduler.disabledScheduler(), flaky, Duration.ofSeconds(5), clock);
    String id = s.put(ALICE, new NoopAction(), recipe(), () -> { }).id();
    flaky.loseClaimReplies.set(true);
    down.set(true);
    assertThat(s.claim(id, ALICE.userId(), "ix-1", "token", LEASE, rebuilder)).isInstanceOf(Claim.Unavailable.class);
    flaky.loseClaimReplies.set(false);
    Claim second = s.claim(id, ALICE.userId(), "ix-2", "token", LEASE, rebuilder);
    assertThat(second).isInstanceOf(Claim.Unavailable.class);
    assertThat(((Claim.Unavailable) second).claimMayHaveLanded()).as("ix-2 never tried to claim")
        .isFalse();

    down.set(false);
    assertThat(s.claim(id, ALICE.userId(), "ix-3", "token", LEASE, rebuilder))
        .as("ix-1's claim is undone, so the third click confirms").isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void aClaimRefusedAfterwards_readsRefused_neverAlreadyConfirmed() {
    String id = put(ALICE, () -> { });
    assertThat(claim(store, id, ALICE)).isInstanceOf(Claim.Claimed.class);
    store.refuseClaimed(id); // e.g. halted at the click: nothing was sent
    assertThat(claim(another(), id, ALICE)).isEqualTo(new Claim.Gone(ConfirmationState.DENIED));
    assertThat(another().staleClaims(now.get().plusSeconds(600))).isEmpty();
  }

  @Test
  void finishRecordsTheEnd_andALaterStartDoesNotReportIt() {
    String id = put(ALICE, () -> { });
    claim(store, id, ALICE);
    store.finish(id);
    assertThat(db.pending(id).state()).isEqualTo(PendingState.DONE);
    assertThat(another().staleClaims(now.get().plusSeconds(1))).isEmpty();
  }

  /** The real store, failing every call while {@code down}. */
  static final class DownWhen implements org.crosstradediscord.bot.store.Store {
    private final org.crosstradediscord.bot.store.Store real;
    private final java.util.concurrent.atomic.AtomicBoolean down;
    final java.util.concurrent.atomic.AtomicBoolean loseClaimReplies = new java.util.concurrent.atomic.AtomicBoolean();

    DownWhen(org.crosstradediscord.bot.store.Store real, java.util.concurrent.atomic.AtomicBoolean down) {
      this.real = real;
      this.down = down;
    }

    private <T> T check(java.util.function.Supplier<T> call) {
      if (down.get()) {
        throw new org.crosstradediscord.bot.store.StoreException("database down", null);
      }
      return call.get();
    }

    public void append(org.crosstradediscord.bot.audit.StoredEvent e) { check(() -> { real.append(e); return null; }); }
    public List<org.crosstradediscord.bot.audit.StoredEvent> recent(java.util.OptionalLong u, int c) { return check(() -> real.recent(u, c)); }
    public void export(Instant f, Instant t, java.util.function.Consumer<org.crosstradediscord.bot.audit.StoredEvent> s) { check(() -> { real.export(f, t, s); return null; }); }
    public org.crosstradediscord.bot.store.HaltState halt() { return check(real::halt); }
    public void setHalt(org.crosstradediscord.bot.store.HaltState h) { check(() -> { real.setHalt(h); return null; }); }
    public boolean resumeHalt(org.crosstradediscord.bot.store.HaltState h, Instant s) { return check(() -> real.resumeHalt(h, s)); }
    public void addPending(PendingRow r) { check(() -> { real.addPending(r); return null; }); }
    public PendingRow pending(String id) { return check(() -> real.pending(id)); }
    public boolean claimPending(String id, long u, String ix, String t, Instant n, Instant l) {
      if (loseClaimReplies.get()) { // the UPDATE commits, its answer is lost (e.g. a PostgreSQL reply after a timeout)
        real.claimPending(id, u, ix, t, n, l);
        throw new org.crosstradediscord.bot.store.StoreException("the connection was lost after the update", null);
      }
      return check(() -> real.claimPending(id, u, ix, t, n, l));
    }
    public boolean unclaimPending(String id, String ix, Instant n) { return check(() -> real.unclaimPending(id, ix, n)); }
    public boolean movePending(String id, PendingState f, PendingState t, Instant n) { return check(() -> real.movePending(id, f, t, n)); }
    public boolean endPending(String id, PendingState t, String ix, Instant n) { return check(() -> real.endPending(id, t, ix, n)); }
    public List<PendingRow> staleClaims(Instant n, Instant b) { return check(() -> real.staleClaims(n, b)); }
    public int prunePending(Instant b) { return check(() -> real.prunePending(b)); }
    public boolean shared() { return real.shared(); }
    public org.crosstradediscord.bot.store.ControlStore controls() { return real.controls(); }
    public org.crosstradediscord.bot.store.AlertStore alerts() { return real.alerts(); }
    public org.crosstradediscord.bot.store.ApprovalStore approvals() { return real.approvals(); }
    public org.crosstradediscord.bot.store.UnknownOutcomes unknowns() { return real.unknowns(); }
    public String describe() { return "down-when"; }
    public org.crosstradediscord.bot.store.ReportStore reports() { return real.reports(); }
    public void close() { }
  }
}
