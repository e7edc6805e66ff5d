package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;

/**
 * Whether a member may still run a prepared trade, with their roles now: every grant it needs, its account, and the
 * order limits (not {@code max_position}: that read happens on the call thread). Used at the Confirm click and, for the
 * member who asked, at a second person's approval.
 */
final class StillAllowed {
  private final RolePolicy policy;
  private final LimitGuard limits;

  StillAllowed(RolePolicy policy, LimitGuard limits) {
    this.policy = policy;
    this.limits = limits;
  }

  /**
   * @param action the prepared trade
   * @param member the member, with their roles now
   * @return why they may no longer run it (markdown, for them), or null when they still may
   */
  @Nullable String why(TradeAction action, Invoker member) {
    for (Permission p : action.requiredPermissions()) {
      if (!policy.allows(p, member.roleIds())) {
        return "Your roles no longer grant `" + p.key() + "`.";
      }
    }
    if (action.tradedAccount().isPresent()
        && policy.resolveAccount(action.tradedAccount().get(), member.roleIds()).isEmpty()) {
      return "You may no longer trade account " + DiscordText.escape(action.tradedAccount().get(), 100) + ".";
    }
    OrderIntent order = action.riskOrder().orElse(null);
    return order == null ? null : limits.check(member.roleIds(), order).orElse(null);
  }
}
