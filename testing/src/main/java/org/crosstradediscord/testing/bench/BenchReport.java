package org.crosstradediscord.testing.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The bench's numbers, bot beside floor: a Markdown table (first callback and click → upstream p50/p99/max, launch →
 * commands registered, peak RSS, SIGTERM → exit) and, last, one machine-readable line:
 * {@code bench: ack_p50_ms=… ack_p99_ms=… floor_ack_p99_ms=… ack_p99_ratio=… click_p99_ms=… floor_click_p99_ms=…
 * click_p99_ratio=… start_ms=… floor_start_ms=… start_ratio=… rss_mib=…} (ms and ratios with 2 decimals, MiB with 1;
 * a ratio is bot ÷ floor).
 *
 * @param ack dispatched → first callback, bot (ms)
 * @param floorAck the same for the floor (ms)
 * @param click Confirm click dispatched → simulator received the POST, bot (ms)
 * @param floorClick the same for the floor (ms)
 * @param starts launch → commands registered of each bot launch (ms, cold JVM); the median is reported
 * @param floorStarts the same for the floor (ms)
 * @param rssKb the bot's peak RSS (VmHWM, KiB)
 * @param floorRssKb the floor's peak RSS (KiB)
 * @param stopMs SIGTERM → bot exited (ms)
 * @param exit the bot's exit code, -1 when it did not exit in time
 */
record BenchReport(List<Double> ack, List<Double> floorAck, List<Double> click, List<Double> floorClick,
    List<Double> starts, List<Double> floorStarts, long rssKb, long floorRssKb, double stopMs, int exit) {

  /** Prints the table, then the machine-readable line as the last line. */
  void print(PrintStream out) {
    Stats a = Stats.of(ack);
    Stats fa = Stats.of(floorAck);
    Stats c = Stats.of(click);
    Stats fc = Stats.of(floorClick);
    double startMs = Stats.of(starts).p50;
    double floorStartMs = Stats.of(floorStarts).p50;
    out.println("| measure (ms unless stated) | n | bot p50 | bot p99 | bot max | floor p50 | floor p99 | floor max"
        + " | ratio p50 | ratio p99 |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    row(out, "interaction dispatched → first callback", a, fa);
    row(out, "Confirm click dispatched → simulator received the POST", c, fc);
    out.printf(Locale.ROOT, "| process launch → commands registered (cold JVM; median, each launch: bot %s, floor %s)"
        + " | %d | %.0f | | | %.0f | | | %.2f | |%n", whole(starts), whole(floorStarts), starts.size(), startMs,
        floorStartMs, startMs / floorStartMs);
    out.printf(Locale.ROOT, "| peak RSS (VmHWM, MiB) | 1 | %.1f | | | %.1f | | | | |%n", rssKb / 1024.0,
        floorRssKb / 1024.0);
    out.printf(Locale.ROOT, "| SIGTERM → bot exited (exit code %s) | 1 | %.0f | | | | | | | |%n",
        exit >= 0 ? String.valueOf(exit) : "none", stopMs);
    out.printf(Locale.ROOT, "bench: ack_p50_ms=%.2f ack_p99_ms=%.2f floor_ack_p99_ms=%.2f ack_p99_ratio=%.2f"
        + " click_p99_ms=%.2f floor_click_p99_ms=%.2f click_p99_ratio=%.2f start_ms=%.2f floor_start_ms=%.2f"
        + " start_ratio=%.2f rss_mib=%.1f%n", a.p50, a.p99, fa.p99, a.p99 / fa.p99, c.p99, fc.p99, c.p99 / fc.p99,
        startMs, floorStartMs, startMs / floorStartMs, rssKb / 1024.0);
    out.flush();
  }

  private static String whole(List<Double> ms) {
    return String.join(" / ", ms.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
  }

  private static void row(PrintStream out, String name, Stats bot, Stats floor) {
    out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, bot.n,
        bot.p50, bot.p99, bot.max, floor.p50, floor.p99, floor.max, bot.p50 / floor.p50, bot.p99 / floor.p99);
  }

  /** Nearest-rank percentiles of one series (NaN when it is empty; the p50 of an even count is the lower middle). */
  record Stats(int n, double p50, double p99, double max) {
    static Stats of(List<Double> values) {
      List<Double> v = new ArrayList<>(values);
      Collections.sort(v);
      return v.isEmpty() ? new Stats(0, Double.NaN, Double.NaN, Double.NaN)
          : new Stats(v.size(), pct(v, 50), pct(v, 99), v.get(v.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
      int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
  }
}
