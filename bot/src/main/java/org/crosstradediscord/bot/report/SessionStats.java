package org.crosstradediscord.bot.report;

import java.time.Instant;
import java.util.List;
import org.crosstradediscord.bot.store.PnlSample;
import org.jspecify.annotations.Nullable;

/**
 * What a session's P&amp;L samples say, on the total (realized + unrealized) in the account's currency. Samples whose
 * total is unknown (a value missing, not finite) are left out; with none left the stats are {@link #empty()}.
 *
 * @param count samples with a known total
 * @param high the highest total, or 0 when empty
 * @param highAt when it was first reached, or null when empty
 * @param low the lowest total, or 0 when empty
 * @param lowAt when it was first reached, or null when empty
 * @param maxDrawdown the largest fall from a running high to a later total (0 or positive; 0 when it never fell)
 * @param drawdownFrom when that high was reached, or null when there was no fall
 * @param drawdownTo when the fall's bottom was reached, or null when there was no fall
 * @param lastTotal the newest known total, or 0 when empty
 * @param lastRealized the newest sample's realized P&amp;L, or null when empty or unknown
 */
public record SessionStats(int count, double high, @Nullable Instant highAt, double low, @Nullable Instant lowAt,
    double maxDrawdown, @Nullable Instant drawdownFrom, @Nullable Instant drawdownTo, double lastTotal,
    @Nullable Double lastRealized) {
  /** No sample with a known total. */
  public static final SessionStats EMPTY = new SessionStats(0, 0, null, 0, null, 0, null, null, 0, null);

  /**
   * @param samples one account's samples, oldest first
   * @return their stats ({@link #EMPTY} when none has a known total)
   */
  public static SessionStats of(List<PnlSample> samples) {
    int count = 0;
    double high = 0;
    double low = 0;
    double last = 0;
    double peak = 0;
    double drawdown = 0;
    Instant highAt = null;
    Instant lowAt = null;
    Instant peakAt = null;
    Instant from = null;
    Instant to = null;
    Double lastRealized = null;
    for (PnlSample s : samples) {
      Double total = s.total();
      if (total == null || !Double.isFinite(total)) {
        continue;
      }
      double v = total;
      if (count == 0 || v > high) {
        high = v;
        highAt = s.at();
      }
      if (count == 0 || v < low) {
        low = v;
        lowAt = s.at();
      }
      if (count == 0 || v > peak) {
        peak = v;
        peakAt = s.at();
      }
      if (peak - v > drawdown) {
        drawdown = peak - v;
        from = peakAt;
        to = s.at();
      }
      last = v;
      lastRealized = s.realized();
      count++;
    }
    return count == 0 ? EMPTY : new SessionStats(count, high, highAt, low, lowAt, drawdown, from, to, last,
        lastRealized);
  }

  /** @return true when no sample had a known total: nothing to draw */
  public boolean empty() {
    return count == 0;
  }
}
