package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.List;

/**
 * The session reports' rows (Flyway V9): the P&amp;L samples of the board's accounts ({@code pnl_sample}) and the
 * reports posted ({@code session_report}, one row per account and session: the replica that inserts it posts). Every
 * method throws {@link StoreException} when the store cannot answer within its pool wait or the statement fails.
 */
public interface ReportStore {
  /**
   * Records samples; a sample of the same account at the same microsecond as one already stored is left out.
   *
   * @param samples the samples (any accounts), possibly empty
   */
  void addSamples(List<PnlSample> samples);

  /**
   * @param account the account (exactly as configured)
   * @param from inclusive
   * @param to exclusive
   * @return its samples with {@code from <= at < to}, oldest first, at most {@value #MAX_SAMPLES} (the oldest ones)
   */
  List<PnlSample> samples(String account, Instant from, Instant to);

  /** Most samples {@link #samples} returns: a day and a bit at one per 10 s. */
  int MAX_SAMPLES = 10_000;

  /**
   * @param before the cut-off
   * @return how many samples older than it (and report rows recorded before it) were deleted
   */
  int prune(Instant before);

  /**
   * Claims the report of an account's session, once across replicas (row-level insert). The account is compared in any
   * case (stored lowercased, {@link java.util.Locale#ROOT}).
   *
   * @param account the account (as configured, any case)
   * @param sessionDay the session's trading day, {@code YYYY-MM-DD} (unique per session)
   * @param at when
   * @return true when this call claimed it (and must post it); false when it was claimed before
   */
  boolean claimReport(String account, String sessionDay, Instant at);
}
