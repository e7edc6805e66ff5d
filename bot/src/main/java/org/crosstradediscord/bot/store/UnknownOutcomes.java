package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome-unknown trades and alerts ({@code unknown_outcome}; Flyway V8): recorded by the replica that sent them,
 * concluded by its follow-up, listed by whichever replica draws the desk board. Every method throws
 * {@link StoreException} when the store cannot answer within its pool wait or the statement fails.
 */
public interface UnknownOutcomes {
  /** Unresolved rows {@link #unresolved} returns, at most. */
  int MAX_LISTED = 50;

  /**
   * Records an unknown outcome; recording the same id again changes nothing.
   *
   * @param outcomeId a new id (a UUID)
   * @param what what was sent, in plain words (at most 300 characters kept)
   * @param at when its outcome became unknown
   */
  void record(String outcomeId, String what, Instant at);

  /**
   * Stores a follow-up's finding; a resolving one also marks the row resolved (once: a later finding keeps the first
   * resolution time).
   *
   * @param outcomeId the row
   * @param verdict the verdict's name (at most 16 characters)
   * @param conclusion the finding in plain words (at most 1000 characters kept)
   * @param resolved true when the finding resolves it (it leaves the board)
   * @param at when
   * @return true when the row exists (false: never recorded, e.g. its write failed)
   */
  boolean conclude(String outcomeId, String verdict, String conclusion, boolean resolved, Instant at);

  /**
   * @param from inclusive (a trading session's start)
   * @param to exclusive (its end)
   * @return the unresolved rows with {@code from <= at < to}, oldest first, at most {@value #MAX_LISTED}
   */
  List<UnknownRow> unresolved(Instant from, Instant to);

  /**
   * @param outcomeId a row
   * @return it, or null when unknown
   */
  @Nullable UnknownRow get(String outcomeId);
}
