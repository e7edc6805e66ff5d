package org.crosstradediscord.testing.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.DiscordStandIn;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.crosstradediscord.testing.simulator.RecordedRequest;

/**
 * Benchmark harness (prints numbers; not a test). The bot runs as its own process from the shaded jar
 * ({@code java -jar crosstrade-bot-…-all.jar --config …}, its normal start-up path) against the sandbox's Discord stand-in
 * and CrossTrade simulator ({@link Sandbox}, same guild, roles and config) in this process, all on loopback. Reports: bot start → commands registered, interaction
 * dispatched → first callback (p50/p99), Confirm click dispatched → simulator received the request (p50/p99),
 * the bot process's peak RSS (VmHWM), and SIGTERM → exit.
 *
 * <p>{@code BOT_JAVA_OPTS} (e.g. {@code -Xmx96m}) is passed to the bot's JVM.
 *
 * <p>Usage: {@code Benchmarks <crosstrade-bot-all.jar> [interactions=1000] [clicks=100]} (clicks are spaced 350 ms apart so the
 * SDK's rate limiter, 3 requests/s, never waits).
 */
public final class Benchmarks {
  private Benchmarks() {}

  /**
   * @param args the shaded jar ({@code java [BOT_JAVA_OPTS] -jar JAR}) or the distribution archive
   *     ({@code crosstrade-bot-<version>.tar.gz}: unpacked under {@code target/bench-dist}, started by
   *     {@code bin/crosstrade-bot} with its default JVM options, {@code BOT_JAVA_OPTS} passed as {@code JAVA_OPTS}),
   *     interaction count, click count. {@code BENCH_OPS=1} also turns {@code ops.listen} on (metrics counted).
   */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    boolean dist = args[0].endsWith(".tar.gz");
    boolean ops = "1".equals(System.getenv("BENCH_OPS"));
    int interactions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clicks = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    String jvmOpts = System.getenv().getOrDefault("BOT_JAVA_OPTS", "").strip();
    // The sandbox's world (simulator, stand-in, guild, config) with the bot as its own process instead.
    Sandbox world = Sandbox.start(Duration.ofSeconds(600), Duration.ofSeconds(5), "rest", false);
    CrossTradeSimulator sim = world.simulator();
    DiscordStandIn discord = world.discord();
    StandInGuild guild = world.guild();
    StandInGuild.Member alice = guild.member("alice");
    if (ops) {
      Path config = world.configFile();
      java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config) + "ops:\n  listen: \"127.0.0.1:0\"\n");
    }
    Path home = dist ? unpack(jar, Path.of("target", "bench-dist")) : null;
    long launch = System.nanoTime();
    BotProcess bot;
    if (dist) {
      Map<String, String> env = new java.util.HashMap<>(Sandbox.secrets());
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("JAVA_OPTS", jvmOpts);
      bot = BotProcess.launch(List.of(home.resolve("bin/crosstrade-bot").toString(), "--config",
          world.configFile().toString()), env, Path.of("target", "bench-bot.log"));
    } else {
      bot = BotProcess.start(jar, jvmOpts.isEmpty() ? List.of() : List.of(jvmOpts.split("\\s+")),
          world.configFile(), Sandbox.secrets(), Path.of("target", "bench-bot.log"));
    }
    try {
      discord.awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, Duration.ofSeconds(60));
      double startMs = (System.nanoTime() - launch) / 1e6;

      Map<String, Object> order = Map.of("account", "Sim101", "instrument", "MES 12-25", "action", "BUY",
          "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY");
      for (int i = 0; i < 50; i++) { // warm-up, not measured
        discord.slash(guild, alice, "flatplace", order).awaitCallback(Duration.ofSeconds(10));
      }
      List<Double> firstCallback = new ArrayList<>();
      for (int i = 0; i < interactions; i++) {
        StandInInteraction ix = discord.slash(guild, alice, "flatplace", order);
        ix.awaitCallback(Duration.ofSeconds(10));
        firstCallback.add((ix.callbackNanos() - ix.dispatchedNanos()) / 1e6);
      }

      // The bot's SDK paces calls at CrossTrade's 3/s (burst 18): space the clicks so the limiter never waits and
      // the number is the bot's own latency.
      List<Double> clickToUpstream = new ArrayList<>();
      for (int i = 0; i < clicks; i++) {
        Thread.sleep(350);
        StandInInteraction cmd = discord.slash(guild, alice, "flatplace", order);
        StandInMessage card = cmd.original(Duration.ofSeconds(10));
        sim.clearRequestLogForTest();
        StandInInteraction click = discord.click(guild, alice, card, "Place order");
        RecordedRequest r = Poll.until(() -> sim.requests().stream().findFirst(), Duration.ofSeconds(10),
            () -> "the simulator received no request after the click");
        clickToUpstream.add((r.receivedNanos() - click.dispatchedNanos()) / 1e6);
        cmd.awaitOriginal(m -> m.buttons().isEmpty(), Duration.ofSeconds(10));
      }

      long peakRssKb = bot.peakRssKb();
      if ("1".equals(System.getenv("BENCH_NMT"))) { // needs -XX:NativeMemoryTracking=summary in BOT_JAVA_OPTS
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            String.valueOf(bot.process().pid()), "VM.native_memory", "summary").inheritIO().start().waitFor();
      }
      long stop = System.nanoTime();
      int exit = bot.terminate(40);
      double stopMs = (System.nanoTime() - stop) / 1e6;

      System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s; started by: %s; extra JVM options: %s; ops: %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"),
          dist ? "bin/crosstrade-bot (its defaults)" : "java -jar (JVM defaults)", jvmOpts.isEmpty() ? "none" : jvmOpts,
          ops ? "on" : "off");
      System.out.println("| measure | n | p50 | p99 | max |");
      System.out.println("|---|---|---|---|---|");
      row("interaction dispatched → first callback (ms)", firstCallback);
      row("Confirm click dispatched → simulator received the request (ms)", clickToUpstream);
      System.out.printf(Locale.ROOT, "| bot process launch → commands registered (ms, cold JVM) | 1 | %.0f | | |%n", startMs);
      System.out.printf(Locale.ROOT, "| bot peak RSS (VmHWM, MiB) | 1 | %.1f | | |%n", peakRssKb / 1024.0);
      System.out.printf(Locale.ROOT, "| SIGTERM → bot exited (ms; exit code %s) | 1 | %.0f | | |%n",
          exit >= 0 ? String.valueOf(exit) : "none", stopMs);
    } finally {
      bot.close();
      world.close();
    }
  }

  /** Unpacks the archive with the system's tar into a fresh directory; returns its top directory. */
  private static Path unpack(Path archive, Path into) throws Exception {
    if (java.nio.file.Files.exists(into)) {
      try (var walk = java.nio.file.Files.walk(into)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    java.nio.file.Files.createDirectories(into);
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString())
        .inheritIO().start();
    if (tar.waitFor() != 0) {
      throw new IllegalStateException("tar failed on " + archive);
    }
    try (var dirs = java.nio.file.Files.list(into)) {
      return dirs.filter(java.nio.file.Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private static void row(String name, List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", name, v.size(), pct(v, 50), pct(v, 99), v.get(v.size() - 1));
  }

  private static double pct(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
