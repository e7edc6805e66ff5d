package org.crosstradediscord.testing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;

/**
 * Starts the bot and the {@link FloorBot floor} as processes with the same JVM options and the same java.
 *
 * <ul>
 *   <li>jar mode (the shaded jar): the bot is {@code java $BOT_JAVA_OPTS -jar JAR --config FILE}; the floor
 *       {@code java $BOT_JAVA_OPTS -cp JAR:TESTING_CLASSES FloorBot …}.
 *   <li>dist mode (the archive, unpacked under {@code target/bench-dist}): the bot is {@code bin/crosstrade-bot
 *       --config FILE} with {@code JAVA_OPTS=$BOT_JAVA_OPTS}; the floor gets the launcher's own defaults, read from
 *       that unpacked {@code bin/crosstrade-bot} ({@code DEFAULT_JVM_OPTS} and the {@code MALLOC_ARENA_MAX} default,
 *       applied by the same rule), then {@code $BOT_JAVA_OPTS}, with {@code lib/crosstrade-bot.jar} on its class path.
 * </ul>
 *
 * Both get the sandbox tokens in their environment (never on the command line).
 */
final class BenchLaunch {
  private static final Pattern DEFAULTS = Pattern.compile("(?m)^DEFAULT_JVM_OPTS=\"([^\"]*)\"$");
  private static final Pattern ARENAS = Pattern.compile("(?m)^MALLOC_ARENA_MAX=\\$\\{MALLOC_ARENA_MAX:-(\\d+)}$");

  private final Path jar;
  private final Path launcher;
  private final List<String> floorJvmOptions;
  private final Map<String, String> floorEnv;
  private final String extra;

  private BenchLaunch(Path jar, Path launcher, List<String> floorJvmOptions, Map<String, String> floorEnv,
      String extra) {
    this.jar = jar;
    this.launcher = launcher;
    this.floorJvmOptions = floorJvmOptions;
    this.floorEnv = floorEnv;
    this.extra = extra;
  }

  /**
   * @param artifact the shaded jar, or the distribution archive ({@code .tar.gz}, unpacked here)
   * @param extraJvmOptions {@code BOT_JAVA_OPTS} (may be empty): after the defaults, for both processes
   * @return the launcher of both processes
   * @throws IllegalStateException tar failed, or the launcher no longer sets its defaults in the form read here
   */
  static BenchLaunch prepare(Path artifact, String extraJvmOptions) throws IOException, InterruptedException {
    List<String> extra = split(extraJvmOptions);
    Map<String, String> env = new HashMap<>(Sandbox.secrets());
    if (!artifact.toString().endsWith(".tar.gz")) {
      return new BenchLaunch(artifact, null, extra, env, extraJvmOptions);
    }
    Path home = unpack(artifact, Path.of("target", "bench-dist"));
    Path launcher = home.resolve("bin/crosstrade-bot");
    String script = Files.readString(launcher);
    List<String> options = new ArrayList<>(split(group(DEFAULTS, script, launcher)));
    options.addAll(extra);
    String arenas = System.getenv("MALLOC_ARENA_MAX"); // the launcher's rule: ${MALLOC_ARENA_MAX:-default}
    env.put("MALLOC_ARENA_MAX", arenas != null && !arenas.isEmpty() ? arenas : group(ARENAS, script, launcher));
    return new BenchLaunch(home.resolve("lib/crosstrade-bot.jar"), launcher, List.copyOf(options), env, extraJvmOptions);
  }

  /** @return how the processes are started, for the report (options, not tokens) */
  String describe() {
    return (launcher != null ? "bin/crosstrade-bot (its defaults)" : "java -jar (JVM defaults)") + "; floor JVM options: "
        + (floorJvmOptions.isEmpty() ? "none" : String.join(" ", floorJvmOptions))
        + (floorEnv.containsKey("MALLOC_ARENA_MAX") ? ", MALLOC_ARENA_MAX=" + floorEnv.get("MALLOC_ARENA_MAX") : "")
        + "; extra (BOT_JAVA_OPTS): " + (extra.isEmpty() ? "none" : extra);
  }

  /**
   * @param config the bot's config file
   * @param log where its output goes
   * @return the bot, starting
   */
  BotProcess startBot(Path config, Path log) throws IOException {
    if (launcher == null) {
      return BotProcess.start(jar, split(extra), config, Sandbox.secrets(), log);
    }
    Map<String, String> env = new HashMap<>(Sandbox.secrets());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", extra);
    return BotProcess.launch(List.of(launcher.toString(), "--config", config.toString()), env, log);
  }

  /**
   * @param world the stand-in, guild and simulator the floor connects to
   * @param log where its output goes
   * @return the floor, starting
   */
  BotProcess startFloor(Sandbox world, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(floorJvmOptions);
    command.addAll(List.of("-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + ownClasses(),
        FloorBot.class.getName(), world.discord().restBaseUrl(), world.discord().gatewayUrl(),
        String.valueOf(world.guild().id()), world.simulator().baseUrl(), "Sim101"));
    return BotProcess.launch(command, floorEnv, log);
  }

  /** Where {@link FloorBot}'s class file is (testing/target/classes); the bot's Logback set-up (its jar's LogConfigurator service) applies to it. */
  private static String ownClasses() {
    try {
      return Path.of(FloorBot.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String group(Pattern p, String script, Path from) {
    Matcher m = p.matcher(script);
    if (!m.find()) {
      throw new IllegalStateException(from + " no longer matches " + p.pattern() + ": update BenchLaunch");
    }
    return m.group(1);
  }

  private static List<String> split(String options) {
    String s = options.strip();
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
  }

  /** Unpacks the archive with the system's tar into a fresh directory; returns its top directory. */
  private static Path unpack(Path archive, Path into) throws IOException, InterruptedException {
    if (Files.exists(into)) {
      try (var walk = Files.walk(into)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(into);
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString())
        .inheritIO().start();
    if (tar.waitFor() != 0) {
      throw new IllegalStateException("tar failed on " + archive);
    }
    try (var dirs = Files.list(into)) {
      return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
