package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.CapturedCall;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive with the real JVM and bot ({@code bin/crosstrade-bot} of the unpacked archive,
 * against the stand-ins): the first start only tells the launcher it succeeded, the second writes the archive when
 * stopped, the third maps it, and one the JVM refuses (the jar changed within the same minute, so the archive's name
 * did not change) costs one start without it and is then removed. No start prints a word about it. The rules one by one: {@link LauncherClassArchiveTest}.
 */
class DistributionClassArchiveEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void secondStartWritesTheArchive_thirdMapsIt_oneTheJvmRefusesIsRemoved_allQuietly(@TempDir Path dir) throws Exception {
    Path home = DistributionEndToEndTest.unpack(DistributionEndToEndTest.archive(),
        Files.createDirectory(dir.resolve("dist")));
    Path cache = dir.resolve("cache");
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false)) {
      Map<String, String> env = new HashMap<>(Sandbox.secrets());
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("CROSSTRADE_BOT_CDS", cache.toString());
      List<String> command = List.of(home.resolve("bin/crosstrade-bot").toString(), "--config",
          world.configFile().toString());

      try (BotProcess first = started(world, command, env, "first")) {
        Poll.until(() -> files(cache).stream().filter(f -> f.endsWith(".ready")).findFirst(), WAIT,
            () -> "no .ready marker after a successful start: " + files(cache));
        assertThat(first.terminate(60)).isEqualTo(143);
        assertQuiet(first.output());
      }
      assertThat(files(cache)).as("no archive from the first start").hasSize(1);
      try (BotProcess training = started(world, command, env, "training")) {
        Poll.until(() -> files(cache).stream().filter(f -> f.endsWith(".ok")).findFirst(), WAIT,
            () -> "no .ok marker after a successful start: " + files(cache));
        assertThat(training.terminate(60)).as("SIGTERM, then the archive is written").isEqualTo(143);
        assertQuiet(training.output());
      }
      assertThat(files(cache)).hasSize(2).anyMatch(f -> f.endsWith(".dump")).anyMatch(f -> f.endsWith(".ok"));

      Path archive;
      try (BotProcess second = started(world, command, env, "mapped")) {
        assertThat(files(cache)).hasSize(1).allMatch(f -> f.matches("crosstrade-bot-\\d+-\\d+\\.\\d+\\.jsa"));
        archive = cache.resolve(files(cache).get(0)).toRealPath();
        assertThat(Files.readString(Path.of("/proc", String.valueOf(second.process().pid()), "maps")))
            .as("the JVM mapped the archive").contains(" " + archive + "\n");
        assertThat(second.terminate(60)).isEqualTo(143);
        assertQuiet(second.output());
      }
      assertThat(archive).as("kept: it was used").exists();

      // Rebuilt within the same minute: same size, same `ls -l` line, so the same archive name; the JVM refuses it.
      Path jar = home.resolve("lib/crosstrade-bot.jar");
      Instant was = Files.getLastModifiedTime(jar).toInstant();
      Instant sameMinute = was.truncatedTo(ChronoUnit.MINUTES).plusSeconds((was.getEpochSecond() % 60 + 1) % 60);
      Files.setLastModifiedTime(jar, FileTime.from(sameMinute));
      try (BotProcess third = started(world, command, env, "refused")) {
        awaitLine(third, "class-data archive " + cache);
        assertThat(third.output()).contains("was not used by this JVM");
        assertThat(third.terminate(60)).isEqualTo(143);
        assertQuiet(third.output());
      }
      assertThat(files(cache)).as("removed: the next start makes a new one").isEmpty();
    }
  }

  /**
   * Launches the bot and waits until the stand-in answered its command registration (PUT, or the read) and the bot
   * logged its start-up line.
   */
  private static BotProcess started(Sandbox world, List<String> command, Map<String, String> env, String name)
      throws Exception {
    int seen = world.discord().calls().size();
    BotProcess bot = BotProcess.launch(command, env, Path.of("target", "bot-cds-" + name + ".log"));
    try {
      Poll.until(() -> {
        assertThat(bot.process().isAlive()).as(name + " start exited early").isTrue();
        List<CapturedCall> calls = world.discord().calls();
        return calls.subList(Math.min(seen, calls.size()), calls.size()).stream()
            .filter(c -> c.route().endsWith("/commands") && c.status() == 200).findFirst();
      }, WAIT, () -> name + " start registered no commands");
      awaitLine(bot, " started in "); // started (its shutdown hook follows at once), so SIGTERM stops it cleanly
      return bot;
    } catch (RuntimeException | Error e) {
      bot.close();
      throw e;
    }
  }

  private static void awaitLine(BotProcess bot, String text) {
    Poll.until(() -> {
      try {
        return bot.output().contains(text) ? Optional.of(true) : Optional.empty();
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    }, WAIT, () -> "no line with '" + text + "'");
  }

  /** Nothing from the JVM about class sharing, and no stack trace: the log is the bot's own. */
  private static void assertQuiet(String output) {
    assertThat(output).contains("slash commands").contains("DiscordBot - stopped");
    assertThat(output.lines().filter(l -> l.contains("[warning]") || l.contains("[error]") || l.contains("[cds")
        || l.contains("shared archive") || l.contains("Error occurred") || l.startsWith("\tat "))).isEmpty();
  }

  private static List<String> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
