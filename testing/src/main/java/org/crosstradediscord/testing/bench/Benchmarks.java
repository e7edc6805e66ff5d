package org.crosstradediscord.testing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.CapturedCall;
import org.crosstradediscord.testing.discord.DiscordStandIn;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;

/**
 * Benchmark harness (prints numbers; not a test). The bot runs as its own process ({@link BenchLaunch}: the shaded
 * jar, or the distribution's {@code bin/crosstrade-bot}) against the sandbox's Discord stand-in and CrossTrade
 * simulator ({@link Sandbox}, same guild, roles and config as {@code scripts/run.sh}) in this process, all on
 * loopback. Beside it, in the same run and against the same stand-in and simulator, runs the {@link FloorBot floor}
 * with the same JVM options: a minimal JDA bot that only acknowledges. Both are launched cold one after the other
 * (bot first), then warmed up, then measured in alternating blocks ({@link Interleaved}). Reports bot and floor side
 * by side with their ratio ({@link BenchReport}); the last line printed is the machine-readable {@code bench: …} line.
 *
 * <p>{@code BOT_JAVA_OPTS} (e.g. {@code -Xmx96m}) go to both JVMs, after the mode's defaults. {@code BENCH_OPS=1}
 * also turns the bot's {@code ops.listen} on (metrics counted). {@code BENCH_NMT=1} prints the bot's native memory
 * summary (needs {@code -XX:NativeMemoryTracking=summary} in {@code BOT_JAVA_OPTS}).
 *
 * <p>Usage: {@code Benchmarks <crosstrade-bot-all.jar | crosstrade-bot-<version>.tar.gz> [interactions=1000]
 * [clicks=100]} (per side; clicks are spaced {@value Interleaved#CLICK_SPACING_MS} ms apart so the SDK's rate limiter,
 * 3 requests/s, never waits).
 */
public final class Benchmarks {
  private static final int WARM_UP = 50;
  private static final Duration REGISTER_WAIT = Duration.ofSeconds(60);

  private Benchmarks() {}

  /** @param args the jar or archive, interactions per side, clicks per side */
  public static void main(String[] args) throws Exception {
    int interactions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clicks = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    boolean ops = "1".equals(System.getenv("BENCH_OPS"));
    BenchLaunch launch = BenchLaunch.prepare(Path.of(args[0]), System.getenv().getOrDefault("BOT_JAVA_OPTS", ""));
    String loadBefore = loadAverage();
    Sandbox world = Sandbox.start(Duration.ofSeconds(600), Duration.ofSeconds(5), "rest", false);
    if (ops) {
      Files.writeString(world.configFile(), Files.readString(world.configFile()) + "ops:\n  listen: \"127.0.0.1:0\"\n");
    }
    BotProcess bot = null;
    BotProcess floor = null;
    BenchReport report;
    try {
      DiscordStandIn discord = world.discord();
      int callsBefore = discord.calls().size();
      long t0 = System.nanoTime();
      bot = launch.startBot(world.configFile(), Path.of("target", "bench-bot.log"));
      CapturedCall botCommands = awaitRegistered(discord, callsBefore, bot, "bot");
      double startMs = (System.nanoTime() - t0) / 1e6;
      Interleaved.Side botSide = new Interleaved.Side("bot", discord.lastSession());

      callsBefore = discord.calls().size();
      long t1 = System.nanoTime();
      floor = launch.startFloor(world, Path.of("target", "bench-floor.log"));
      CapturedCall floorCommands = awaitRegistered(discord, callsBefore, floor, "floor");
      double floorStartMs = (System.nanoTime() - t1) / 1e6;
      Interleaved.Side floorSide = new Interleaved.Side("floor", discord.lastSession());
      if (botCommands.body() == null || !botCommands.body().equals(floorCommands.body())) {
        throw new IllegalStateException("the floor did not register the bot's command definitions: bot "
            + botCommands.body() + ", floor " + floorCommands.body());
      }

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
      report = new BenchReport(botSide.acks(), floorSide.acks(), botSide.clicks(), floorSide.clicks(), startMs,
          floorStartMs, rssKb, floorRssKb, stopMs, exit);
      System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s; load average before: %s, after: %s;"
          + " started by: %s; ops: %s; %d commands registered by each; blocks of %d interactions / %d clicks"
          + " alternating bot and floor after %d warm-up interactions each%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"),
          loadBefore, loadAverage(), launch.describe(), ops ? "on" : "off", botCommands.body().size(), Interleaved.ACK_BLOCK,
          Interleaved.CLICK_BLOCK, WARM_UP);
    } finally {
      if (floor != null) {
        floor.close();
      }
      if (bot != null) {
        bot.close();
      }
      world.close();
    }
    report.print(System.out); // last: the machine-readable line ends the run
  }

  /**
   * Waits until the process's command registration was answered 200 (a call to a {@code …/commands} route after
   * the first {@code seen} calls), failing early when the process died.
   *
   * @return that call (its body: the definitions registered)
   */
  private static CapturedCall awaitRegistered(DiscordStandIn discord, int seen, BotProcess process, String name) {
    return Poll.until(() -> {
      if (!process.process().isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.process().exitValue() + ") before registering"
            + " its commands; see its log under target/");
      }
      List<CapturedCall> calls = discord.calls();
      return calls.subList(Math.min(seen, calls.size()), calls.size()).stream()
          .filter(c -> c.route().endsWith("/commands") && c.status() == 200).findFirst();
    }, REGISTER_WAIT, () -> name + " registered no commands within " + REGISTER_WAIT.toSeconds() + " s");
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
