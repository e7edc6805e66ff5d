package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.config.ApprovalsConfig;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.jspecify.annotations.Nullable;

/**
 * Which trades need a second person ({@code approvals}; docs/desk-controls.md, "Two-person rule"): a risk-increasing
 * order ({@code /flatplace}, {@code /reverse}) with more contracts than {@code above_quantity}, and, when
 * {@code approvals.for} lists {@code flatten_everything}, a {@code /flatten} without an account.
 */
final class SecondPerson {
  private SecondPerson() {}

  /**
   * @param config the rule, or null when off
   * @param action the trade as reviewed
   * @return why it needs a second person, in the desk's words (e.g. {@code an order of 6 contracts (more than 5)}),
   *     or null when it does not
   */
  static @Nullable String needed(@Nullable ApprovalsConfig config, TradeAction action) {
    if (config == null) {
      return null;
    }
    // A trade that reaches every account is one that needs the flatten_everything grant (a /flatten without account).
    if (action.requiredPermissions().contains(Permission.FLATTEN_EVERYTHING)
        && config.always().contains(ApprovalsConfig.Always.FLATTEN_EVERYTHING)) {
      return "a flatten of every account";
    }
    OrderIntent order = action.riskOrder().orElse(null);
    if (order != null && config.needsSecond(order.quantity())) {
      return "an order of " + order.quantity() + " contracts (more than " + config.aboveQuantity() + ")";
    }
    return null;
  }
}
