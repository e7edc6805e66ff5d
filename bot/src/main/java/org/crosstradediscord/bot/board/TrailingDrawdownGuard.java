package org.crosstradediscord.bot.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.risk.TradingSession;
import org.crosstradediscord.bot.risk.TrailingDrawdown;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.AccountWatermarks;
import org.crosstradediscord.client.model.WatermarksResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trailing-drawdown limits (docs/desk-controls.md, "Trailing drawdown"), checked on every {@link #check} (every
 * {@value #EVERY_S} s): for each account with a limit, one read of CrossTrade's Account Manager watermarks
 * ({@code GET /v1/api/accounts/{account}/watermarks}, answered by CrossTrade's server even when NinjaTrader is
 * offline; bounded by the request timeout) gives the session's high-water mark of net liquidation
 * ({@code watermarks.netliqhigh}) and the current net liquidation ({@code stats.netliq}), in the account's currency.
 * When net liquidation is below the high minus the limit, new risk is halted (reason "trailing drawdown on …" with the
 * numbers) and — only with {@code limits.flatten_on_trailing_drawdown} — that account is flattened, audited as done by
 * the bot. Once per mode, account (any case) and watermark day across replicas (a row in the store); the day is the
 * Account Manager's, which resets its watermarks at 18:00 New York (6 pm ET) — fixed, not {@code limits.session_start}.
 *
 * <p>The same trust rules as {@link DailyLossGuard}: {@value #CONFIRMING_READS} consecutive reads below the limit, both
 * values finite, positive and below {@value #MAX_MAGNITUDE} and for the account asked; then one read of the account
 * from NinjaTrader itself ({@code getAccount}: it fails while the add-on is offline, when the watermarks may be frozen)
 * whose net liquidation must agree; nothing decided in the first {@link #SESSION_GRACE} after the watermarks reset. The room left per account is kept for the board
 * ({@link #roomLines}).
 */
public final class TrailingDrawdownGuard {
  private static final Logger log = LoggerFactory.getLogger(TrailingDrawdownGuard.class);
  /** Seconds between checks. */
  public static final int EVERY_S = 5;
  /** Consecutive reads below the limit before anything is done. */
  static final int CONFIRMING_READS = 2;
  /** Larger values are taken for garbage. */
  static final double MAX_MAGNITUDE = 1e12;
  /** Nothing is decided this long after the session's start instant. */
  static final Duration SESSION_GRACE = Duration.ofMinutes(2);
  /** When CrossTrade's Account Manager resets its watermarks: 6 pm ET (reference §4.1, Account Manager). */
  static final LocalTime RESET = LocalTime.of(18, 0);
  /** The zone of {@link #RESET}. */
  static final ZoneId RESET_ZONE = ZoneId.of("America/New_York");
  /** How the reason of every halt this guard makes begins. */
  static final String HALT_PREFIX = "trailing drawdown on ";

  /**
   * One trusted read.
   *
   * @param high the session's high-water mark of net liquidation, account currency
   * @param netLiq the current net liquidation, account currency
   */
  record Reading(double high, double netLiq) {
    /** @return how far net liquidation is below the high (0 when at or above it) */
    double drawdown() {
      return Math.max(0, high - netLiq);
    }
  }

  private final TrailingDrawdown limits;
  private final Store store;
  private final HaltSwitch halt;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final Invoker bot;
  private final TradingMode mode;
  private final Clock clock;
  private final Map<String, Integer> below = new ConcurrentHashMap<>();
  private final Map<String, String> rooms = new ConcurrentHashMap<>();
  private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

  /**
   * @param limits the limits
   * @param store where a crossed limit is recorded once per session
   * @param halt the halt switch
   * @param client the SDK, for the reads and the flatten
   * @param audit the audit log
   * @param bot the bot as the actor of the halt and the flatten
   * @param mode paper (the flatten is only audited) or live
   * @param clock wall clock (the watermark day)
   */
  public TrailingDrawdownGuard(TrailingDrawdown limits, Store store, HaltSwitch halt,
      CrossTradeClient client, AuditLog audit, Invoker bot, TradingMode mode, Clock clock) {
    this.limits = limits;
    this.store = store;
    this.halt = halt;
    this.client = client;
    this.audit = audit;
    this.bot = bot;
    this.mode = mode;
    this.clock = clock;
  }

  /** Reads every limited account once and acts on what it finds; never throws. */
  public void check() {
    for (Map.Entry<String, Double> e : limits.byAccount().entrySet()) {
      try {
        check(e.getKey(), e.getValue());
      } catch (RuntimeException ex) {
        log.warn("trailing drawdown check of {} failed: {}", e.getKey(), DiscordText.oneLine(ex.toString(), 300));
      }
    }
  }

  /**
   * @return account (as configured) → the board's line, e.g. {@code drawdown room 640.00 of 2000.00}, or why it is
   *     unknown; only accounts with a limit
   */
  public Map<String, String> roomLines() {
    return Map.copyOf(rooms);
  }

  private void check(String account, double limit) {
    Reading r = read(account);
    if (r == null) {
      below.remove(account);
      rooms.put(account, "drawdown room unknown (no usable watermarks) of " + money(limit));
      return;
    }
    warned.remove(account);
    double room = Math.max(0, limit - r.drawdown());
    rooms.put(account, "drawdown room " + money(room) + " of " + money(limit));
    Instant now = clock.instant();
    if (r.drawdown() <= limit) {
      below.remove(account);
      return;
    }
    int n = below.merge(account, 1, Integer::sum);
    TradingSession day = TradingSession.containing(now, RESET, RESET_ZONE);
    if (n < CONFIRMING_READS || Duration.between(day.start(), now).compareTo(SESSION_GRACE) < 0) {
      return;
    }
    Double confirmed = confirmedNetLiq(account);
    if (confirmed == null || confirmed >= r.high() - limit) {
      log.info("trailing drawdown on {}: the watermarks say {} below the high but NinjaTrader's account read {}: not"
          + " acting", account, money(r.drawdown()), confirmed == null ? "gave nothing usable" : "says " + money(confirmed));
      return;
    }
    act(account, limit, new Reading(r.high(), confirmed), day, now);
  }

  private void act(String account, double limit, Reading r, TradingSession session, Instant now) {
    String day = session.day().toString();
    if (!store.controls().tripTrailingDrawdown(mode.key(), account, day, now)) {
      return; // already acted on this session (here or on another replica)
    }
    String why = String.format(Locale.ROOT, HALT_PREFIX + "%s (net liquidation %.2f below the high %.2f minus %.2f)",
        account, r.netLiq(), r.high(), limit);
    log.warn("{}: halting new risk{}", why, limits.flattenOnBreach() ? " and flattening the account" : "");
    GuardFlatten.haltOrUndo(halt, bot, why, () -> store.controls().untripTrailingDrawdown(mode.key(), account, day));
    if (limits.flattenOnBreach()) {
      GuardFlatten.flatten(client, audit, bot, mode, account, why, "trailing drawdown: flattening");
    }
  }

  /** @return the trusted values of one read, or null when it failed or they are unusable (warned once) */
  private @Nullable Reading read(String account) {
    try {
      WatermarksResponse w = client.getWatermarks(account);
      AccountWatermarks d = w == null ? null : w.getData();
      if (d != null && d.getAccount() != null && !account.equalsIgnoreCase(d.getAccount())) {
        log.warn("trailing drawdown on {}: CrossTrade answered for another account; ignoring the read", account);
        return null;
      }
      Double high = d == null || d.getWatermarks() == null ? null : d.getWatermarks().getNetliqhigh();
      Double netLiq = d == null || d.getStats() == null ? null : d.getStats().getNetliq();
      if (!sane(high) || !sane(netLiq)) {
        if (warned.putIfAbsent(account, true) == null) {
          log.warn("trailing drawdown on {}: CrossTrade has no usable watermarks for it (is the Account Manager"
              + " monitoring it?); the limit cannot act until it has", account);
        }
        return null;
      }
      return new Reading(high, netLiq);
    } catch (RuntimeException e) { // a failed read breaks the run of agreeing reads
      log.info("trailing drawdown on {}: the watermarks read failed ({})", account, DiscordText.oneLine(
          e instanceof CrossTradeException ? String.valueOf(e.getMessage()) : e.toString(), 200));
      return null;
    }
  }

  /** @return the account's net liquidation read from NinjaTrader ({@code getAccount}), or null when unusable */
  private @Nullable Double confirmedNetLiq(String account) {
    try {
      Account a = client.getAccount(account);
      Double v = a == null || a.getItem() == null ? null : a.getItem().getNetLiquidation();
      return sane(v) ? v : null;
    } catch (RuntimeException e) {
      log.warn("trailing drawdown on {}: the confirming account read failed ({}); not acting on the watermarks alone",
          account, DiscordText.oneLine(e instanceof CrossTradeException ? String.valueOf(e.getMessage()) : e.toString(),
          200));
      return null;
    }
  }

  private static boolean sane(@Nullable Double v) {
    return v != null && Double.isFinite(v) && v > 0 && v <= MAX_MAGNITUDE;
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
