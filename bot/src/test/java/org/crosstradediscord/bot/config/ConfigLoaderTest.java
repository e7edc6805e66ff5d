package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.crosstradediscord.bot.access.Permission;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String MINIMAL = "guild_ids: [1]\naccounts: {allowed: [Sim101]}\nmode: paper\n";

  @Test
  void committedExampleConfig_loads() {
    BotConfig c = ConfigLoader.load(Path.of("config.example.yaml"));
    assertThat(c.guildIds()).containsExactly(100000000000000001L);
    assertThat(c.policy().allows(Permission.FLATTEN_EVERYTHING, Set.of(200000000000000003L))).isTrue();
    assertThat(c.auditChannelId()).hasValue(300000000000000001L);
    assertThat(c.confirmationTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.crosstrade().maxResponseBytes()).isEqualTo(1_048_576);
    assertThat(c.crosstrade().allowInsecureHttp()).isFalse();
    assertThat(c.mode()).as("the example starts on paper").isEqualTo(TradingMode.PAPER);
    assertThat(c.limits().defaults().maxQuantity()).isEqualTo(10);
    assertThat(c.limits().forRoles(Set.of(200000000000000002L)).maxPosition()).hasValue(4);
  }

  @Test
  void minimalConfig_getsSafeDefaults() {
    BotConfig c = ConfigLoader.parse(MINIMAL, "test");
    assertThat(c.confirmationTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.crosstrade().baseUrl().toString()).isEqualTo("https://app.crosstrade.io");
    assertThat(c.discord().restBaseUrl()).isEqualTo(DiscordConfig.DEFAULT.restBaseUrl());
    assertThat(c.discord().gatewayUrl()).isEqualTo(DiscordConfig.DEFAULT.gatewayUrl());
    assertThat(c.auditChannelId()).isEmpty();
    assertThat(c.crosstrade().transport()).isEqualTo(org.crosstradediscord.client.TransportType.REST);
    assertThat(ConfigLoader.parse(MINIMAL + "crosstrade: {transport: WebSocket}", "t").crosstrade().transport())
        .isEqualTo(org.crosstradediscord.client.TransportType.WEBSOCKET);
    for (Permission p : Permission.values()) {
      assertThat(c.policy().allows(p, Set.of(1L, 2L, 3L))).as("deny by default: " + p).isFalse();
    }
  }

  @Test
  void badValues_failWithOneMessageNamingTheKey() {
    Map<String, String> cases = pairs(
        "accounts: {allowed: [Sim101]}", "guild_ids: is required",
        "guild_ids: [1]", "accounts.allowed: is required",
        MINIMAL + "rolez: {}", "rolez: unknown key",
        MINIMAL + "roles: {flatplace: [abc]}", "roles.flatplace[0]: 'abc' is not a Discord id",
        MINIMAL + "roles: {buy: [1]}", "roles.buy: unknown permission",
        MINIMAL + "confirmation_timeout_seconds: 3600", "confirmation_timeout_seconds: 3600 is out of range",
        MINIMAL + "crosstrade: {base_url: ftp://x}", "crosstrade.base_url: 'ftp://x' must be an absolute http/https URL",
        MINIMAL + "discord: {gateway_url: http://x}", "discord.gateway_url: 'http://x' must be an absolute ws/wss URL",
        MINIMAL + "crosstrade: {transport: grpc}", "crosstrade.transport: 'grpc' is not a transport (rest or websocket)",
        "guild_ids: [1]\naccounts: {allowed: [Sim101], by_role: {'5': [Sim999]}}", "accounts.by_role.5: account 'Sim999' is not in accounts.allowed",
        "guild_ids: [1\n", "is not valid YAML");
    cases.forEach((yaml, message) -> assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test"))
        .as(yaml).isInstanceOf(ConfigException.class).hasMessageContaining(message));
  }

  private static Map<String, String> pairs(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void missingFile_failsNamingTheFile() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("no-such-config.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no-such-config.yaml");
  }

  @Test
  void secrets_comeFromTheEnvironment_andNeverShowInToString() {
    Secrets s = Secrets.fromEnvironment(Map.of("DISCORD_TOKEN", "d-token-123", "CROSSTRADE_TOKEN", "c-token-456"));
    assertThat(s.toString()).doesNotContain("d-token-123").doesNotContain("c-token-456");
    assertThatThrownBy(() -> Secrets.fromEnvironment(Map.of("DISCORD_TOKEN", "x")))
        .hasMessageContaining("CROSSTRADE_TOKEN").hasMessageNotContaining("x ");
    assertThatThrownBy(() -> Secrets.fromEnvironment(Map.of("DISCORD_TOKEN", " ", "CROSSTRADE_TOKEN", "y")))
        .hasMessageContaining("DISCORD_TOKEN is not set");
  }
}
