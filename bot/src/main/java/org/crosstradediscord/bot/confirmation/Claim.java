package org.crosstradediscord.bot.confirmation;

/** Result of {@link ConfirmationStore#claim} and {@link ConfirmationStore#cancel}. */
public sealed interface Claim {
  /** @param pending the action, now claimed: execute it (or cancel it) once, then {@link ConfirmationStore#finish} */
  record Claimed(PendingAction pending) implements Claim {}

  /**
   * The clicking member is not the invoker; the action stays pending.
   *
   * @param command the pending action's command, for the audit line
   */
  record NotInvoker(String command) implements Claim {}

  /** @param state why the id cannot be claimed */
  record Gone(ConfirmationState state) implements Claim {}

  /**
   * The stored action can no longer be built as it was reviewed (e.g. the bot switched between paper and live
   * mode, or the config no longer allows its options); it is now refused.
   *
   * @param command the pending action's command
   * @param reason plain words for the member
   */
  record Refused(String command, String reason) implements Claim {}

  /** This very click was claimed by another replica, which answers it: this one must not answer at all. */
  record HandledElsewhere() implements Claim {}

  /**
   * The store failed or did not answer in time: nothing was claimed here, nothing may be sent.
   *
   * @param reason one line for the log (no secret)
   * @param claimMayHaveLanded the claim's write itself failed or timed out: it may still commit (then it is undone)
   */
  record Unavailable(String reason, boolean claimMayHaveLanded) implements Claim {
    /** @param reason one line for the log; the claim was not attempted */
    public Unavailable(String reason) {
      this(reason, false);
    }
  }
}
