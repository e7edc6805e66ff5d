package org.crosstradediscord.bot.confirmation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirm clicks refused because the store failed while claiming (id → the click's interaction id): their claim may
 * have been written, yet nothing was sent. Undone before the next click on the card and by
 * {@link ConfirmationStore#undoRefusedClaims}, so no later click reads "already confirmed once" and no recovery
 * reports them.
 */
final class RefusedClaims {
  /** Logs under the store's name, as before the split. */
  private static final Logger log = LoggerFactory.getLogger(ConfirmationStore.class);
  /** How long a refused claim is watched for a late commit (a statement stuck in the driver ends long before). */
  private static final Duration WATCH_REFUSED = Duration.ofMinutes(5);

  /** A Confirm click whose claim write failed: the card and the click's interaction id. */
  private record RefusedClaim(String id, String interactionId) {}

  /** Each refused claim, with when it was refused. */
  private final Map<RefusedClaim, Instant> refused = new ConcurrentHashMap<>();
  private final Store rows;
  private final StoreCalls calls;
  private final Clock clock;

  /**
   * @param rows the durable store
   * @param calls bounds each store call
   * @param clock wall clock
   */
  RefusedClaims(Store rows, StoreCalls calls, Clock clock) {
    this.rows = rows;
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * @param id the card
   * @param interactionId the refused click's interaction id
   */
  void add(String id, String interactionId) {
    refused.put(new RefusedClaim(id, interactionId), clock.instant());
  }

  /** @param id a card whose row left PENDING (a late claim can't land now): its refused claims are forgotten */
  void forget(String id) {
    refused.keySet().removeIf(r -> r.id().equals(id));
  }

  /**
   * @param id a card's id
   * @return true when a refused claim on it is still watched
   */
  boolean watches(String id) {
    return refused.keySet().stream().anyMatch(x -> x.id().equals(id));
  }

  /** Undoes every refused claim the store answers for now; the others stay for the next call. Never throws. */
  void undoAll() {
    for (RefusedClaim r : refused.keySet()) {
      try {
        undo(r);
      } catch (StoreException failed) {
        log.debug("a refused claim could not be undone yet: {}", SafeText.oneLine(failed.getMessage()));
      }
    }
  }

  /**
   * Undoes the refused claims on one card (before a new click on it).
   *
   * @param id the card
   * @throws StoreException the store failed or did not answer (the rest are not tried)
   */
  void undoFor(String id) {
    for (RefusedClaim r : refused.keySet()) {
      if (r.id().equals(id)) {
        undo(r);
      }
    }
  }

  /** Undoes one refused claim if it landed; forgets it once undone or watched long enough. */
  private void undo(RefusedClaim r) {
    if (calls.call(() -> rows.unclaimPending(r.id(), r.interactionId(), clock.instant()))) {
      log.info("undid the claim of a Confirm click that was refused when the store failed (nothing was sent)");
      refused.remove(r);
      return;
    }
    Instant since = refused.get(r);
    if (since != null && clock.instant().isAfter(since.plus(WATCH_REFUSED))) {
      refused.remove(r);
    }
  }
}
