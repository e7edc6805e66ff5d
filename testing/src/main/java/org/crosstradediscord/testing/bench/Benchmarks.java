package org.crosstradediscord.testing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;

/**
 * Benchmark harness (prints numbers; not a test). The bot runs as its own process ({@link BenchLaunch}: the shaded
 * jar, or the distribution's {@code bin/crosstrade-bot}) against the sandbox's Discord stand-in and CrossTrade
 * simulator ({@link Sandbox}, same guild, roles and config as {@code scripts/run.sh}) in this process, all on
 * loopback. Beside it, in the same run and against the same stand-in and simulator, runs the {@link FloorBot floor}
 * with the same JVM options: a minimal JDA bot that only acknowledges. Both are launched cold several times in
 * alternation ({@link ColdStarts}; the last launch of each stays up), then warmed up, then measured in alternating
 * blocks ({@link Interleaved}). Reports bot and floor side
 * by side with their ratio ({@link BenchReport}); the last line printed is the machine-readable {@code bench: …} line.
 *
 * <p>{@code BOT_JAVA_OPTS} (e.g. {@code -Xmx96m}) go to both JVMs, after the mode's defaults. {@code BENCH_OPS=1}
 * also turns the bot's {@code ops.listen} on (metrics counted). {@code BENCH_NMT=1} prints the bot's native memory
 * summary (needs {@code -XX:NativeMemoryTracking=summary} in {@code BOT_JAVA_OPTS}). {@code BENCH_STARTS} (default 3)
 * is the number of cold launches of each.
 *
 * <p>Usage: {@code Benchmarks <crosstrade-bot-all.jar | crosstrade-bot-<version>.tar.gz> [interactions=1000]
 * [clicks=100]} (per side; clicks are spaced {@value Interleaved#CLICK_SPACING_MS} ms apart so the SDK's rate limiter,
 * 3 requests/s, never waits).
 */
public final class Benchmarks {
  private static final int WARM_UP = 50;

  private Benchmarks() {}

  /** @param args the jar or archive, interactions per side, clicks per side */
  public static void main(String[] args) throws Exception {
    int interactions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clicks = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    boolean ops = "1".equals(System.getenv("BENCH_OPS"));
    int coldStarts = Integer.parseInt(System.getenv().getOrDefault("BENCH_STARTS", "3"));
    BenchLaunch launch = BenchLaunch.prepare(Path.of(args[0]), System.getenv().getOrDefault("BOT_JAVA_OPTS", ""));
    String loadBefore = loadAverage();
    Sandbox world = Sandbox.start(Duration.ofSeconds(600), Duration.ofSeconds(5), "rest", false);
    if (ops) {
      Files.writeString(world.configFile(), Files.readString(world.configFile()) + "ops:\n  listen: \"127.0.0.1:0\"\n");
    }
    BenchReport report;
    try (ColdStarts starts = new ColdStarts(launch, world)) {
      starts.run(coldStarts);
      BotProcess bot = starts.bot();
      BotProcess floor = starts.floor();
      Interleaved.Side botSide = new Interleaved.Side("bot", starts.botSession());
      Interleaved.Side floorSide = new Interleaved.Side("floor", starts.floorSession());
      Interleaved measure = new Interleaved(world);
      measure.warmUp(botSide, WARM_UP);
      measure.warmUp(floorSide, WARM_UP);
      measure.acks(botSide, floorSide, interactions);
      measure.clicks(botSide, floorSide, clicks);

      long rssKb = bot.peakRssKb();
      long floorRssKb = floor.peakRssKb();
      if ("1".equals(System.getenv("BENCH_NMT"))) {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            String.valueOf(bot.process().pid()), "VM.native_memory", "summary").inheritIO().start().waitFor();
      }
      floor.terminate(40);
      long stop = System.nanoTime();
      int exit = bot.terminate(40);
      double stopMs = (System.nanoTime() - stop) / 1e6;
      report = new BenchReport(botSide.acks(), floorSide.acks(), botSide.clicks(), floorSide.clicks(), starts.botMs(),
          starts.floorMs(), rssKb, floorRssKb, stopMs, exit);
      System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s; load average before: %s, after: %s;"
          + " started by: %s; ops: %s; %d commands registered by each; %d cold launches each; blocks of %d"
          + " interactions / %d clicks alternating bot and floor after %d warm-up interactions each%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"),
          loadBefore, loadAverage(), launch.describe(), ops ? "on" : "off", starts.commands(), coldStarts,
          Interleaved.ACK_BLOCK, Interleaved.CLICK_BLOCK, WARM_UP);
    } finally {
      world.close();
    }
    report.print(System.out); // last: the machine-readable line ends the run
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
