package org.crosstradediscord.bot.commands;

import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.bot.rendering.Answer;
import java.util.Map;
import org.crosstradediscord.client.CrossTradeClient;

/** The reads of a read-only command and how to show what they found. Makes no change anywhere. */
public interface ReadAction {
  /** @return the slash command name, e.g. {@code positions} */
  String command();

  /** @return arguments for the audit line, option name to value */
  Map<String, String> auditArgs();

  /**
   * @param accounts the accounts a read covers
   * @return the audit arguments of a read over those accounts: {@code account=a,b}
   */
  static Map<String, String> accountsArg(java.util.List<String> accounts) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put(OrderOptions.ACCOUNT, String.join(",", accounts));
    return m;
  }

  /**
   * Makes the reads (GETs only; each bounded by the SDK's request timeout) and renders the answer.
   *
   * @param client the CrossTrade SDK
   * @return the ephemeral answer
   * @throws CrossTradeException when a read the answer needs fails
   */
  Answer read(CrossTradeClient client);
}
