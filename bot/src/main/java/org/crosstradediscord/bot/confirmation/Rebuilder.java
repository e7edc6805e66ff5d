package org.crosstradediscord.bot.confirmation;

import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.commands.TradeAction;

/** Builds a stored action again (the same checks the command ran when typed). */
@FunctionalInterface
public interface Rebuilder {
  /**
   * @param recipe the command, options and mode
   * @param invoker the invoker with the roles they had when the card was made
   * @return the action
   * @throws NotRebuildable it can no longer be built as reviewed
   */
  TradeAction rebuild(Recipe recipe, Invoker invoker);
}
