package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code approvals} section (the two-person rule): off when absent, defaults, and one-line errors naming the key. */
class ConfigApprovalsTest {
  private static final String BASE = "guild_ids: [1]\nmode: paper\naccounts: {allowed: [Sim101]}\n";
  private static final String RULE = "approvals:\n  channel_id: \"42\"\n  approvers: [\"7\", \"8\"]\n"
      + "  above_quantity: 5\n  for: [flatten_everything, resume_after_daily_loss]\n";

  private static BotConfig parse(String extra, Path dir) {
    return ConfigLoader.parse(BASE + extra, "test.yaml", dir);
  }

  @Test
  void absent_isOff(@TempDir Path dir) {
    BotConfig c = parse("", dir);
    assertThat(c.approvals()).isNull();
    assertThat(c.summary()).contains("approvals=off");
  }

  @Test
  void theRule_isRead_withItsDefaultTtl(@TempDir Path dir) {
    ApprovalsConfig a = parse(RULE, dir).approvals();
    assertThat(a).isEqualTo(new ApprovalsConfig(42L, List.of(7L, 8L), 5, Set.of(ApprovalsConfig.Always.values()),
        Duration.ofSeconds(120)));
    assertThat(a.needsSecond(5)).isFalse();
    assertThat(a.needsSecond(6)).isTrue();
    assertThat(parse(RULE, dir).summary()).contains("approvals=channel_id=42 approvers=[7, 8] above_quantity=5"
        + " for=[flatten_everything, resume_after_daily_loss] ttl=120s");
    ApprovalsConfig onlyFor = parse("approvals: {channel_id: \"42\", approvers: [\"7\"], for: [flatten_everything],"
        + " ttl_seconds: 30}\n", dir).approvals();
    assertThat(onlyFor.needsSecond(1_000_000)).as("no quantity rule").isFalse();
    assertThat(onlyFor.ttl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void whatIsMissingOrWrong_isOneLineNamingTheKey(@TempDir Path dir) {
    assertThatThrownBy(() -> parse("approvals: {approvers: [\"7\"], above_quantity: 5}\n", dir))
        .hasMessageStartingWith("approvals.channel_id: is required");
    assertThatThrownBy(() -> parse(RULE.replace("[\"7\", \"8\"]", "[]"), dir))
        .hasMessageStartingWith("approvals.approvers: list at least one role id");
    assertThatThrownBy(() -> parse(RULE.replace("above_quantity: 5", "above_quantity: 0"), dir))
        .hasMessageStartingWith("approvals.above_quantity");
    assertThatThrownBy(() -> parse(RULE.replace("flatten_everything,", "flatten_all,"), dir))
        .hasMessageStartingWith("approvals.for: 'flatten_all' is not an action");
    assertThatThrownBy(() -> parse("approvals: {channel_id: \"42\", approvers: [\"7\"]}\n", dir))
        .hasMessageStartingWith("approvals: set above_quantity, for, or both");
    assertThatThrownBy(() -> parse(RULE + "  ttl_seconds: 5\n", dir)).hasMessageStartingWith("approvals.ttl_seconds");
    assertThatThrownBy(() -> parse(RULE + "  approver: [\"9\"]\n", dir))
        .hasMessageStartingWith("approvals.approver: unknown key");
  }
}
