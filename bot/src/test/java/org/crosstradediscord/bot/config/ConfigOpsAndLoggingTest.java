package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ops} and {@code logging} sections: defaults, accepted forms, and one-line errors naming the key. */
class ConfigOpsAndLoggingTest {
  private static final String BASE = "guild_ids: [1]\nmode: paper\naccounts: {allowed: [Sim101]}\n";

  private static BotConfig parse(String extra, Path dir) {
    return ConfigLoader.parse(BASE + extra, "test.yaml", dir);
  }

  @Test
  void absent_meansTextOnStdout_andNoOpsEndpoint(@TempDir Path dir) {
    BotConfig c = parse("", dir);
    assertThat(c.logging()).isEqualTo(LoggingConfig.DEFAULT);
    assertThat(c.ops().listen()).isEmpty();
    assertThat(c.summary()).contains("logging=text").contains("ops=off");
  }

  @Test
  void opsListen_acceptsIpLiteralsAndLocalhost(@TempDir Path dir) {
    assertThat(parse("ops: {listen: \"127.0.0.1:9464\"}\n", dir).ops().listen().orElseThrow())
        .satisfies(a -> assertThat(BotConfig.hostPort(a)).isEqualTo("127.0.0.1:9464"));
    assertThat(parse("ops: {listen: 127.0.0.1:0}\n", dir).ops().listen().orElseThrow().getPort()).isZero();
    assertThat(parse("ops: {listen: \"localhost:9464\"}\n", dir).ops().listen().orElseThrow().getAddress().isLoopbackAddress())
        .isTrue();
    assertThat(BotConfig.hostPort(parse("ops: {listen: \"[::1]:9464\"}\n", dir).ops().listen().orElseThrow()))
        .isEqualTo("[0:0:0:0:0:0:0:1]:9464");
    assertThat(parse("ops: {listen: \"0.0.0.0:9464\"}\n", dir).summary()).contains("ops=0.0.0.0:9464");
  }

  @Test
  void opsListen_refusesWhatIsNotHostPort(@TempDir Path dir) {
    assertThatThrownBy(() -> parse("ops: {listen: \"9464\"}\n", dir)).hasMessageStartingWith("ops.listen: '9464' is not HOST:PORT");
    assertThatThrownBy(() -> parse("ops: {listen: \"127.0.0.1:65536\"}\n", dir))
        .hasMessageStartingWith("ops.listen: port '65536' must be 0..65535");
    assertThatThrownBy(() -> parse("ops: {listen: \"127.0.0.1:09464\"}\n", dir))
        .hasMessageStartingWith("ops.listen: port '09464'");
    assertThatThrownBy(() -> parse("ops: {listen: \"metrics.example.com:9464\"}\n", dir))
        .hasMessageStartingWith("ops.listen: host 'metrics.example.com' must be an IP address or localhost");
    assertThatThrownBy(() -> parse("ops: {listen: \"300.1.1.1:9464\"}\n", dir))
        .hasMessageStartingWith("ops.listen: host '300.1.1.1'");
    assertThatThrownBy(() -> parse("ops: {listen: [a]}\n", dir)).hasMessageStartingWith("ops.listen: must be a single value");
    assertThatThrownBy(() -> parse("ops: {port: 9464}\n", dir)).hasMessage("ops.port: unknown key (known: listen)");
  }

  @Test
  void logging_formatAndFile(@TempDir Path dir) throws Exception {
    assertThat(parse("logging: {format: json}\n", dir).logging().format()).isEqualTo(LoggingConfig.Format.JSON);
    assertThat(parse("logging: {format: text}\n", dir).logging().format()).isEqualTo(LoggingConfig.Format.TEXT);
    assertThatThrownBy(() -> parse("logging: {format: JSON}\n", dir))
        .hasMessage("logging.format: 'JSON' is not a format (text or json)");
    assertThatThrownBy(() -> parse("logging: {level: debug}\n", dir))
        .hasMessage("logging.level: unknown key (known: file, format)");

    Files.createDirectories(dir.resolve("logs"));
    assertThat(parse("logging: {file: logs/bot.log}\n", dir).logging().file()).hasValue(dir.resolve("logs/bot.log"));
    assertThatThrownBy(() -> parse("logging: {file: nowhere/bot.log}\n", dir))
        .hasMessageStartingWith("logging.file: directory " + dir.resolve("nowhere") + " does not exist");
    assertThatThrownBy(() -> parse("logging: {file: logs}\n", dir))
        .hasMessageEndingWith("is a directory; name a file in it");
  }
}
