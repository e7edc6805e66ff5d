package org.crosstradediscord.bot.confirmation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of pending actions outside a click's claim: recorded with a new id, expired, ended after a claim, read
 * for recovery and pruned.
 */
final class DurableRows {
  /** Logs under the store's name, as before the split. */
  private static final Logger log = LoggerFactory.getLogger(ConfirmationStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration timeout;
  private final Store rows;
  private final StoreCalls calls;
  private final Clock clock;

  /**
   * @param timeout how long a pending action can be confirmed
   * @param rows the durable store
   * @param calls bounds each store call
   * @param clock wall clock for the stored expiry
   */
  DurableRows(Duration timeout, Store rows, StoreCalls calls, Clock clock) {
    this.timeout = timeout;
    this.rows = rows;
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * Records a new pending row under a new unguessable id (128 random bits, 22 URL-safe characters).
   *
   * @param invoker the member who ran the command
   * @param recipe how to build the action again elsewhere
   * @return the row recorded, {@code PENDING} until now plus the timeout
   * @throws StoreException the store could not record it
   */
  PendingRow add(Invoker invoker, Recipe recipe) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    String options = OptionsJson.write(recipe.options());
    PendingRow row = new PendingRow(id, recipe.command(), invoker.userId(), invoker.userName(), invoker.roleIds(),
        options, recipe.mode(), now, now.plus(timeout), PendingState.PENDING, null, null, null, recipe.secondPerson());
    calls.call(() -> {
      rows.addPending(row);
      return null;
    });
    return row;
  }

  /** @return true when this call moved the row PENDING → EXPIRED (3 attempts); false when it did not or cannot say */
  boolean expire(String id) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return calls.call(() -> rows.movePending(id, PendingState.PENDING, PendingState.EXPIRED, clock.instant()));
      } catch (StoreException e) {
        log.warn("could not record an expired confirmation (attempt {} of 3): {}", attempt, SafeText.oneLine(e.getMessage()));
      }
    }
    return false;
  }

  /** @return true when this call moved the row, or the store could not be asked (the caller acts as if it had) */
  boolean moveOrAssume(String id, PendingState from, PendingState to) {
    try {
      return calls.call(() -> rows.movePending(id, from, to, clock.instant()));
    } catch (StoreException e) {
      log.warn("could not record a confirmation's change {} -> {}: {}", from, to, SafeText.oneLine(e.getMessage()));
      return true;
    }
  }

  /**
   * @param id the id
   * @param interactionId the click's interaction id
   * @return true when this call moved it from {@code PENDING} to {@code DENIED}; false when it did not or cannot say
   */
  boolean deny(String id, String interactionId) {
    try {
      return calls.call(() -> rows.endPending(id, PendingState.DENIED, interactionId, clock.instant()));
    } catch (StoreException e) {
      log.warn("could not record a refused confirmation: {}", SafeText.oneLine(e.getMessage()));
      return false;
    }
  }

  /**
   * Ends a claim, {@code CONFIRMED → to}, in up to 3 attempts.
   *
   * @param id the id
   * @param to the state it ends in
   * @param what what is recorded, for the warning of a failed attempt (e.g. "the end of a claim")
   * @return true when the store answered (whether or not the row moved); false when every attempt failed
   */
  boolean endClaim(String id, PendingState to, String what) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        calls.call(() -> rows.movePending(id, PendingState.CONFIRMED, to, clock.instant()));
        return true;
      } catch (StoreException e) {
        log.warn("could not record {} (attempt {} of 3): {}", what, attempt, SafeText.oneLine(e.getMessage()));
      }
    }
    return false;
  }

  /** See {@link ConfirmationStore#stillPending}. */
  boolean stillPending(String id) {
    try {
      PendingRow row = calls.call(() -> rows.pending(id));
      return row != null && row.state() == PendingState.PENDING;
    } catch (StoreException e) {
      return false;
    }
  }

  /**
   * @param claimedBefore see {@link ConfirmationStore#staleClaims}
   * @return every stale claim the store reports, at most 100, including this process's own
   * @throws StoreException the store cannot be read
   */
  List<PendingRow> staleClaims(Instant claimedBefore) {
    return rows.staleClaims(clock.instant(), claimedBefore);
  }

  /** See {@link ConfirmationStore#markUnknown}. */
  boolean markUnknown(String id) {
    return rows.movePending(id, PendingState.CONFIRMED, PendingState.UNKNOWN, clock.instant());
  }

  /** See {@link ConfirmationStore#prune}. */
  int prune() {
    return rows.prunePending(clock.instant().minus(Duration.ofDays(1)));
  }
}
