package org.crosstradediscord.bot.board;

import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a guard does once its limit is crossed and its trip recorded: the halt ({@link #haltOrUndo}), then — when
 * configured — the flatten a guard makes after it halted (the daily loss limit, the trailing drawdown): one {@code flatten} of one
 * account ({@code POST /v1/api/positions/flatten} with the account filter; never the empty flatten), never retried,
 * audited as done by the bot ({@code confirmed}, then {@code result}); in paper mode only audited.
 */
final class GuardFlatten {
  private static final Logger log = LoggerFactory.getLogger(GuardFlatten.class);

  private GuardFlatten() {}

  /**
   * Halts new risk in the bot's name; when the halt cannot be made, undoes the trip so the next check may try again
   * (nothing was sent yet), then rethrows.
   *
   * @param halt the halt switch
   * @param bot the bot as the actor
   * @param why the halt's reason
   * @param undoTrip forgets the recorded trip
   * @throws RuntimeException the halt's failure
   */
  static void haltOrUndo(HaltSwitch halt, Invoker bot, String why, Runnable undoTrip) {
    try {
      halt.halt(bot, why);
    } catch (RuntimeException e) {
      try {
        undoTrip.run();
      } catch (RuntimeException again) {
        log.error("{}: the halt failed and the trip could not be undone; the limit will not act again this session",
            why);
      }
      throw e;
    }
  }

  /**
   * @param client the SDK
   * @param audit the audit log
   * @param bot the bot as the actor
   * @param mode paper (only audited) or live
   * @param account the one account to flatten
   * @param why the halt's reason (an audit argument)
   * @param confirmed the {@code confirmed} line's outcome, e.g. {@code daily loss limit: flattening}
   */
  static void flatten(CrossTradeClient client, AuditLog audit, Invoker bot, TradingMode mode, String account,
      String why, String confirmed) {
    Map<String, String> args = Map.of("account", account, "reason", why);
    if (mode == TradingMode.PAPER) {
      audit.record(new AuditEvent("result", bot.userId(), bot.userName(), "flatten", args, "paper: not sent", null, -1));
      return;
    }
    audit.record(new AuditEvent("confirmed", bot.userId(), bot.userName(), "flatten", args, confirmed, null, -1));
    long start = System.nanoTime();
    String outcome;
    List<String> ids = null;
    try {
      FlattenResponse r = client.flatten(new FlattenRequest().account(account));
      outcome = "ok";
      ids = r.getOrderIds();
    } catch (CrossTradeException e) {
      outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      outcome = "outcome unknown: internal error " + e.getClass().getSimpleName();
      log.error("the guard's flatten of {} failed", account, e);
    }
    audit.record(new AuditEvent("result", bot.userId(), bot.userName(), "flatten", args, outcome, ids,
        (System.nanoTime() - start) / 1_000_000));
  }
}
