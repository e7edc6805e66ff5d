package org.crosstradediscord.bot.confirmation;

/** Why an id is not pending. */
public enum ConfirmationState {
  /** Never recorded (or pruned, a day after it ended). */
  UNKNOWN,
  /** The confirmation timeout passed. */
  EXPIRED,
  /** Confirmed by its invoker and waiting for a second member's approval (the two-person rule). */
  AWAITING_APPROVAL,
  /**
   * Made under the two-person rule (a second person must approve it), clicked on a bot that cannot make the request
   * (its {@code approvals} is off): never claimed.
   */
  NEEDS_SECOND_PERSON,
  /** Already confirmed (executed or executing). */
  CONFIRMED,
  /** Cancelled by its invoker. */
  CANCELLED,
  /** Refused at the click: the invoker's roles or accounts no longer allowed it. */
  DENIED
}
