package org.crosstradediscord.bot.confirmation;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending confirmations, keyed by an unguessable id (128 random bits, 22 URL-safe characters), kept in the durable
 * {@link Store} so that a click after a restart, or on another replica, still works; a card this process made is also
 * held in memory (with what its review read, and the callback that marks it expired after the confirmation timeout,
 * via Caffeine).
 *
 * <p>A pending action is claimed <b>at most once</b>, across processes: the claim is a row-level compare-and-set
 * ({@code PENDING → CONFIRMED}, only for the invoker, only before it expires), so two simultaneous Confirm clicks — or
 * one click delivered to two replicas — execute one action. A claimed row carries a lease (the bot's shutdown grace):
 * if its result is never recorded ({@link #finish}), the process died while sending, and {@link #staleClaims} finds it
 * for the "outcome unknown" report.
 *
 * <p>Store calls wait at most {@code storeWait} (on the interaction steps pool, never JDA's gateway thread); a store
 * that fails or does not answer refuses the card or the click (nothing is sent), never guesses. A Confirm refused
 * because its claim's write failed is remembered and its claim undone ({@link #undoRefusedClaims}).
 */
public final class ConfirmationStore {
  private static final Logger log = LoggerFactory.getLogger(ConfirmationStore.class);

  private final Duration timeout;
  private final LocalCards cards;
  private final DurableRows stored;
  private final RefusedClaims refused;
  private final ClickClaims clicks;
  /** Claims this process is handling (claimed, result not yet recorded). */
  private final Set<String> live = ConcurrentHashMap.newKeySet();
  private volatile Consumer<String> onCreated = command -> { };

  /**
   * @param timeout how long a pending action can be confirmed
   * @param ticker time source of the in-memory expiry (Caffeine's {@code Ticker.systemTicker()} in production)
   * @param executor runs expiry callbacks
   * @param scheduler wakes expiry promptly ({@code Scheduler.systemScheduler()}), or {@code Scheduler.disabledScheduler()}
   * @param rows the durable store
   * @param storeWait the longest an interaction waits for the store
   * @param clock wall clock for the stored expiry and leases
   */
  public ConfirmationStore(Duration timeout, Ticker ticker, Executor executor, Scheduler scheduler, Store rows,
      Duration storeWait, Clock clock) {
    StoreCalls calls = new StoreCalls("confirmation-store", storeWait);
    this.timeout = timeout;
    this.cards = new LocalCards(timeout, ticker, executor, scheduler);
    this.stored = new DurableRows(timeout, rows, calls, clock);
    this.refused = new RefusedClaims(rows, calls, clock);
    this.clicks = new ClickClaims(rows, calls, clock, cards, refused);
  }

  /**
   * @param timeout how long a pending action can be confirmed
   * @param rows the durable store
   * @param storeWait the longest an interaction waits for the store
   * @return a store on the system clock with prompt expiry
   */
  public static ConfirmationStore create(Duration timeout, Store rows, Duration storeWait) {
    return new ConfirmationStore(timeout, Ticker.systemTicker(), ForkJoinPool.commonPool(), Scheduler.systemScheduler(),
        rows, storeWait, Clock.systemUTC());
  }

  /**
   * @param listener told the command name of each pending action {@link #put} records (on the caller's thread;
   *     must not block), e.g. to count confirmation cards for {@code /metrics}
   */
  public void onCreated(Consumer<String> listener) {
    onCreated = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Records a new pending action (durably first, then in memory).
   *
   * @param invoker the member who ran the command
   * @param action the validated action
   * @param recipe how to build it again elsewhere
   * @param onExpiry run once if the action expires unconfirmed in this process (and no replica claimed it)
   * @return the pending action with its new id
   * @throws StoreException the store could not record it (show no card: it could not be confirmed reliably)
   */
  public PendingAction put(Invoker invoker, TradeAction action, Recipe recipe, Runnable onExpiry) {
    PendingRow row = stored.add(invoker, recipe);
    String id = row.id();
    PendingAction p = new PendingAction(id, invoker, action, row.createdAt(), () -> {
      // Only a card this call really expired says "expired": another replica may have claimed it, and a store that
      // cannot be asked leaves the card as it is (a click on it is then refused as unavailable or expired).
      if (stored.expire(id)) {
        onExpiry.run();
      }
    });
    cards.put(p);
    try {
      onCreated.accept(recipe.command());
    } catch (RuntimeException e) {
      log.warn("confirmation listener failed: {}", e.toString());
    }
    return p;
  }

  /**
   * Looks at a pending action without claiming it, so the role and account policy can be re-checked before anything
   * is marked confirmed. A card made by another process is built again from the store.
   *
   * @param id the id from the button's custom_id
   * @param rebuilder builds a stored action again
   * @return the pending action, or null when it is not pending (or cannot be read or built now)
   */
  public PendingAction peek(String id, Rebuilder rebuilder) {
    return clicks.peek(id, rebuilder);
  }

  /** {@link #claim(String, long, String, String, Duration, Rebuilder, Runnable)} with no second step. */
  public Claim claim(String id, long userId, String interactionId, String token, Duration lease, Rebuilder rebuilder) {
    return claim(id, userId, interactionId, token, lease, rebuilder, () -> { });
  }

  /**
   * Claims a pending action for execution: succeeds once across every process on the store, for its invoker only,
   * before it expires; then, only when this call claimed it, one more step in the same store call (the store's thread,
   * the same wait), e.g. the halt switch's fresh read: one hand-off to the store instead of two before the order.
   *
   * @param id the id from the button's custom_id
   * @param userId the clicking member's user id
   * @param interactionId the click's interaction id
   * @param token the click's interaction token, kept until {@link #finish} to report "outcome unknown" if the process
   *     dies while sending
   * @param lease how long the claim may take before it is taken for dead
   * @param rebuilder builds a stored action again
   * @param thenInTheSameCall runs right after a successful claim; must not throw, may wait only on the store (when
   *     the wait runs out it may not have run)
   * @return claimed, not the invoker, gone (with why), refused, handled elsewhere, or unavailable
   */
  public Claim claim(String id, long userId, String interactionId, String token, Duration lease, Rebuilder rebuilder,
      Runnable thenInTheSameCall) {
    Claim c = clicks.claim(id, userId, interactionId, token, lease, rebuilder, thenInTheSameCall);
    if (c instanceof Claim.Claimed) {
      live.add(id); // this process is handling it: its own recovery never reports it
      refused.forget(id); // the row left PENDING: a late claim can't land now
    } else if (c instanceof Claim.Unavailable u && u.claimMayHaveLanded()) {
      // refused, nothing sent: if the write commits late it is undone (next click on the card, or ClaimRecovery)
      refused.add(id, interactionId);
    }
    return c;
  }

  /**
   * Cancels a pending action: succeeds once, for its invoker only.
   *
   * @param id the id from the button's custom_id
   * @param userId the clicking member's user id
   * @param interactionId the click's interaction id
   * @param rebuilder builds a stored action again (for its card title and audit line)
   * @return claimed (now cancelled), not the invoker, gone, refused, handled elsewhere, or unavailable
   */
  public Claim cancel(String id, long userId, String interactionId, Rebuilder rebuilder) {
    return clicks.cancel(id, userId, interactionId, rebuilder);
  }

  /**
   * Drops a pending action without executing it (its card never reached Discord), marking it cancelled.
   *
   * @param id the id
   */
  public void discard(String id) {
    cards.drop(id);
    stored.moveOrAssume(id, PendingState.PENDING, PendingState.CANCELLED);
  }

  /**
   * Drops a pending action its invoker may no longer run, so a later click reads "refused", not "confirmed".
   *
   * @param id the id
   * @param interactionId the click's interaction id
   * @return true when this call refused it (it was pending)
   */
  public boolean deny(String id, String interactionId) {
    if (stored.deny(id, interactionId)) {
      cards.drop(id);
      return true;
    }
    return false;
  }

  /**
   * Undoes, where the store answers now, the claims of Confirm clicks that were refused because the store failed
   * while claiming them; the others stay for the next call. Never throws.
   */
  public void undoRefusedClaims() {
    refused.undoAll();
  }

  /**
   * Records that this process handles a claim it made outside {@link #claim} (a second member's approval of a
   * request): its own recovery of stale claims never reports it while it runs; {@link #finish} or
   * {@link #refuseClaimed} ends it.
   *
   * @param id the claimed id
   */
  public void handling(String id) {
    live.add(id);
  }

  /**
   * Ends a claimed action that was refused before anything was sent (roles, limits or a halt at the click, or the
   * bot stopping): {@code CONFIRMED → DENIED}, so a second click reads "refused", never "already confirmed once".
   *
   * @param id the id
   */
  public void refuseClaimed(String id) {
    if (stored.endClaim(id, PendingState.DENIED, "a refused claim")) {
      live.remove(id);
    }
  }

  /** @param id a claimed action whose result was reported (sent or not): the claim ends, its token is dropped */
  public void finish(String id) {
    if (stored.endClaim(id, PendingState.DONE, "the end of a claim")) {
      live.remove(id);
    }
    // Still CONFIRMED in the store after 3 failed attempts: this process never reports it (it is in `live`); a later
    // start reports it "outcome unknown", which errs towards "check NinjaTrader".
  }

  /** @return the pending action {@code id} (a custom_id's) this process holds in memory (it made the card), or null */
  public PendingAction local(String id) {
    return id == null ? null : cards.get(id);
  }

  /** @return true when the store says card {@code id} still waits for a click; false when not, or it cannot say */
  public boolean stillPending(String id) {
    return stored.stillPending(id);
  }

  /**
   * Claims whose process died: the rows still {@code CONFIRMED} after their lease, or claimed before
   * {@code claimedBefore}. Each must be reported by whoever moves it to {@code UNKNOWN} first.
   *
   * @param claimedBefore the start of this process when it is the only one on an embedded store (no process that
   *     claimed earlier can be alive), else {@link Instant#EPOCH}
   * @return the rows, at most 100
   * @throws StoreException the store cannot be read
   */
  public List<PendingRow> staleClaims(Instant claimedBefore) {
    return stored.staleClaims(claimedBefore).stream().filter(r -> !live.contains(r.id()) && !refused.watches(r.id()))
        .toList();
  }

  /** @return true when this call moved stale claim {@code id} CONFIRMED → UNKNOWN (and must report it) */
  public boolean markUnknown(String id) {
    return stored.markUnknown(id);
  }

  /** @return how many rows that ended (or expired) more than a day ago were deleted; a store failure throws */
  public int prune() {
    return stored.prune();
  }

  /** Stops expiry work (the bot is stopping: its cards can no longer be edited); the store itself stays open. */
  public void close() {
    cards.close();
  }

  /** Runs pending expiry work now (tests and shutdown). */
  public void cleanUp() {
    cards.cleanUp();
  }

  /** @return the confirmation timeout */
  public Duration timeout() {
    return timeout;
  }

  /** @return how many actions this process holds pending in memory */
  public long size() {
    return cards.size();
  }
}
