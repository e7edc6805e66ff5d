package org.crosstradediscord.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

  @Test
  void unknownArgument_exits2() {
    assertThat(run(Map.of(), "--verbose").stderr()).contains("unknown argument '--verbose'");
  }
}
