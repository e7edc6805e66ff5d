package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an operator uses it: {@code crosstrade-bot-<version>.tar.gz} unpacked, the bot started
 * by {@code bin/crosstrade-bot --config FILE} (tokens in the environment, {@code JAVA_HOME} set) against the
 * stand-ins, with {@code ops.listen} on a free port: it registers its commands, {@code /healthz} answers 200,
 * a confirmed order moves {@code /metrics}, and SIGTERM stops it cleanly.
 */
class DistributionEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  static Path archive() {
    Path archive = Path.of(System.getProperty("bot.dist", "../bot/target/crosstrade-bot-0.1.0-SNAPSHOT.tar.gz"));
    assumeTrue(Files.exists(archive), "the distribution archive is built by `mvn verify` (package phase): " + archive);
    return archive;
  }

  /** Unpacks with the system's tar (as an operator would), keeping the launcher's mode. */
  static Path unpack(Path archive, Path into) throws Exception {
    Exec tar = exec(new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString()));
    assertThat(tar.exit()).as(tar.out()).isZero();
    try (var dirs = Files.list(into)) {
      Path home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
      assertThat(home.getFileName().toString()).startsWith("crosstrade-bot-");
      return home;
    }
  }

  @Test
  void archive_holdsTheLauncherJarExampleServiceAndDockerfile(@TempDir Path dir) throws Exception {
    Path home = unpack(archive(), dir);
    Path launcher = home.resolve("bin/crosstrade-bot");
    assertThat(Files.isExecutable(launcher)).isTrue();
    assertThat(Files.readString(launcher)).startsWith("#!/bin/sh").contains("exec \"$java\"").contains("\"$@\"")
        .contains("JAVA_OPTS");
    assertThat(home.resolve("lib/crosstrade-bot.jar")).isRegularFile();
    assertThat(Files.readString(home.resolve("crosstrade-bot.service"))).contains("EnvironmentFile=/etc/crosstrade-bot/env")
        .contains("Restart=on-failure").contains("TimeoutStopSec=90s").contains("User=crosstrade-bot");
    assertThat(Files.readString(home.resolve("Dockerfile"))).contains("FROM eclipse-temurin:17-jre")
        .contains("USER crosstrade-bot").contains("HEALTHCHECK").contains("/healthz");
    // the example config in the archive is valid as shipped
    Exec check = exec(new ProcessBuilder(launcher.toString(), "--config", home.resolve("config.example.yaml").toString(),
        "--check-config"));
    assertThat(check.exit()).as(check.out()).isZero();
    assertThat(check.out()).startsWith("config OK: mode=paper");
  }

  /**
   * The unit as shipped passes {@code systemd-analyze verify} (with {@code /opt/crosstrade-bot} pointed at the unpacked
   * archive, so {@code ExecStart} exists) without a warning, and lets the service write its state and log directories
   * (everything else is read-only under {@code ProtectSystem=strict}). Skipped where systemd-analyze is absent.
   */
  @Test
  void serviceUnit_passesSystemdAnalyzeVerify_andHasItsStateAndLogsDirectories(@TempDir Path dir) throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed here");
    Path home = unpack(archive(), dir);
    String unit = Files.readString(home.resolve("crosstrade-bot.service"));
    assertThat(unit).contains("ProtectSystem=strict").contains("StateDirectory=crosstrade-bot")
        .contains("LogsDirectory=crosstrade-bot");
    Path units = Files.createDirectory(dir.resolve("units"));
    Path copy = Files.writeString(units.resolve("crosstrade-bot.service"),
        unit.replace("/opt/crosstrade-bot", home.toString()));
    Exec verify = exec(new ProcessBuilder(analyze.toString(), "verify", copy.toString()));
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).as("no warning about the unit").doesNotContain("crosstrade-bot.service");
  }

  /**
   * The bug of issue 23: {@code --check-config} said OK and the start then failed with {@code SQLITE_CANTOPEN} as the
   * service user. Run as an unprivileged user (uid 65534 through {@code setpriv}, so this needs root), the check fails
   * in one line, exit 2, on a storage directory that user cannot write, creating nothing; once the directory is the
   * user's, it passes. Skipped when not root or without setpriv.
   */
  @Test
  void checkConfig_asAnUnprivilegedUser_refusesAStorageDirectoryItCannotWrite(@TempDir Path dir) throws Exception {
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv) && "root".equals(System.getProperty("user.name")),
        "needs root and setpriv to run the check as another user");
    for (Path p = dir; p != null; p = p.getParent()) {
      if (p.equals(dir)) {
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      assumeTrue(Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE),
          "the temporary directory's parents are not traversable by others: " + p);
    }
    Path home = unpack(archive(), dir);
    Path state = Files.createDirectory(dir.resolve("state"));   // root's, 0755: not writable by uid 65534
    Path config = Files.writeString(dir.resolve("config.yaml"), "mode: paper\nguild_ids: [1]\n"
        + "accounts: {allowed: [Sim101]}\nstorage: {url: \"jdbc:sqlite:" + state.resolve("bot.db") + "\"}\n");
    List<String> asNobody = List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
        home.resolve("bin/crosstrade-bot").toString(), "--config", config.toString(), "--check-config");
    ProcessBuilder pb = new ProcessBuilder(asNobody);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Exec refused = exec(pb);
    assertThat(refused.exit()).as(refused.out()).isEqualTo(2);
    assertThat(refused.out()).hasLineCount(1)
        .startsWith("crosstrade-discord: storage.url: directory " + state + " is not writable by user ");
    try (var files = Files.list(state)) {
      assertThat(files).as("the check creates nothing").isEmpty();
    }

    Files.setOwner(state, state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534"));
    pb = new ProcessBuilder(asNobody);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Exec ok = exec(pb);
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).startsWith("config OK: ");
    try (var files = Files.list(state)) {
      assertThat(files).as("the check creates nothing").isEmpty();
    }
  }

  /**
   * @param exit the exit code
   * @param out stdout and stderr
   */
  record Exec(int exit, String out) {}

  /**
   * Runs a short command to its end with output in a file (a full pipe can't block it), at most 60 s; killed on the
   * way out whatever happens.
   */
  static Exec exec(ProcessBuilder pb) throws Exception {
    Path out = Files.createTempFile("dist-exec", ".log");
    Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
      return new Exec(p.exitValue(), Files.readString(out));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  private static String run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("JAVA_OPTS");
    pb.environment().putAll(env);
    Exec e = exec(pb);
    return e.exit() + "\n" + e.out();
  }

  @Test
  void launcher_followsSymlinks_honoursJavaHomeAndJavaOpts_andPassesArguments(@TempDir Path dir) throws Exception {
    Path home = unpack(archive(), dir);
    Path link = Files.createSymbolicLink(dir.resolve("crosstrade-bot"), home.resolve("bin/crosstrade-bot"));
    String java = System.getProperty("java.home");
    // JAVA_OPTS come after the defaults, so they win (-Xmx200m over -Xmx96m); "$@" reaches the bot (--help)
    String help = run(Map.of("JAVA_HOME", java, "JAVA_OPTS", "-Xmx200m -XshowSettings:vm"), link.toString(), "--help");
    assertThat(help).startsWith("0\n").contains("Max. Heap Size: 200.00M").contains("Usage:")
        .contains("--check-config");
    assertThat(run(Map.of("JAVA_HOME", java, "JAVA_OPTS", "-XshowSettings:vm"), link.toString(), "--help"))
        .contains("Max. Heap Size: 96.00M");
    assertThat(run(Map.of("JAVA_HOME", dir.resolve("no-such-jre").toString()), link.toString(), "--help"))
        .isEqualTo("1\ncrosstrade-bot: JAVA_HOME is set but " + dir.resolve("no-such-jre") + "/bin/java is not an"
            + " executable; fix JAVA_HOME or unset it to use java from PATH\n");
  }

  @Test
  void launcher_runsTheBot_healthAndMetricsAnswer_andSigtermStopsIt(@TempDir Path dir) throws Exception {
    Path home = unpack(archive(), dir);
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false)) {
      Path config = world.configFile();
      Files.writeString(config, Files.readString(config) + "ops:\n  listen: \"127.0.0.1:0\"\n");
      Map<String, String> env = new java.util.HashMap<>(Sandbox.secrets());
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("JAVA_OPTS", "-Dcrosstrade.test=dist");
      env.put("CROSSTRADE_BOT_CDS", "off"); // no class-data archive in the user's cache (DistributionClassArchiveEndToEndTest)
      try (BotProcess bot = BotProcess.launch(List.of(home.resolve("bin/crosstrade-bot").toString(), "--config",
          config.toString()), env, Path.of("target", "bot-dist-e2e.log"))) {
        world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, WAIT);
        assertThat(world.discord().registeredCommands(world.guild().id())).hasSize(10);
        OpsClient ops = new OpsClient(Poll.until(() -> {
          try {
            return OpsClient.address(bot.output());
          } catch (java.io.IOException e) {
            return Optional.empty();
          }
        }, WAIT, () -> "no ops address in the log"));

        HttpResponse<String> health = Poll.until(() -> {
          try {
            HttpResponse<String> r = ops.get("/healthz");
            return r.statusCode() == 200 ? Optional.of(r) : Optional.empty();
          } catch (Exception e) {
            return Optional.empty();
          }
        }, WAIT, () -> "/healthz never answered 200");
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(ops.get("/nope").statusCode()).isEqualTo(404);

        String before = ops.metrics();
        Map<String, String> confirmed = Map.of("command", "flatplace", "event", "confirmed");
        assertThat(OpsClient.value(before, "crosstrade_bot_confirmations_total", confirmed)).isZero();
        assertThat(OpsClient.value(before, "jvm_memory_used_bytes", Map.of())).isPositive();

        StandInGuild guild = world.guild();
        StandInGuild.Member alice = guild.member("alice");
        StandInInteraction cmd = world.discord().slash(guild, alice, "flatplace", Map.of("account", "Sim101",
            "instrument", "ES 12-25", "action", "BUY", "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY"));
        StandInMessage card = cmd.original(WAIT);
        world.discord().click(guild, alice, card, "Place order");
        assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Flat-place order");
        assertThat(world.simulator().book().position("Sim101", "ES 12-25")).isEqualTo(1);

        String after = Poll.until(() -> {
          try {
            String m = ops.metrics();
            return OpsClient.value(m, "crosstrade_upstream_calls_seconds_count",
                Map.of("operation", "flatplace", "status", "ok")) == 1 ? Optional.of(m) : Optional.empty();
          } catch (Exception e) {
            return Optional.empty();
          }
        }, WAIT, () -> "the confirmed order never showed in /metrics");
        assertThat(OpsClient.value(after, "crosstrade_bot_confirmations_total", Map.of("command", "flatplace",
            "event", "created"))).isEqualTo(1);
        assertThat(OpsClient.value(after, "crosstrade_bot_confirmations_total", confirmed)).isEqualTo(1);
        assertThat(OpsClient.value(after, "crosstrade_bot_interactions_total", Map.of("command", "flatplace",
            "outcome", "received"))).isEqualTo(1);
        assertThat(OpsClient.value(after, "crosstrade_bot_interactions_total", Map.of("command", "flatplace",
            "outcome", "ok"))).isEqualTo(1);
        assertThat(OpsClient.value(after, "crosstrade_bot_halted", Map.of())).isZero();
        assertThat(after).contains("crosstrade_upstream_calls_seconds_bucket{")
            .contains("crosstrade_ratelimiter_available_tokens")
            .doesNotContain("alice").doesNotContain("Sim101")
            .doesNotContain(Sandbox.DISCORD_TOKEN).doesNotContain(Sandbox.CROSSTRADE_TOKEN);

        int exit = bot.terminate(40);
        assertThat(exit).as("SIGTERM: the JVM's 143 after the shutdown hook ran").isIn(0, 143);
        String output = bot.output();
        assertThat(output).contains("registered 10 slash commands").contains("DiscordBot - stopped")
            .contains("\"kind\":\"result\"")
            .doesNotContain(Sandbox.DISCORD_TOKEN).doesNotContain(Sandbox.CROSSTRADE_TOKEN);
        assertThat(output.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Exception in thread")))
            .as("no raw stack trace").isEmpty();
      }
    }
  }
}
