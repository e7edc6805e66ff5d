package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code alerts} section: off when absent, defaults, and one-line errors naming the key. */
class ConfigAlertsTest {
  private static final String BASE = "guild_ids: [1]\nmode: paper\naccounts: {allowed: [Sim101, Sim102]}\n";
  private static final String SOURCE = "alerts:\n  listen: \"127.0.0.1:9470\"\n  sources:\n    tv-mes:\n"
      + "      secret_env: ALERT_KEY_TV_MES\n      channel_id: \"42\"\n      accounts: [Sim101]\n"
      + "      approvers: [\"7\"]\n";

  private static BotConfig parse(String extra, Path dir) {
    return ConfigLoader.parse(BASE + extra, "test.yaml", dir);
  }

  @Test
  void absent_isOff(@TempDir Path dir) {
    BotConfig c = parse("", dir);

    assertThat(c.alerts()).isNull();
    assertThat(c.summary()).contains("alerts=off");
  }

  @Test
  void aSource_takesItsDefaults(@TempDir Path dir) {
    AlertsConfig a = parse(SOURCE, dir).alerts();

    assertThat(BotConfig.hostPort(a.listen())).isEqualTo("127.0.0.1:9470");
    assertThat(a.maxBodyBytes()).isEqualTo(8192);
    assertThat(a.sources()).containsExactly(new AlertsConfig.Source("tv-mes", "ALERT_KEY_TV_MES", 42L,
        List.of("Sim101"), List.of(7L), Duration.ofSeconds(60), 30, Duration.ofSeconds(30)));
    assertThat(parse(SOURCE, dir).summary()).contains("alerts=listen=127.0.0.1:9470 sources=[tv-mes]");
    AlertsConfig.Source set = parse(SOURCE + "      ttl_seconds: 120\n      max_per_minute: 5\n"
        + "      dedupe_seconds: 10\n", dir).alerts().sources().get(0);
    assertThat(set.ttl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(set.maxPerMinute()).isEqualTo(5);
    assertThat(set.dedupe()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void whatIsMissingOrWrong_isOneLineNamingTheKey(@TempDir Path dir) {
    assertThatThrownBy(() -> parse("alerts: {sources: {}}\n", dir)).hasMessageStartingWith("alerts.listen: is required");
    assertThatThrownBy(() -> parse("alerts: {listen: \"127.0.0.1:9470\"}\n", dir))
        .hasMessageStartingWith("alerts.sources: list at least one source");
    assertThatThrownBy(() -> parse(SOURCE.replace("tv-mes:", "\"tv mes\":"), dir))
        .hasMessageStartingWith("alerts.sources: 'tv mes' is not a source name");
    assertThatThrownBy(() -> parse(SOURCE.replace("ALERT_KEY_TV_MES", "hunter2-secret-value"), dir))
        .hasMessageStartingWith("alerts.sources.tv-mes.secret_env: name the environment variable")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> parse(SOURCE.replace("[Sim101]", "[Sim999]"), dir))
        .hasMessageStartingWith("alerts.sources.tv-mes.accounts");
    assertThatThrownBy(() -> parse(SOURCE.replace("[\"7\"]", "[]"), dir))
        .hasMessageStartingWith("alerts.sources.tv-mes.approvers: list at least one role id");
    assertThatThrownBy(() -> parse(SOURCE + "      ttl_seconds: 5\n", dir))
        .hasMessageStartingWith("alerts.sources.tv-mes.ttl_seconds");
    assertThatThrownBy(() -> parse(SOURCE + "      take_profit: 5\n", dir))
        .hasMessageStartingWith("alerts.sources.tv-mes.take_profit: unknown key");
    assertThatThrownBy(() -> parse(SOURCE.replace("  listen:", "  max_body_bytes: 100\n  listen:"), dir))
        .hasMessageStartingWith("alerts.max_body_bytes");
  }

  @Test
  void theKeys_comeFromTheEnvironment_andAreNeverTheTokens(@TempDir Path dir) {
    AlertsConfig a = parse(SOURCE, dir).alerts();
    String key = "k".repeat(16);

    assertThat(a.keys(Map.of("ALERT_KEY_TV_MES", " " + key + " "))).containsExactly(Map.entry("tv-mes", key));
    assertThatThrownBy(() -> a.keys(Map.of())).hasMessage("environment variable ALERT_KEY_TV_MES"
        + " (alerts.sources.tv-mes.secret_env) is not set");
    assertThatThrownBy(() -> a.keys(Map.of("ALERT_KEY_TV_MES", "short-key"))).hasMessageContaining("at least 16")
        .hasMessageNotContaining("short-key");
    assertThatThrownBy(() -> a.keys(Map.of("ALERT_KEY_TV_MES", key, "CROSSTRADE_TOKEN", key)))
        .hasMessageContaining("must not be the CrossTrade or Discord token").hasMessageNotContaining(key);
  }
}
