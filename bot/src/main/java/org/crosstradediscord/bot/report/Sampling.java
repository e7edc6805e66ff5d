package org.crosstradediscord.bot.report;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When the next P&amp;L sample is due: the first frame after start, then one per {@code every}, measured from the last
 * sample taken (a late frame does not make the next one early). Not thread-safe: one caller (the report thread).
 */
public final class Sampling {
  /** The sessions reports' pace: one sample per account every 10 s. */
  public static final Duration EVERY = Duration.ofSeconds(10);

  private final Duration every;
  private @Nullable Instant last;

  /** @param every the interval between two samples (positive) */
  public Sampling(Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the sample interval must be positive: " + every);
    }
    this.every = every;
  }

  /**
   * @param now the time
   * @return true when a sample is due now; the caller then takes it and calls {@link #taken}
   */
  public boolean due(Instant now) {
    return last == null || Duration.between(last, now).compareTo(every) >= 0 || now.isBefore(last);
  }

  /** @param at when a sample was taken */
  public void taken(Instant at) {
    last = at;
  }
}
