package org.crosstradediscord.bot.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.crosstradediscord.bot.risk.TradingSession;
import org.crosstradediscord.bot.store.PnlSample;

/**
 * One account's session as stored: what a session report shows.
 *
 * @param account the account (as configured)
 * @param session the session
 * @param until the end of what is covered (the session's end, or earlier: now for the session in progress, the
 *     report time with {@code board.report_at})
 * @param zone the session's zone (for times on the chart)
 * @param samples the P&amp;L samples with {@code session.start <= at < until}, oldest first
 * @param stats what the samples say
 * @param activity the bot's trades on the account and the halts, {@code session.start <= at < until}
 */
public record SessionReport(String account, TradingSession session, Instant until, ZoneId zone,
    List<PnlSample> samples, SessionStats stats, SessionActivity activity) {
  /** Copies the list. */
  public SessionReport {
    samples = List.copyOf(samples);
  }
}
