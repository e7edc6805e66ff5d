package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The bot's durable state: the audit trail, the halt switch and the pending confirmations. One interface, one JDBC implementation
 * ({@link JdbcStore}) for an embedded SQLite file or a shared PostgreSQL. Every method reads or writes the database
 * at once (no cache of its own; the halt switch keeps the halt in memory and reads it here every second).
 *
 * <p>Every method may throw {@link StoreException} (database unreachable, disk full, …); callers decide what a
 * failure means: an audit write that fails is logged and never blocks a trade, a halt state that cannot be read is
 * treated as halted for risk-increasing commands.
 */
public interface Store extends AutoCloseable {
  /**
   * Appends one event to the audit trail.
   *
   * @param event the event and when it happened
   */
  void append(StoredEvent event);

  /**
   * @param userId only this member's events, or empty for everyone's
   * @param count how many, at most
   * @return the newest events first
   */
  List<StoredEvent> recent(OptionalLong userId, int count);

  /**
   * Streams the events with {@code from <= at < to}, oldest first.
   *
   * @param from inclusive
   * @param to exclusive
   * @param sink receives each event
   */
  void export(Instant from, Instant to, Consumer<StoredEvent> sink);

  /** @return the current halt state, read from the database */
  HaltState halt();

  /** @param state the new halt state (halted or resumed, with who, why and when) */
  void setHalt(HaltState state);

  /**
   * Resumes the halt that began at {@code haltedSince}, once (compare-and-set on the halt's start): a resume whose
   * write reaches the database late never undoes a newer halt.
   *
   * @param resumed the new state (not halted, with who and when)
   * @param haltedSince the start of the halt being resumed, as read
   * @return true when this call resumed it; false when that halt is not the current state any more (already resumed,
   *     or replaced by a newer halt)
   */
  boolean resumeHalt(HaltState resumed, Instant haltedSince);

  /**
   * Records a new pending confirmation (state {@link PendingState#PENDING}; the row's state and claim fields are
   * ignored).
   *
   * @param row the card's action
   */
  void addPending(PendingRow row);

  /**
   * @param id a pending confirmation's id
   * @return its row in any state, or null when the id was never recorded (or was pruned)
   */
  PendingRow pending(String id);

  /**
   * Claims a pending confirmation for one Confirm click: {@code PENDING} and not expired at {@code now} and owned by
   * {@code userId} → {@code CONFIRMED} with the click and a lease, in one row-level compare-and-set.
   *
   * @param id the id
   * @param userId the clicking member (must be the invoker)
   * @param interactionId the click's interaction id
   * @param token the click's interaction token (to edit the card if the process dies while sending)
   * @param now the click's time
   * @param leaseUntil after this, a claim without a result is taken for dead
   * @return true when this call claimed it; false when it was not pending, expired, or someone else's
   */
  boolean claimPending(String id, long userId, String interactionId, String token, Instant now, Instant leaseUntil);

  /**
   * Undoes the claim of a Confirm click that was refused because the store failed while claiming it (the claim may
   * have been written or not; nothing was sent for it): {@code CONFIRMED} by that interaction → {@code PENDING},
   * claim cleared, so a later click can still confirm it (and never reads "already confirmed once").
   *
   * @param id the id
   * @param interactionId the refused click's interaction id
   * @param now when
   * @return true when this call undid a claim; false when that click's claim is not there (it never landed)
   */
  boolean unclaimPending(String id, String interactionId, Instant now);

  /**
   * Moves a pending confirmation from one state to another, once (compare-and-set); a final state clears the token.
   *
   * @param id the id
   * @param from the state it must be in
   * @param to the new state
   * @param now when
   * @return true when this call moved it
   */
  boolean movePending(String id, PendingState from, PendingState to, Instant now);

  /**
   * Ends a pending confirmation for one click ({@code PENDING} → {@code CANCELLED} or {@code DENIED}), recording the
   * click's interaction id so a replica that sees the same click knows it was answered.
   *
   * @param id the id
   * @param to the final state
   * @param interactionId the click's interaction id
   * @param now when
   * @return true when this call ended it
   */
  boolean endPending(String id, PendingState to, String interactionId, Instant now);

  /**
   * @param now the time
   * @param claimedBefore also the claims made before this, lease or not (the start of the only process on an embedded
   *     store: no process that claimed them can be alive), or {@link Instant#EPOCH}
   * @return the {@code CONFIRMED} rows whose lease passed before {@code now} or that were claimed before
   *     {@code claimedBefore}, oldest lease first, at most 100
   */
  List<PendingRow> staleClaims(Instant now, Instant claimedBefore);

  /**
   * Deletes rows in a final state last changed before {@code before}, and {@code PENDING} rows that expired before it.
   *
   * @param before the cut-off
   * @return how many were deleted
   */
  int prunePending(Instant before);











  /** @return true when other bot replicas may share this store (PostgreSQL); false for an embedded SQLite file */
  boolean shared();

  /** @return the desk's controls beside the halt: the board's message and lease, the guards' once-per-session trips */
  ControlStore controls();

  /** @return the alert desk's rows (the same database and pool) */
  AlertStore alerts();

  /** @return the two-person rule's requests (the same database and pool) */
  ApprovalStore approvals();
  /** @return the outcome-unknown trades and alerts (the same database and pool) */
  UnknownOutcomes unknowns();

  /** @return the session reports' samples and claims (the same database and pool) */
  ReportStore reports();

  /** @return where the store is, for logs: the JDBC URL without query or credentials */
  String describe();

  @Override
  void close();
}
