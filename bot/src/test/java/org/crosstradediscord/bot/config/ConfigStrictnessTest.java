package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Duplicate keys, YAML 1.1 coercion and URL rules: what used to load silently changed now fails naming the key. */
class ConfigStrictnessTest {
  private static final String MINIMAL = "guild_ids: [1]\naccounts: {allowed: [Sim101]}\nmode: paper\n";

  private static BotConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "config.yaml");
  }

  private static void refused(String yaml, String... messageParts) {
    var thrown = assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOf(ConfigException.class);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  // ---- 1. duplicate keys ----

  @Test
  void duplicateKey_isAnError_namingTheKeyAndItsLine() {
    refused("""
        guild_ids: [1]
        roles:
          flatplace: [5]
        accounts: {allowed: [Sim101]}
        roles:
          flatten_everything: [5]
        """, "config.yaml line 5: duplicate key 'roles'");
    refused("""
        guild_ids: [1]
        accounts:
          allowed: [Sim101]
          allowed: [Sim102]
        """, "config.yaml line 4: duplicate key 'accounts.allowed'");
    refused(MINIMAL + "crosstrade: {base_url: 'https://a.example', base_url: 'https://b.example'}",
        "config.yaml line 4: duplicate key 'crosstrade.base_url'");
    // The same role id quoted and unquoted is the same key.
    refused("guild_ids: [1]\naccounts:\n  allowed: [Sim101, Sim102]\n  by_role:\n    \"5\": [Sim101]\n    5: [Sim102]\n",
        "config.yaml line 6: duplicate key 'accounts.by_role.5'");
  }

  // ---- 2. no YAML 1.1 coercion ----

  @Test
  void accountNames_thatYamlReadsAsNullOrBoolean_areRefused_namingThePath() {
    for (String v : List.of("~", "null", "Null", "yes", "no", "on", "off", "true", "False", "!!bool yes")) {
      refused("guild_ids: [1]\naccounts: {allowed: [" + v + "]}\n", "accounts.allowed[0]: ");
    }
    refused("guild_ids: [1]\naccounts:\n  allowed:\n    - Sim101\n    -\n", "accounts.allowed[1]: is null");
    refused("guild_ids: [1]\naccounts: {allowed: [Sim101], by_role: {'5': [yes]}}\n", "accounts.by_role.5[0]: ");
    refused("guild_ids: [1]\naccounts: {allowed: [Sim101, yes]}\n", "accounts.allowed[1]: 'yes' is a YAML boolean");
  }

  @Test
  void accountNames_quotedOrNumeric_keepTheirTextAsWritten() {
    BotConfig c = parse("guild_ids: [1]\naccounts: {allowed: ['yes', \"null\", 010, 0x1F, 1_000, 12.50]}\nmode: paper\n");
    assertThat(c.policy().allowedAccounts()).containsExactly("yes", "null", "010", "0x1F", "1_000", "12.50");
  }

  @Test
  void ids_areTakenAsWritten_orRefused_neverChanged() {
    BotConfig c = parse("guild_ids: [123456789012345678, \"223456789012345678\"]\naccounts: {allowed: [Sim101]}\n"
        + "audit_channel_id: '323456789012345678'\nmode: live\n");
    assertThat(c.guildIds()).containsExactly(123456789012345678L, 223456789012345678L);
    assertThat(c.auditChannelId()).hasValue(323456789012345678L);

    Map<String, String> bad = Map.of(
        "010", "leading zero", "\"010\"", "leading zero", "0x1F", "digits only", "1_000", "digits only",
        "1e5", "digits only", "-5", "digits only", "true", "digits only", "~", "digits only", "0", "zero",
        "99999999999999999999", "too large");
    bad.forEach((v, why) -> refused("guild_ids: [" + v + "]\naccounts: {allowed: [Sim101]}\n", "guild_ids[0]: ", why));
    refused(MINIMAL + "roles: {flatplace: [010]}", "roles.flatplace[0]: '010'", "leading zero");
    refused(MINIMAL + "audit_channel_id: 010", "audit_channel_id: '010'", "leading zero");
    refused("guild_ids: [1]\naccounts: {allowed: [Sim101], by_role: {010: [Sim101]}}\n",
        "accounts.by_role.010: '010'", "leading zero");
  }

  @Test
  void numbersAndBooleans_mustBeWrittenPlainly() {
    for (String v : List.of("060", "0x3C", "\"60\"", "6_0", "60.0", "yes", "sixty")) {
      refused(MINIMAL + "confirmation_timeout_seconds: " + v, "confirmation_timeout_seconds: must be a whole number");
    }
    assertThat(parse(MINIMAL + "confirmation_timeout_seconds: 90").confirmationTimeout().toSeconds()).isEqualTo(90);
    for (String v : List.of("yes", "on", "1", "\"true\"", "'false'")) {
      refused(MINIMAL + "crosstrade: {allow_insecure_http: " + v + "}", "crosstrade.allow_insecure_http: must be true or false");
    }
    refused(MINIMAL + "crosstrade: {transport: yes}", "crosstrade.transport: 'yes' is a YAML boolean");
  }

  // ---- 3. URLs and the two new keys ----

  @Test
  void baseUrlWithUserInfo_isRefused_withoutEchoingTheCredentials() {
    for (String url : List.of("https://alice:hunter2@app.crosstrade.io/", "https://alice:hunter2@my_host:8443/")) {
      assertThatThrownBy(() -> parse(MINIMAL + "crosstrade: {base_url: '" + url + "'}"))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("crosstrade.base_url: must not contain user info")
          .hasMessageNotContaining("hunter2").hasMessageNotContaining("alice");
    }
    assertThatThrownBy(() -> parse(MINIMAL + "crosstrade: {base_url: 'https://alice:hunter2@app.crosstrade.io:8443/x'}"))
        .hasMessageEndingWith("https://app.crosstrade.io:8443");
    refused(MINIMAL + "discord: {rest_base_url: 'https://bot:hunter2@discord.com/api/v10/'}",
        "discord.rest_base_url: must not contain user info");
  }

  @Test
  void baseUrlWithQueryOrFragment_isRefused_withoutEchoingIt() {
    for (String url : List.of("https://app.crosstrade.io/?key=s3cr3t", "https://app.crosstrade.io/#s3cr3t")) {
      assertThatThrownBy(() -> parse(MINIMAL + "crosstrade: {base_url: '" + url + "'}"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("crosstrade.base_url: must not have a query or fragment")
          .hasMessageNotContaining("s3cr3t");
    }
  }

  @Test
  void plainHttp_onlyToLoopback_unlessAllowInsecureHttp() {
    refused(MINIMAL + "crosstrade: {base_url: 'http://crosstrade.internal:8080'}",
        "crosstrade.base_url: plain http to a non-loopback host (http://crosstrade.internal:8080)",
        "crosstrade.allow_insecure_http: true");
    for (String url : List.of("http://127.0.0.1:8089", "http://localhost:8089", "http://[::1]:8089")) {
      assertThat(parse(MINIMAL + "crosstrade: {base_url: '" + url + "'}").crosstrade().baseUrl()).hasToString(url);
    }
    BotConfig insecure = parse(MINIMAL + "crosstrade: {base_url: 'http://crosstrade.internal:8080', allow_insecure_http: true}");
    assertThat(insecure.crosstrade().allowInsecureHttp()).isTrue();
    assertThat(insecure.summary()).contains("allow_insecure_http=true");
    assertThat(parse(MINIMAL).crosstrade().allowInsecureHttp()).isFalse();
  }

  @Test
  void maxResponseBytes_defaultsTo1MiB_andIsBounded() {
    assertThat(parse(MINIMAL).crosstrade().maxResponseBytes()).isEqualTo(1_048_576);
    assertThat(parse(MINIMAL + "crosstrade: {max_response_bytes: 4096}").crosstrade().maxResponseBytes()).isEqualTo(4096);
    assertThat(parse(MINIMAL + "crosstrade: {max_response_bytes: 67108864}").crosstrade().maxResponseBytes())
        .isEqualTo(67_108_864);
    refused(MINIMAL + "crosstrade: {max_response_bytes: 4095}", "crosstrade.max_response_bytes: 4095 is out of range (4096 to 67108864)");
    refused(MINIMAL + "crosstrade: {max_response_bytes: 67108865}", "out of range");
    refused(MINIMAL + "crosstrade: {max_response_bytes: 1_048_576}", "crosstrade.max_response_bytes: must be a whole number");
    assertThat(parse(MINIMAL).summary()).contains("max_response_bytes=1048576");
  }

  @Test
  void summary_neverShowsUserInfoQueryOrFragment() {
    BotConfig c = parse(MINIMAL);
    URI leaky = URI.create("https://alice:hunter2@app.crosstrade.io:8443/base?key=s3cr3t#frag");
    CrossTradeConfig ct = c.crosstrade();
    BotConfig built = c.withCrossTrade(new CrossTradeConfig(leaky, ct.connectTimeout(), ct.requestTimeout(),
        ct.transport(), ct.maxResponseBytes(), false, ct.checkAtStart()));
    built = new BotConfig(built.mode(), built.guildIds(), built.policy(), built.auditChannelId(),
        built.confirmationTimeout(), built.crosstrade(), new DiscordConfig(leaky, leaky), built.limits(),
        built.dailyLoss(), built.trailingDrawdown(), built.board(), built.storage(), built.logging(), built.ops(), built.alerts(), built.approvals());
    assertThat(built.summary()).contains("crosstrade=https://app.crosstrade.io:8443/base")
        .doesNotContain("hunter2").doesNotContain("alice").doesNotContain("s3cr3t").doesNotContain("frag");
    assertThat(BotConfig.origin(leaky)).isEqualTo("https://app.crosstrade.io:8443");
  }

  @Test
  void yamlErrors_areOneLine_withTheLine() {
    refused("guild_ids: [1\naccounts: x\n", "config.yaml is not valid YAML", "(line ");
    refused(MINIMAL + "---\n" + MINIMAL, "config.yaml is not valid YAML");
  }

  // ---- 4. what the Jackson reader refuses, in the same one-line form ----

  @Test
  void aliasesTagsAndNulls_areRefused_namingThePath() {
    refused(MINIMAL + "x: &a [1]\nguild_ids: *a\n", "config.yaml line 5: duplicate key 'guild_ids'");
    refused(MINIMAL + "audit_channel_id: &a 5\nboard: {channel_id: *a, accounts: [Sim101]}\n",
        "board.channel_id: an alias (*a) is not supported here; write the value out");
    refused(MINIMAL + "crosstrade: {transport: !foo rest}", "crosstrade.transport: tag !foo is not allowed here");
    refused(MINIMAL + "storage: {url: !!binary aGk=}", "storage.url: tag !!binary is not allowed here");
    refused("guild_ids: [~]\naccounts: {allowed: [Sim101]}\nmode: paper\n", "guild_ids[0]: '~' is not a Discord id");
    refused(MINIMAL + "limits: {daily_loss: {Sim101: ~}}", "limits.daily_loss.Sim101: is null ('~')");
    refused(MINIMAL + "crosstrade: {connect_timeout_ms: 99999999999999999999}",
        "crosstrade.connect_timeout_ms: 99999999999999999999 is out of range");
    refused(MINIMAL + "crosstrade: {check_at_start: off}", "crosstrade.check_at_start: must be true or false (got 'off')");
    refused(MINIMAL + "confirmation_timeout_seconds: {a: 1}", "confirmation_timeout_seconds: must be a whole number");
    refused(MINIMAL + "storage: x", "storage: must be a mapping");
    refused(MINIMAL + "<<: {a: 1}", "<<: unknown key (known: accounts, alerts, approvals, audit_channel_id, board,");
    refused("~", "config.yaml must be a YAML mapping");
    refused(MINIMAL + "x: " + "[".repeat(30) + "]".repeat(30), "config.yaml is not valid YAML: nested more than 20 levels");
    // null is absent where a default exists; an empty role list grants nobody
    assertThat(parse(MINIMAL + "audit_channel_id: ~\nboard: ~\nroles: {flatplace: ~}").auditChannelId()).isEmpty();
    assertThat(parse(MINIMAL + "limits: {daily_loss: {Sim101: '500'}, session_start: 18:30}").dailyLoss().limitFor("Sim101"))
        .isEqualTo(500.0);
  }
}
