package org.crosstradediscord.bot.intake;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** A sliding 60 s window per source: at most {@code max} acceptances in any 60 s (in memory, per replica). */
final class PerMinute {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private final Map<String, ArrayDeque<Long>> seen = new HashMap<>();
  private final LongSupplier nanos;

  /** @param nanos the clock, {@link System#nanoTime} outside tests */
  PerMinute(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * @param source the source's name
   * @param max the most per 60 s
   * @return true (and counted) when under the limit; false when this one would exceed it
   */
  synchronized boolean tryAcquire(String source, int max) {
    long now = nanos.getAsLong();
    ArrayDeque<Long> times = seen.computeIfAbsent(source, s -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
      times.pollFirst();
    }
    if (times.size() >= max) {
      return false;
    }
    times.addLast(now);
    return true;
  }
}
