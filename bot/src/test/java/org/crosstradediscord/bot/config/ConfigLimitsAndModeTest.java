package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.crosstradediscord.bot.risk.Limit;
import org.crosstradediscord.bot.risk.Limits;
import org.junit.jupiter.api.Test;

/** {@code mode} (required) and {@code limits}: each key typed and strict, like {@link ConfigStrictnessTest}. */
class ConfigLimitsAndModeTest {
  private static final String BASE = "guild_ids: [1]\naccounts: {allowed: [Sim101]}\n";
  private static final String PAPER = BASE + "mode: paper\n";

  private static BotConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "config.yaml");
  }

  private static void refused(String yaml, String... parts) {
    var thrown = assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOf(ConfigException.class);
    for (String part : parts) {
      thrown.hasMessageContaining(part);
    }
    thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void mode_isRequired_paperOrLive_asWritten() {
    refused(BASE, "mode: is required");
    assertThat(parse(PAPER).mode()).isEqualTo(TradingMode.PAPER);
    assertThat(parse(BASE + "mode: live\n").mode()).isEqualTo(TradingMode.LIVE);
    assertThat(parse(BASE + "mode: 'paper'\n").mode()).isEqualTo(TradingMode.PAPER);
    refused(BASE + "mode: Live\n", "mode: 'Live' is not a mode (paper or live)");
    refused(BASE + "mode: dry\n", "mode: 'dry' is not a mode");
    refused(BASE + "mode: ~\n", "mode: is required");
    refused(BASE + "mode: yes\n", "mode: 'yes' is a YAML boolean");
    refused(BASE + "mode: [paper]\n", "mode: must be a single value");
    refused(BASE + "mode: paper\nmode: live\n", "duplicate key 'mode'");
    assertThat(parse(PAPER).summary()).startsWith("mode=paper ");
  }

  @Test
  void absentLimits_meanTheSafeDefault_maxQuantity10() {
    BotConfig c = parse(PAPER);
    assertThat(c.limits()).isEqualTo(Limits.SAFE);
    assertThat(c.limits().forRoles(Set.of(5L)).maxQuantity()).isEqualTo(10);
    assertThat(c.summary()).contains("limits=default={max_quantity=10}");
  }

  @Test
  void limits_areRead_byRoleFieldsInheritTheDefault() {
    BotConfig c = parse(PAPER + """
        limits:
          default: {max_quantity: 5, max_position: 8}
          by_role:
            "7": {max_quantity: 2, order_types: [MARKET, limit], instruments: [MES, mnq], max_position: 4}
            8: {instruments: []}
        """);
    assertThat(c.limits().defaults()).isEqualTo(new Limit(5, Set.of(), Set.of(), java.util.OptionalLong.of(8)));
    Limit seven = c.limits().byRole().get(7L);
    assertThat(seven.maxQuantity()).isEqualTo(2);
    assertThat(seven.orderTypes()).containsExactly("LIMIT", "MARKET");
    assertThat(seven.instruments()).containsExactly("MES", "MNQ");
    assertThat(seven.maxPosition()).hasValue(4);
    Limit eight = c.limits().byRole().get(8L);
    assertThat(eight.maxQuantity()).isEqualTo(5);
    assertThat(eight.maxPosition()).hasValue(8);
    assertThat(eight.instruments()).isEmpty();
    // default given without max_quantity keeps the safe 10
    assertThat(parse(PAPER + "limits: {default: {order_types: [MARKET]}}").limits().defaults().maxQuantity()).isEqualTo(10);
  }

  @Test
  void badLimits_failNamingTheKey() {
    refused(PAPER + "limits: {default: {max_qty: 2}}", "limits.default.max_qty: unknown key");
    refused(PAPER + "limits: {defaults: {}}", "limits.defaults: unknown key");
    refused(PAPER + "limits: {default: {max_quantity: 0}}", "limits.default.max_quantity: 0 is out of range");
    refused(PAPER + "limits: {default: {max_quantity: 010}}", "limits.default.max_quantity: must be a whole number");
    refused(PAPER + "limits: {default: {max_quantity: '2'}}", "limits.default.max_quantity: must be a whole number");
    refused(PAPER + "limits: {default: {max_quantity: 2.0}}", "limits.default.max_quantity: must be a whole number");
    refused(PAPER + "limits: {default: {max_position: 1_000}}", "limits.default.max_position: must be a whole number");
    refused(PAPER + "limits: {default: {max_position: 2000000}}", "limits.default.max_position: 2000000 is out of range");
    refused(PAPER + "limits: {by_role: {'7': {order_types: [MARKET, BRACKET]}}}",
        "limits.by_role.7.order_types: 'BRACKET' is not an order type");
    refused(PAPER + "limits: {by_role: {'7': {order_types: [MARKET, market]}}}",
        "limits.by_role.7.order_types[1]: 'MARKET' is listed twice");
    refused(PAPER + "limits: {by_role: {'7': {order_types: MARKET}}}", "limits.by_role.7.order_types: must be a list");
    refused(PAPER + "limits: {by_role: {'7': {instruments: [yes]}}}", "limits.by_role.7.instruments[0]: 'yes' is a YAML boolean");
    refused(PAPER + "limits: {by_role: {'7': {instruments: [MES 12-25]}}}",
        "limits.by_role.7.instruments: 'MES 12-25' is not a root symbol");
    refused(PAPER + "limits: {by_role: {'07': {max_quantity: 1}}}", "limits.by_role.07: '07' is not a Discord id");
    refused(PAPER + "limits: {by_role: {abc: {max_quantity: 1}}}", "limits.by_role.abc: 'abc' is not a Discord id");
    refused(PAPER + "limits: {by_role: {'7': ~}}", "limits.by_role.7: must be a mapping of limits");
    refused(PAPER + "limits: {by_role: [7]}", "limits.by_role: must be a mapping");
    refused(PAPER + "limits:\n  by_role:\n    \"7\": {max_quantity: 1}\n    7: {max_quantity: 2}\n",
        "duplicate key 'limits.by_role.7'");
    refused(PAPER + "limits:\n  default: {max_quantity: 1, max_quantity: 2}\n", "duplicate key 'limits.default.max_quantity'");
  }
}
