package org.crosstradediscord.bot.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.AccountItem;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily loss limits, checked on every P&amp;L frame: when an account's realized + unrealized P&amp;L for the session
 * falls below −limit, new risk is halted (the halt switch, reason "daily loss limit on &lt;account&gt;", announced in the
 * audit channel) and — only with {@code limits.flatten_on_daily_loss} — that account is flattened, audited as done by
 * the bot. Once per mode, account (in any case) and session, across replicas (a row in the store); a session is the
 * interval between two session starts as instants ({@link DailyLoss#session}).
 *
 * <p>The flatten is an automated order, so the numbers must be trusted first: {@value #CONFIRMING_FRAMES} consecutive
 * frames below the limit, each with both P&amp;L values finite and within ±{@value #MAX_MAGNITUDE} and fresh
 * ({@link Freshness}: an epoch within 60 s of the bot's clock; a frame without one is not); then one REST read of the
 * account ({@code getAccount}, bounded by the request timeout) must agree. Nothing is decided in the first
 * {@link #SESSION_GRACE} after the session's start instant (the upstream's realized P&amp;L is assumed to reset there;
 * clocks differ by seconds). The flatten is one call, never
 * retried; in paper mode it is only audited. A limited account that never has usable values, or frames that are not
 * fresh, are warned about once.
 */
public final class DailyLossGuard {
  private static final Logger log = LoggerFactory.getLogger(DailyLossGuard.class);
  /** Consecutive frames below the limit before anything is done. */
  static final int CONFIRMING_FRAMES = 2;
  /** Larger P&amp;L values (either sign) are taken for garbage. */
  static final double MAX_MAGNITUDE = 1e9;
  /** Nothing is decided this long after the session's start instant. */
  static final Duration SESSION_GRACE = Duration.ofMinutes(2);
  /** Frames without usable values for a limited account before one warning. */
  static final int BLIND_WARNING_FRAMES = 10;

  private final DailyLoss limits;
  private final Store store;
  private final HaltSwitch halt;
  private final CrossTradeClient client;
  private final AuditLog audit;
  /** How the reason of every halt this guard makes begins. */
  static final String HALT_PREFIX = "daily loss limit on ";

  /**
   * @param state the halt state
   * @return true when trading is halted by this guard (its reason names the daily loss limit)
   */
  public static boolean haltedByGuard(HaltState state) {
    return state.halted() && state.reason() != null && state.reason().startsWith(HALT_PREFIX);
  }

  private final Invoker bot;
  private final TradingMode mode;
  private final Clock clock;
  private final Map<String, Integer> below = new ConcurrentHashMap<>();
  private final Map<String, Integer> blind = new ConcurrentHashMap<>();
  private final AtomicInteger unfresh = new AtomicInteger();

  /**
   * @param limits the limits
   * @param store where a crossed limit is recorded once per session
   * @param halt the halt switch
   * @param client the SDK, for the confirming read and the flatten
   * @param audit the audit log
   * @param bot the bot as the actor of the halt and the flatten
   * @param mode paper (the flatten is only audited) or live
   * @param clock wall clock (the session boundary, frame age)
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
    Instant now = clock.instant();
    Freshness.Verdict verdict = Freshness.ON_ARRIVAL.judge(update, now, now);
    boolean fresh = verdict == Freshness.Verdict.FRESH;
    if (fresh) {
      unfresh.set(0);
    } else if (unfresh.incrementAndGet() == BLIND_WARNING_FRAMES) {
      log.warn("daily loss limits: {} P&L frames in a row that are not fresh ({}: the epoch is missing or over {} s off"
          + " this clock); the limits cannot act until frames are", BLIND_WARNING_FRAMES, verdict,
          Freshness.MAX_EPOCH_LAG.toSeconds());
    }
    for (String configured : limits.byAccount().keySet()) {
      try {
        PnlAccount a = only(update, configured);
        Double total = a == null ? null : total(a.getAccount().getItem());
        if (total == null) {
          if (blind.merge(configured, 1, Integer::sum) == BLIND_WARNING_FRAMES) {
            log.warn("daily loss limit on {}: {} P&L frames without usable values for it; the limit cannot act until"
                + " they have them", configured, BLIND_WARNING_FRAMES);
          }
          below.remove(configured);
          continue;
        }
        blind.remove(configured);
        check(configured, total, fresh, now);
      } catch (RuntimeException e) {
        log.warn("daily loss check failed: {}", DiscordText.oneLine(e.toString(), 300));
      }
    }
  }

  private void check(String account, double total, boolean fresh, Instant now) {
    double limit = limits.limitFor(account);
    if (total >= -limit || !fresh || inGrace(now)) {
      below.remove(account);
      return;
    }
    if (below.merge(account, 1, Integer::sum) < CONFIRMING_FRAMES) {
      return;
    }
    below.remove(account);
    Double confirmed = confirmedTotal(account);
    if (confirmed == null || confirmed >= -limit) {
      log.info("daily loss limit on {}: the stream said {} but the account read {}: not acting", account,
          String.format(Locale.ROOT, "%.2f", total), confirmed == null ? "nothing usable" : String.format(Locale.ROOT,
              "%.2f", confirmed));
      return;
    }
    String day = limits.session(now).day().toString();
    if (!store.controls().tripDailyLoss(mode.key(), account, day, now)) {
      return; // already acted on this session (here or on another replica)
    }
    String why = String.format(Locale.ROOT, HALT_PREFIX + "%s (P&L %.2f below -%.2f)", account, confirmed, limit);
    log.warn("{}: halting new risk{}", why, limits.flattenOnBreach() ? " and flattening the account" : "");
    GuardFlatten.haltOrUndo(halt, bot, why, () -> store.controls().untripDailyLoss(mode.key(), account, day));
    if (limits.flattenOnBreach()) {
      flatten(account, why);
    }
  }

  /** @return the one account element named {@code account} (any case), or null when none or several */
  private static PnlAccount only(PnlUpdate u, String account) {
    PnlAccount found = null;
    for (PnlAccount a : u.getAccounts()) {
      if (a != null && a.getAccount() != null && account.equalsIgnoreCase(a.getAccount().getName())) {
        if (found != null) {
          return null; // two elements for one account: trust neither
        }
        found = a;
      }
    }
    return found;
  }

  /** @return realized + unrealized, or null when either is missing, not finite or beyond ±{@value #MAX_MAGNITUDE} */
  static Double total(AccountItem item) {
    if (item == null || !sane(item.getRealizedProfitLoss()) || !sane(item.getUnrealizedProfitLoss())) {
      return null;
    }
    return item.getRealizedProfitLoss() + item.getUnrealizedProfitLoss();
  }

  private static boolean sane(Double v) {
    return v != null && Double.isFinite(v) && Math.abs(v) <= MAX_MAGNITUDE;
  }

  /** @return true in the first {@link #SESSION_GRACE} after the start instant of the session {@code now} is in */
  private boolean inGrace(Instant now) {
    return Duration.between(limits.session(now).start(), now).compareTo(SESSION_GRACE) < 0;
  }

  /** @return the account's total from one REST read, or null when it cannot be read or is unusable */
  private Double confirmedTotal(String account) {
    try {
      Account a = client.getAccount(account);
      return a == null ? null : total(a.getItem());
    } catch (CrossTradeException e) {
      log.warn("daily loss limit on {}: the confirming read failed ({}); not acting on the stream alone", account,
          DiscordText.oneLine(e.getMessage(), 200));
      return null;
    }
  }

  private void flatten(String account, String why) {
    GuardFlatten.flatten(client, audit, bot, mode, account, why, "daily loss limit: flattening");
  }

}
