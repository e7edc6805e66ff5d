package org.crosstradediscord.bot.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.crosstradediscord.bot.text.SafeText;

/** The rules of the {@code approvals} section (docs/config.md, "approvals"). */
final class ApprovalRules {
  private ApprovalRules() {}

  /** {@code approvals}: absent = off (null). */
  static ApprovalsConfig approvals(ConfigFile.Approvals a) {
    if (a == null) {
      return null;
    }
    if (a.channelId() == null) {
      throw new ConfigException(ConfigRules.required("approvals.channel_id") + " (where requests for a second"
          + " approval are posted)");
    }
    List<Long> approvers = a.approvers() == null ? List.of() : ConfigRules.ids(a.approvers());
    if (approvers.isEmpty()) {
      throw new ConfigException("approvals.approvers: list at least one role id whose members may give the second"
          + " approval (nobody may, otherwise)");
    }
    long above = a.aboveQuantity() == null ? Long.MAX_VALUE
        : ConfigRules.whole(a.aboveQuantity(), "approvals.above_quantity", 1, 1, 100_000);
    Set<ApprovalsConfig.Always> always = EnumSet.noneOf(ApprovalsConfig.Always.class);
    if (a.forActions() != null) {
      for (String key : a.forActions()) {
        always.add(Arrays.stream(ApprovalsConfig.Always.values()).filter(v -> v.key().equals(key)).findFirst()
            .orElseThrow(() -> new ConfigException("approvals.for: '" + SafeText.oneLine(String.valueOf(key))
                + "' is not an action (known: flatten_everything, resume_after_daily_loss)")));
      }
    }
    if (above == Long.MAX_VALUE && always.isEmpty()) {
      throw new ConfigException("approvals: set above_quantity, for, or both (as written, nothing needs a second"
          + " person)");
    }
    long ttl = ConfigRules.whole(a.ttlSeconds(), "approvals.ttl_seconds", 120, 10, 3600);
    return new ApprovalsConfig(a.channelId().value(), approvers, above, always, Duration.ofSeconds(ttl));
  }
}
