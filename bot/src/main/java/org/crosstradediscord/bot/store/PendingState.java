package org.crosstradediscord.bot.store;

/**
 * Where a pending confirmation is in its life. {@code PENDING} may become {@code CONFIRMED} (claimed by one Confirm
 * click, being sent), {@code CANCELLED}, {@code EXPIRED} or {@code DENIED}; {@code CONFIRMED} becomes {@code DONE} when
 * its result was reported, or {@code UNKNOWN} when its lease passed without one (the process died while sending).
 * Every change is a row-level compare-and-set, so each happens once across replicas.
 */
public enum PendingState {
  /** Waiting for its invoker's Confirm or Cancel. */
  PENDING,
  /**
   * Confirmed by its invoker, waiting for a second member's approval (the two-person rule); {@code expires_micros} is
   * the request's expiry. Becomes {@code CONFIRMED} (approved), {@code CANCELLED} (rejected) or {@code EXPIRED}.
   */
  AWAITING,
  /** Claimed by a Confirm click (or a second member's approval); the trade is being handled (held under a lease). */
  CONFIRMED,
  /** The trade's result (sent or not) was reported on its card and audited. */
  DONE,
  /** Cancelled by its invoker, or its card never reached Discord. */
  CANCELLED,
  /** Not confirmed within the confirmation timeout. */
  EXPIRED,
  /** Refused at the click (roles, accounts or limits no longer allow it). */
  DENIED,
  /** Claimed, then the lease passed without a result: reported "outcome unknown" after a restart. */
  UNKNOWN;

  /** @return true for the states nothing moves out of */
  public boolean isFinal() {
    return this != PENDING && this != AWAITING && this != CONFIRMED;
  }
}
