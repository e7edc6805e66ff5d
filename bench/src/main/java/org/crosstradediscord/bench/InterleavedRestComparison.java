package org.crosstradediscord.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The SDK's REST call against the raw request ({@link RestCallBenchmark#sdk} and {@link RestCallBenchmark#raw}, the
 * same code JMH measures) called alternately, one of each per round, each timed with {@code System.nanoTime()}.
 * Neighbours that steal CPU hit both sides of a round alike, so the ratio of the medians stays meaningful on a
 * shared machine where JMH's back-to-back runs differ by ±15 %. Prints p25/p50/p90 of each and raw/SDK at p50 and p25 (for
 * sequential calls, the throughput ratio SDK/raw).
 */
final class InterleavedRestComparison {
  private InterleavedRestComparison() {}

  static void run(int calls) throws Exception {
    RestCallBenchmark bench = new RestCallBenchmark();
    bench.start();
    try {
      long[] sdk = new long[calls];
      long[] raw = new long[calls];
      for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT and the connection
        for (int i = 0; i < calls; i++) {
          boolean sdkFirst = (i & 1) == 0; // alternate the order too
          long t0 = System.nanoTime();
          String a = sdkFirst ? bench.sdk() : bench.raw();
          long t1 = System.nanoTime();
          String b = sdkFirst ? bench.raw() : bench.sdk();
          long t2 = System.nanoTime();
          if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalStateException("no order id");
          }
          sdk[i] = sdkFirst ? t1 - t0 : t2 - t1;
          raw[i] = sdkFirst ? t2 - t1 : t1 - t0;
        }
      }
      Arrays.sort(sdk);
      Arrays.sort(raw);
      System.out.printf(Locale.ROOT, "%-12s %10s %10s %10s   (%d interleaved calls each, µs)%n", "", "p25", "p50", "p90",
          calls);
      System.out.printf(Locale.ROOT, "%-12s %10.1f %10.1f %10.1f%n", "sdk", at(sdk, 25), at(sdk, 50), at(sdk, 90));
      System.out.printf(Locale.ROOT, "%-12s %10.1f %10.1f %10.1f%n", "raw", at(raw, 25), at(raw, 50), at(raw, 90));
      System.out.printf(Locale.ROOT, "SDK/raw at p50: %.3fx, at p25 (the least disturbed calls): %.3fx (goal >= 0.95x)%n",
          at(raw, 50) / at(sdk, 50), at(raw, 25) / at(sdk, 25));
    } finally {
      bench.stop();
    }
  }

  private static double at(long[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1_000.0;
  }
}
