package org.crosstradediscord.testing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.CapturedCall;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;

/**
 * Board benchmark (prints numbers; not a test): the bot jar as its own process with the desk board on 5 accounts × 10
 * open positions whose prices move every second (the simulator's price walk), the P&amp;L stream every second and
 * {@code refresh_seconds: 1}. Reports board edits per minute (the stand-in's PATCH calls on the board message), the
 * bot's CPU time per minute (utime + stime from {@code /proc/<pid>/stat}) and its peak RSS (VmHWM).
 *
 * <p>Usage: {@code BoardBenchmark <bot-all.jar> [seconds=60]}; {@code BOT_JAVA_OPTS} goes to the bot's JVM.
 */
public final class BoardBenchmark {
  private BoardBenchmark() {}

  /** @param args jar path, measured seconds */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    String jvmOpts = System.getenv().getOrDefault("BOT_JAVA_OPTS", "").strip();
    List<String> accounts = List.of("Desk1", "Desk2", "Desk3", "Desk4", "Desk5");
    Map<String, Double> prices = new LinkedHashMap<>();
    String[] roots = {"MES", "ES", "MNQ", "NQ", "M2K", "RTY", "MYM", "YM", "CL", "GC"};
    for (int i = 0; i < roots.length; i++) {
      prices.put(roots[i] + " 12-25", 1000.0 + 100 * i);
    }
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false);
        CrossTradeSimulator sim = CrossTradeSimulator.start(0, Sandbox.CROSSTRADE_TOKEN, accounts, prices)) {
      long trading = world.guild().channels().stream().filter(c -> c.name().equals("trading")).findFirst().orElseThrow().id();
      String yaml = Files.readString(world.configFile())
          .replace(world.simulator().baseUrl(), sim.baseUrl())
          .replace("allowed: [Sim101, Sim102]", "allowed: " + accounts)
          + "board: {channel_id: " + trading + ", accounts: " + accounts + ", refresh_seconds: 1}\n";
      Path config = Files.createTempFile("board-bench", ".yaml");
      Files.writeString(config, yaml);
      for (String a : accounts) {
        for (String instrument : prices.keySet()) {
          sim.book().setPosition(a, instrument, 2, prices.get(instrument));
        }
      }
      sim.priceWalk().start(Duration.ofSeconds(1), 0.25, 42);
      try (BotProcess bot = BotProcess.start(jar, jvmOpts.isEmpty() ? List.of() : List.of(jvmOpts.split("\\s+")), config,
          Sandbox.secrets(), Path.of("target", "bench-board.log"))) {
        Poll.until(() -> boardEdits(world, trading).isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(true),
            Duration.ofSeconds(60), () -> "the board was never edited");
        Thread.sleep(5_000); // warm-up
        long cpu0 = cpuTicks(bot.process().pid());
        int edits0 = boardEdits(world, trading).size();
        Instant t0 = Instant.now();
        Thread.sleep(seconds * 1000L);
        double minutes = Duration.between(t0, Instant.now()).toMillis() / 60_000.0;
        long cpu1 = cpuTicks(bot.process().pid());
        int edits = boardEdits(world, trading).size() - edits0;
        List<CapturedCall> limited = new ArrayList<>(world.discord().calls().stream().filter(c -> c.status() == 429).toList());
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; bot JVM options: %s; %d accounts x %d positions,"
            + " prices every 1 s, stream every 1 s, refresh_seconds 1, %d s measured%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            jvmOpts.isEmpty() ? "(defaults)" : jvmOpts, accounts.size(), prices.size(), seconds);
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| board edits per minute | %.1f |%n", edits / minutes);
        System.out.printf(Locale.ROOT, "| bot CPU time per minute (s; 100 ticks/s) | %.2f |%n", (cpu1 - cpu0) / 100.0 / minutes);
        System.out.printf(Locale.ROOT, "| bot peak RSS (VmHWM, MiB) | %.1f |%n", bot.peakRssKb() / 1024.0);
        System.out.printf(Locale.ROOT, "| Discord 429 answers | %d |%n", limited.size());
        bot.terminate(40);
      } finally {
        sim.priceWalk().stop();
      }
    }
  }

  private static List<CapturedCall> boardEdits(Sandbox world, long channel) {
    return world.discord().calls().stream().filter(c -> c.method().equals("PATCH")
        && c.route().startsWith("/channels/" + channel + "/messages/")).toList();
  }

  /** @return utime + stime of the process in clock ticks (Linux {@code /proc/<pid>/stat} fields 14 and 15) */
  private static long cpuTicks(long pid) throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
