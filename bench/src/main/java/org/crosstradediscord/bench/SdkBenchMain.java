package org.crosstradediscord.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the SDK benchmarks ({@code scripts/bench.sh sdk}) and prints, per benchmark, throughput (ops/s) and the
 * p50/p99 latency (µs), then the SDK/raw throughput ratio. Arguments: an optional benchmark regex;
 * {@code -Dbench.quick=true} runs one 1 s iteration each (a smoke run, numbers not meaningful).
 * {@code interleaved [calls]} instead runs {@link InterleavedRestComparison} (robust to noisy neighbours).
 */
public final class SdkBenchMain {
  private SdkBenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("interleaved")) { // SDK and raw alternately in one loop: see the class
      InterleavedRestComparison.run(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
      return;
    }
    String include = args.length > 0 ? args[0] : "org\\.crosstradediscord\\.bench\\..*Benchmark.*";
    OptionsBuilder builder = new OptionsBuilder();
    builder.include(include).shouldFailOnError(true);
    if (Boolean.getBoolean("bench.quick")) { // a smoke run: one short iteration each
      builder.warmupIterations(1).measurementIterations(1)
          .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
          .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1));
    }
    Options options = builder.build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> rows = new TreeMap<>(); // name -> {ops/s, p50 us, p99 us}
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replaceFirst(".*\\.", "");
      double[] row = rows.computeIfAbsent(name, k -> new double[3]);
      switch (r.getParams().getMode()) {
        case Throughput -> row[0] = r.getPrimaryResult().getScore() * 1_000_000; // ops/us -> ops/s
        case SampleTime -> {
          row[1] = r.getPrimaryResult().getStatistics().getPercentile(50);
          row[2] = r.getPrimaryResult().getStatistics().getPercentile(99);
        }
        default -> { }
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%-12s %12s %10s %10s%n", "benchmark", "ops/s", "p50 us", "p99 us");
    rows.forEach((name, v) -> System.out.printf(Locale.ROOT, "%-12s %12.0f %10.1f %10.1f%n", name, v[0], v[1], v[2]));
    if (rows.containsKey("sdk") && rows.containsKey("raw") && rows.get("raw")[0] > 0) {
      System.out.printf(Locale.ROOT, "SDK/raw throughput: %.2fx (goal >= 0.95x)%n", rows.get("sdk")[0] / rows.get("raw")[0]);
    }
  }
}
