package org.crosstradediscord.bot.confirmation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cards this process made, held in memory (via Caffeine) with what their review read, until the confirmation
 * timeout, when their expiry callback runs; and, for a few seconds, the actions {@link ConfirmationStore#peek} just
 * built from the store.
 */
final class LocalCards {
  /** Logs under the store's name, as before the split. */
  private static final Logger log = LoggerFactory.getLogger(ConfirmationStore.class);

  private final Cache<String, PendingAction> local;
  /**
   * Actions {@link ConfirmationStore#peek} just built from the store, so the claim of the same click does not read
   * and build them again on the gateway thread (the claim's compare-and-set still checks state, invoker and expiry).
   */
  private final Cache<String, PendingAction> rebuilt = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofSeconds(10)).maximumSize(1_000).build();
  private volatile boolean closed;

  /**
   * @param timeout how long a pending action can be confirmed
   * @param ticker time source of the in-memory expiry (Caffeine's {@code Ticker.systemTicker()} in production)
   * @param executor runs expiry callbacks
   * @param scheduler wakes expiry promptly ({@code Scheduler.systemScheduler()}), or {@code Scheduler.disabledScheduler()}
   */
  LocalCards(Duration timeout, Ticker ticker, Executor executor, Scheduler scheduler) {
    this.local = Caffeine.newBuilder().ticker(ticker).executor(executor).scheduler(scheduler)
        .expireAfterWrite(timeout).maximumSize(10_000)
        .<String, PendingAction>removalListener((id, p, cause) -> {
          // EXPIRED: the timeout passed; SIZE: evicted at capacity (the stored row still expires by time).
          if (cause == RemovalCause.EXPIRED && id != null && p != null && !closed) {
            try {
              p.onExpiry().run();
            } catch (RuntimeException e) {
              log.warn("expiry callback of {} failed: {}", p.action().command(), SafeText.oneLine(e.toString()));
            }
          }
        })
        .build();
  }

  /** @param p a card this process just made: held until the timeout, then its expiry callback runs */
  void put(PendingAction p) {
    local.put(p.id(), p);
  }

  /**
   * @param id a card's id
   * @return the card this process made, or null
   */
  PendingAction get(String id) {
    return local.getIfPresent(id);
  }

  /** @param id a card's id: no longer held here (its expiry callback does not run) */
  void drop(String id) {
    local.invalidate(id);
  }

  /**
   * @param id a card's id
   * @param p the action just built again from its stored row
   */
  void keepRebuilt(String id, PendingAction p) {
    rebuilt.put(id, p);
  }

  /**
   * @param id a card's id
   * @return the action built again a moment ago (now forgotten), or null
   */
  PendingAction takeRebuilt(String id) {
    PendingAction p = rebuilt.getIfPresent(id);
    rebuilt.invalidate(id);
    return p;
  }

  /** Stops expiry callbacks. */
  void close() {
    closed = true;
  }

  /** Runs pending expiry work now. */
  void cleanUp() {
    local.cleanUp();
  }

  /** @return how many cards are held, after pending expiry work ran */
  long size() {
    local.cleanUp();
    return local.estimatedSize();
  }
}
