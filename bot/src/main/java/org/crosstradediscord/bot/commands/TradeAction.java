package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.rendering.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * A validated request waiting for the member's confirmation: what to show, what to re-check at click time, and
 * the one SDK call to make.
 */
public interface TradeAction {
  /** @return the slash command name, e.g. {@code flatplace} */
  String command();

  /** @return permissions the member must still hold when clicking Confirm (all of them) */
  Set<Permission> requiredPermissions();

  /** @return the account the action trades, re-checked against the member's accounts at click time */
  Optional<String> tradedAccount();

  /** @return what the review card shows */
  Review review();

  /**
   * What the review card reads (GET only) to show what the action will affect: the current position and the one
   * after, or the positions and orders a flatten closes and cancels. The card is sent first and edited once the
   * reads answer; a failed read never blocks the action.
   *
   * @return the reads and how to describe them, or empty when the action shows nothing more
   */
  default Optional<PreviewPlan> previewPlan() {
    return Optional.empty();
  }

  /**
   * @return the order as the per-role limits see it, for a risk-increasing action ({@code /flatplace},
   *     {@code /reverse}); empty for the risk-reducing ones, which are not limited
   */
  default Optional<OrderIntent> riskOrder() {
    return Optional.empty();
  }

  /** @return arguments for the audit line, option name to value */
  Map<String, String> auditArgs();

  /**
   * Makes the single SDK call. Never retried.
   *
   * @param client the CrossTrade SDK
   * @return what the upstream reported
   * @throws CrossTradeException on any upstream or transport failure
   */
  Outcome execute(CrossTradeClient client);
}
