package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive rules ({@code bin/crosstrade-bot}, docs/setup.md "Start-up time"), checked with a
 * stand-in {@code java} that records its arguments (no JVM starts, so every rule is cheap to check): which start
 * makes an archive (the one after a start that succeeded), when it is renamed into use, and what makes the launcher
 * leave it alone, drop it or go without.
 * {@link DistributionClassArchiveEndToEndTest} does the same with the real JVM and bot.
 */
class LauncherClassArchiveTest {
  private static final String DUMP = "-XX:ArchiveClassesAtExit=";
  private static final String MAP = "-XX:SharedArchiveFile=";
  private static final String MARK = "-Dcrosstrade.cds.trained=";

  @TempDir
  Path dir;
  private Path launcher;
  private Path jdk;
  private Path cache;

  @BeforeEach
  void unpackAndFakeAJdk() throws Exception {
    Path home = DistributionEndToEndTest.unpack(DistributionEndToEndTest.archive(), Files.createDirectory(dir.resolve("dist")));
    launcher = home.resolve("bin/crosstrade-bot");
    jdk = Files.createDirectories(dir.resolve("jdk/lib/server")).getParent().getParent();
    for (String f : List.of("release", "lib/modules", "lib/server/libjvm.so", "lib/server/classes.jsa")) {
      Files.writeString(jdk.resolve(f), f);
    }
    // records its arguments; "-version" is the launcher's check that the JDK's own archive maps with these options
    Path java = Files.writeString(Files.createDirectory(jdk.resolve("bin")).resolve("java"), """
        #!/bin/sh
        for a in "$@"; do [ "$a" = -version ] && { [ -f '%1$s/version-fails' ] && exit 1; exit 0; }; done
        printf '%%s\\n' "$@" > '%1$s/args'
        """.formatted(jdk));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    cache = dir.resolve("cache");
  }

  /** Runs the launcher to its end; returns the arguments java got. */
  private List<String> launch(Map<String, String> extraEnv, String... args) throws Exception {
    Files.deleteIfExists(jdk.resolve("args"));
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    for (String v : List.of("JAVA_OPTS", "CACHE_DIRECTORY", "XDG_CACHE_HOME", "CROSSTRADE_BOT_CDS")) {
      env.remove(v);
    }
    env.put("JAVA_HOME", jdk.toString());
    env.put("HOME", dir.resolve("home").toString());
    env.put("CROSSTRADE_BOT_CDS", cache.toString());
    env.putAll(extraEnv);
    env.values().removeIf(String::isEmpty);
    DistributionEndToEndTest.Exec run = DistributionEndToEndTest.exec(pb);
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).as("the launcher prints nothing").isEmpty();
    return Files.readAllLines(jdk.resolve("args"));
  }

  private List<String> start() throws Exception {
    return launch(Map.of(), "--config", "bot.yaml");
  }

  private static String option(List<String> args, String prefix) {
    return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst()
        .orElse(null);
  }

  private List<String> files() throws Exception {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** What the bot does once started: creates the file the launcher named. */
  private static Path succeeded(List<String> args) throws Exception {
    return Files.createFile(Path.of(option(args, MARK)));
  }

  /** A start that succeeds, then the start after it: the one that writes the archive. */
  private List<String> trainingStart() throws Exception {
    succeeded(start());
    return start();
  }

  /** What the JVM of a training start leaves when it registered its commands and exited: the .ok and the dump. */
  private static Path finishTraining(List<String> args, int bodyBytes) throws Exception {
    succeeded(args);
    byte[] bytes = new byte[4 + bodyBytes];
    bytes[0] = (byte) 0xa8; // the dynamic archive's magic, 0xf00baba8, little-endian: the JVM writes it last
    bytes[1] = (byte) 0xab;
    bytes[2] = 0x0b;
    bytes[3] = (byte) 0xf0;
    return Files.write(Path.of(option(args, DUMP)), bytes);
  }

  @Test
  void theFirstStartOnlyTellsItSucceeded_theNextWritesTheArchive_thenItIsMapped_quietly() throws Exception {
    List<String> first = start();
    assertThat(option(first, MARK)).matches(cache + "/crosstrade-bot-\\d+-\\d+\\.ready");
    assertThat(first).noneMatch(a -> a.startsWith(DUMP) || a.startsWith(MAP));
    assertThat(first.subList(first.size() - 2, first.size())).containsExactly("--config", "bot.yaml");
    assertThat(option(start(), DUMP)).as("not before a start succeeded").isNull();

    succeeded(first);
    List<String> second = start();
    String dump = option(second, DUMP);
    assertThat(dump).matches(cache + "/crosstrade-bot-\\d+-\\d+\\.\\d+\\.dump");
    assertThat(option(second, MARK)).isEqualTo(dump.replaceAll("\\.dump$", ".ok"));
    assertThat(second).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off").noneMatch(a -> a.startsWith(MAP));
    assertThat(second.indexOf("-Xlog:cds=off")).as("before -jar").isLessThan(second.indexOf("-jar"));
    assertThat(files()).as(".ready used up").isEmpty();

    finishTraining(second, 96);
    List<String> third = start();
    String archive = dump.replaceAll("\\.\\d+\\.dump$", ".100.jsa");
    assertThat(option(third, MAP)).isEqualTo(archive);
    assertThat(option(third, "-Dcrosstrade.cds.archive=")).isEqualTo(archive);
    assertThat(third).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off").noneMatch(a -> a.startsWith(DUMP))
        .noneMatch(a -> a.startsWith(MARK));
    assertThat(files()).containsExactly(Path.of(archive).getFileName().toString());
    assertThat(option(start(), MAP)).as("and the starts after").isEqualTo(archive);
  }

  @Test
  void checkConfigHelpAndExport_neitherMakeNorNeedTheDirectory_butUseAnArchive() throws Exception {
    for (String[] args : List.of(new String[] {"--config", "bot.yaml", "--check-config"}, new String[] {"--help"},
        new String[] {"--config", "bot.yaml", "--export-audit", "2026-01-01", "2026-01-31"})) {
      assertThat(launch(Map.of(), args)).noneMatch(a -> a.startsWith(DUMP) || a.startsWith(MAP) || a.startsWith(MARK));
    }
    assertThat(cache).doesNotExist();
    finishTraining(trainingStart(), 10);
    assertThat(option(launch(Map.of(), "--config", "bot.yaml", "--check-config"), MAP)).endsWith(".14.jsa");
  }

  @Test
  void aTrainingStartThatFailedOrWasCutShort_leavesNoArchive_andOnlyAStartThatSucceedsLeadsToAnother()
      throws Exception {
    List<String> failed = trainingStart(); // exited without registering: no .ok, but a dump
    Files.write(Path.of(option(failed, DUMP)), new byte[] {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, 1, 2});
    List<String> after = start();
    assertThat(after).as("no second try before a start succeeded").noneMatch(a -> a.startsWith(DUMP));
    succeeded(after);
    List<String> cut = start();
    assertThat(option(cut, DUMP)).isNotNull().isNotEqualTo(option(failed, DUMP));
    assertThat(files()).as("the failed start's dump is removed").isEmpty();

    Files.createFile(Path.of(option(cut, MARK))); // registered, then killed while writing: the header is still zeros
    Files.write(Path.of(option(cut, DUMP)), new byte[64]);
    List<String> next = start();
    assertThat(next).noneMatch(a -> a.startsWith(MAP) || a.startsWith(DUMP));
    succeeded(next);
    assertThat(option(start(), DUMP)).isNotNull();
    assertThat(files()).as("nothing of the cut dump kept").isEmpty();
  }

  @Test
  void anArchiveOfTheWrongSize_isRemoved_notMapped() throws Exception {
    finishTraining(trainingStart(), 96);
    String archive = option(start(), MAP);
    Files.write(Path.of(archive), new byte[50]); // cut short: mapping it would crash the JVM
    List<String> after = start();
    assertThat(after).noneMatch(a -> a.startsWith(MAP));
    assertThat(option(after, MARK)).as("starts over").endsWith(".ready");
    assertThat(Path.of(archive)).doesNotExist();
  }

  @Test
  void aNewJarJdkOrOptions_makeANewArchive_andTheOldOneIsRemoved() throws Exception {
    finishTraining(trainingStart(), 96);
    String archive = option(start(), MAP);

    Path jar = launcher.getParent().resolve("../lib/crosstrade-bot.jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(86_400))); // an upgrade
    List<String> upgraded = start();
    assertThat(upgraded).noneMatch(a -> a.startsWith(MAP));
    succeeded(upgraded);
    List<String> training = start();
    assertThat(Path.of(archive)).as("the old jar's archive").doesNotExist();
    finishTraining(training, 96);
    assertThat(option(start(), MAP)).isNotEqualTo(archive).endsWith(".100.jsa");

    Files.writeString(jdk.resolve("lib/modules"), "a JDK update"); // another JDK
    assertThat(option(start(), MARK)).endsWith(".ready");
    assertThat(launch(Map.of("JAVA_OPTS", "-Xmx200m"), "--config", "bot.yaml")).as("other options")
        .noneMatch(a -> a.startsWith(MAP)).contains("-Xmx200m");
  }

  @Test
  void noArchive_whenOffUnwritableUnusableOrTheJdkHasNoneOfItsOwn() throws Exception {
    for (String off : List.of("off", "relative/dir", dir.resolve("with space").toString(), "/proc/crosstrade-bot-no")) {
      List<String> args = launch(Map.of("CROSSTRADE_BOT_CDS", off), "--config", "bot.yaml");
      assertThat(args).as(off).noneMatch(a -> a.startsWith(DUMP) || a.startsWith(MAP) || a.startsWith(MARK)
          || a.startsWith("-Xlog:cds"));
      assertThat(args).contains("-jar");
    }
    Files.createFile(jdk.resolve("version-fails")); // e.g. JAVA_OPTS=-Xshare:off: Java 17 would refuse to start
    assertThat(trainingStart()).noneMatch(a -> a.startsWith(DUMP) || a.startsWith(MARK));
    Files.delete(jdk.resolve("version-fails"));
    assertThat(start()).as("remembered for these options").noneMatch(a -> a.startsWith(DUMP) || a.startsWith(MARK));
    Files.delete(jdk.resolve("lib/server/classes.jsa"));
    assertThat(launch(Map.of("CROSSTRADE_BOT_CDS", dir.resolve("other").toString()), "--config", "bot.yaml"))
        .noneMatch(a -> a.startsWith(DUMP) || a.startsWith(MARK));
    assertThat(files()).noneMatch(f -> f.endsWith(".dump") || f.endsWith(".jsa"));
  }

  @Test
  void theDirectory_isCacheDirectoryThenXdgCacheHomeThenHomeDotCache() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("CROSSTRADE_BOT_CDS", ""));
    assertThat(option(launch(env, "--config", "bot.yaml"), MARK)).startsWith(dir + "/home/.cache/crosstrade-bot/");
    env.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
    assertThat(option(launch(env, "--config", "bot.yaml"), MARK)).startsWith(dir + "/xdg/crosstrade-bot/");
    env.put("CACHE_DIRECTORY", dir.resolve("systemd-cache") + ":" + dir.resolve("other"));
    assertThat(option(launch(env, "--config", "bot.yaml"), MARK)).startsWith(dir + "/systemd-cache/crosstrade-bot-");
  }

  @Test
  void javaFromPath_isFollowedThroughItsSymlinksToTheJdk() throws Exception {
    Path bin = Files.createDirectory(dir.resolve("usr-bin"));
    Files.createSymbolicLink(bin.resolve("java"), Files.createSymbolicLink(dir.resolve("alternatives-java"),
        jdk.resolve("bin/java")));
    List<String> args = launch(Map.of("JAVA_HOME", "", "PATH", bin + ":/usr/bin:/bin"), "--config", "bot.yaml");
    assertThat(option(args, MARK)).startsWith(cache.toString());
  }
}
