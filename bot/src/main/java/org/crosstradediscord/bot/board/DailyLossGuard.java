package org.crosstradediscord.bot.board;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.DiscordText;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.AccountItem;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily loss limits, checked on every P&amp;L frame: when an account's realized + unrealized P&amp;L for the session
 * falls below −limit, new risk is halted (the halt switch, reason "daily loss limit on &lt;account&gt;", announced in the
 * audit channel) and — only with {@code limits.flatten_on_daily_loss} — that account is flattened, audited as done by
 * the bot. Once per account and session, across replicas (a row in the store). A frame without both P&amp;L values
 * decides nothing. The flatten is one call, never retried; in paper mode it is only audited.
 */
public final class DailyLossGuard {
  private static final Logger log = LoggerFactory.getLogger(DailyLossGuard.class);

  private final DailyLoss limits;
  private final Store store;
  private final HaltSwitch halt;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final Invoker bot;
  private final TradingMode mode;
  private final Clock clock;

  /**
   * @param limits the limits
   * @param store where a crossed limit is recorded once per session
   * @param halt the halt switch
   * @param client the SDK, for the flatten
   * @param audit the audit log
   * @param bot the bot as the actor of the halt and the flatten
   * @param mode paper (the flatten is only audited) or live
   * @param clock wall clock (the session boundary)
   */
  public DailyLossGuard(DailyLoss limits, Store store, HaltSwitch halt, CrossTradeClient client, AuditLog audit,
      Invoker bot, TradingMode mode, Clock clock) {
    this.limits = limits;
    this.store = store;
    this.halt = halt;
    this.client = client;
    this.audit = audit;
    this.bot = bot;
    this.mode = mode;
    this.clock = clock;
  }

  /** @param update a P&amp;L frame; never throws */
  public void check(PnlUpdate update) {
    if (update == null || update.getAccounts() == null) {
      return;
    }
    for (PnlAccount a : update.getAccounts()) {
      try {
        check(a);
      } catch (RuntimeException e) {
        log.warn("daily loss check failed: {}", DiscordText.oneLine(e.toString(), 300));
      }
    }
  }

  private void check(PnlAccount a) {
    if (a == null || a.getAccount() == null || a.getAccount().getName() == null) {
      return;
    }
    String account = a.getAccount().getName();
    Double limit = limits.limitFor(account);
    AccountItem item = a.getAccount().getItem();
    if (limit == null || item == null || item.getRealizedProfitLoss() == null || item.getUnrealizedProfitLoss() == null) {
      return;
    }
    double total = item.getRealizedProfitLoss() + item.getUnrealizedProfitLoss();
    if (!Double.isFinite(total) || total >= -limit) {
      return;
    }
    Instant now = clock.instant();
    if (!store.tripDailyLoss(account, limits.sessionDay(now).toString(), now)) {
      return; // already acted on this session (here or on another replica)
    }
    String why = String.format(Locale.ROOT, "daily loss limit on %s (P&L %.2f below -%.2f)", account, total, limit);
    log.warn("{}: halting new risk{}", why, limits.flattenOnBreach() ? " and flattening the account" : "");
    halt.halt(bot, why);
    if (limits.flattenOnBreach()) {
      flatten(account, why);
    }
  }

  private void flatten(String account, String why) {
    Map<String, String> args = Map.of("account", account, "reason", why);
    if (mode == TradingMode.PAPER) {
      audit.record(new AuditEvent("result", bot.userId(), bot.userName(), "flatten", args, "paper: not sent", null, -1));
      return;
    }
    long start = System.nanoTime();
    String outcome;
    java.util.List<String> ids = null;
    try {
      FlattenResponse r = client.flatten(new FlattenRequest().account(account));
      outcome = "ok";
      ids = r.getOrderIds();
    } catch (CrossTradeException e) {
      outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      outcome = "outcome unknown: internal error " + e.getClass().getSimpleName();
      log.error("daily loss flatten of {} failed", account, e);
    }
    audit.record(new AuditEvent("result", bot.userId(), bot.userName(), "flatten", args, outcome, ids,
        (System.nanoTime() - start) / 1_000_000));
  }
}
