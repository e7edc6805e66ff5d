package org.crosstradediscord.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and the one clear line on stderr (no Discord needed for these paths). */
class BotMainTest {
  private final PrintStream originalErr = System.err;

  private record Run(int code, String stderr) {}

  private Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Run(BotMain.run(args, env), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }

  @Test
  void noConfig_exits2_sayingHowToGiveOne() {
    Run r = run(Map.of());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).contains("pass --config FILE or set CROSSTRADE_DISCORD_CONFIG");
  }

  @Test
  void badConfig_exits2_namingTheKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "guild_ids: [1]\naccounts: {allowed: []}\n");
    Run r = run(Map.of("DISCORD_TOKEN", "a", "CROSSTRADE_TOKEN", "b"), "--config", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).contains("accounts.allowed").hasLineCount(1);
  }

  @Test
  void missingMode_exits2_namingIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("nomode.yaml"), "guild_ids: [1]\naccounts: {allowed: [Sim101]}\n");
    Run r = run(Map.of("DISCORD_TOKEN", "a", "CROSSTRADE_TOKEN", "b"), "--config", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).contains("mode: is required").hasLineCount(1);
  }

  @Test
  void missingToken_exits2_namingTheVariable_andNeverPrintingTheOther() {
    Run r = run(Map.of("CROSSTRADE_TOKEN", "secret-value-xyz", "CROSSTRADE_DISCORD_CONFIG", "config.example.yaml"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).contains("DISCORD_TOKEN is not set").doesNotContain("secret-value-xyz");
  }

  @Test
  void checkConfig_validatesWithoutTokens() {
    assertThat(run(Map.of(), "--config", "config.example.yaml", "--check-config").code()).isZero();
  }

  /** A config that loads, with {@code extra} appended (e.g. a storage or logging section). */
  private static Path config(Path dir, String extra) throws Exception {
    return Files.writeString(dir.resolve("check.yaml"),
        "mode: paper\nguild_ids: [1]\naccounts: {allowed: [Sim101]}\n" + extra);
  }

  @Test
  void checkConfig_storageDirectoryThatCannotBeCreatedIn_exits2_inOneLine_creatingNothing(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("plain-file"), "not a directory");
    Path file = config(dir, "storage: {url: \"jdbc:sqlite:plain-file/bot.db\"}\n");
    Run r = run(Map.of(), "--config", file.toString(), "--check-config");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).hasLineCount(1).startsWith("crosstrade-discord: storage.url: directory ")
        .contains(dir.resolve("plain-file").toString());
    Path missing = config(dir, "storage: {url: \"jdbc:sqlite:no-such-dir/bot.db\"}\n");
    Run r2 = run(Map.of(), "--config", missing.toString(), "--check-config");
    assertThat(r2.code()).isEqualTo(2);
    assertThat(r2.stderr()).hasLineCount(1).contains("storage.url: directory").contains("does not exist");
    assertThat(dir.resolve("no-such-dir")).doesNotExist();
  }

  @Test
  void checkConfig_unwritableStorageDirectory_exits2_inOneLine(@TempDir Path dir) throws Exception {
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root: every directory is writable"
          + " (DistributionEndToEndTest checks this as an unprivileged user)");
      Path file = config(dir, "storage: {url: \"jdbc:sqlite:read-only/bot.db\"}\n");
      Run r = run(Map.of(), "--config", file.toString(), "--check-config");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.stderr()).hasLineCount(1).contains("storage.url: directory " + readOnly + " is not writable");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void checkConfig_writableStorage_passes_andCreatesNoDatabase(@TempDir Path dir) throws Exception {
    Path file = config(dir, "storage: {url: \"jdbc:sqlite:bot.db\"}\nlogging: {file: logs/bot.log}\n");
    Files.createDirectory(dir.resolve("logs"));
    assertThat(run(Map.of(), "--config", file.toString(), "--check-config").code()).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("check.yaml", "logs");
    }
  }

  @Test
  void checkConfig_logFileDirectoryMissing_exits2_inOneLine(@TempDir Path dir) throws Exception {
    Path file = config(dir, "logging: {file: no-such-dir/bot.log}\n");
    Run r = run(Map.of(), "--config", file.toString(), "--check-config");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).hasLineCount(1).contains("logging.file: directory " + dir.resolve("no-such-dir"));
  }

  @Test
  void help_namesTheLauncherTheJarAndTheExampleInTheArchive() {
    assertThat(BotMain.USAGE).contains("bin/crosstrade-bot").contains("java -jar crosstrade-bot-<version>-all.jar")
        .contains("config.example.yaml\n").contains("at the top of the distribution archive")
        .doesNotContain("crosstrade-bot-all.jar");
  }

  @Test
  void unknownArgument_exits2() {
    assertThat(run(Map.of(), "--verbose").stderr()).contains("unknown argument '--verbose'");
  }
}
