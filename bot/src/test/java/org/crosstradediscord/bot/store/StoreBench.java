package org.crosstradediscord.bot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Store latency benchmark (prints numbers; not a test, never run by Surefire): on a fresh SQLite file in a temporary
 * directory, one thread times {@link Store#halt()} (the halt switch's read) and {@link Store#addPending} followed by
 * {@link Store#pending} (a review card recorded, then read back at the click) and prints p50, p99 and max in µs. Uses
 * only the public {@link JdbcStore} API, so the same class runs against an older store for a before/after.
 *
 * <p>Usage, from the repository root:
 *
 * <pre>
 * mvn -B -ntp -q test-compile -pl bot -am
 * mvn -B -ntp -q dependency:build-classpath -pl bot -Dmdep.outputFile=/tmp/bot.cp
 * java -cp bot/target/test-classes:bot/target/classes:$(cat /tmp/bot.cp) \
 *     org.crosstradediscord.bot.store.StoreBench [iterations=5000] [warm-up=2000]
 * </pre>
 */
public final class StoreBench {
  private StoreBench() {}

  /**
   * @param args measured iterations per operation (default 5000), warm-up iterations (default 2000)
   * @throws Exception the temporary directory cannot be made or removed
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path dir = Files.createTempDirectory("store-bench");
    try (Store store = JdbcStore.open(JdbcStore.SQLITE + dir.resolve("bench.db"), Map.of())) {
      run(store, "warm", warm);
      long[][] times = run(store, "run", n);
      print("halt()", times[0]);
      print("addPending+pending", times[1]);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** @return nanoseconds per call: [0] halt(), [1] addPending + pending */
  private static long[][] run(Store store, String prefix, int n) {
    long[] halt = new long[n];
    long[] pending = new long[n];
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      if (store.halt().halted()) {
        throw new IllegalStateException("halted");
      }
      halt[i] = System.nanoTime() - t;
    }
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      PendingRow row = new PendingRow(id, "flatplace", 42, "alice", Set.of(1L, 2L), "{\"quantity\":1}", "live", now,
          now.plusSeconds(60), PendingState.PENDING, null, null, null);
      long t = System.nanoTime();
      store.addPending(row);
      if (store.pending(id) == null) {
        throw new IllegalStateException("lost " + id);
      }
      pending[i] = System.nanoTime() - t;
    }
    return new long[][] {halt, pending};
  }

  private static void print(String name, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-20s n=%d p50=%.0f µs p99=%.0f µs max=%.0f µs%n", name, s.length,
        s[s.length / 2] / 1e3, s[(int) Math.ceil(s.length * 0.99) - 1] / 1e3, s[s.length - 1] / 1e3);
  }
}
