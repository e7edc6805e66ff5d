package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.bot.board.TrailingDrawdownGuard;
import java.time.Duration;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.board.DailyLossGuard;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.discord.DiscordBot.StartupException;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.PnlStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P&amp;L stream and what it feeds: the desk board ({@code board}) with its session reports, and the daily loss
 * limits ({@code daily_loss}); and the trailing-drawdown limits ({@code trailing_drawdown}), read every
 * {@value TrailingDrawdownGuard#EVERY_S} s on a thread of their own, whose room left the board shows. Without any,
 * {@link #NONE}: no stream is opened.
 */
final class DeskFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class); // the bot's log lines keep one logger
  /** The stream's interval when a daily loss limit is set: frames at least every 5 s. */
  private static final Duration LIMIT_INTERVAL = Duration.ofSeconds(5);

  /** No board, no daily loss limit: nothing runs. */
  static final DeskFeed NONE = new DeskFeed(null, null, null);

  private final @Nullable DeskBoard board;
  private final @Nullable PnlStream stream;
  private final @Nullable ScheduledExecutorService drawdown;
  private final @Nullable SessionReports reports;

  private DeskFeed(@Nullable DeskBoard board, @Nullable PnlStream stream, @Nullable ScheduledExecutorService drawdown) {
    this(board, stream, drawdown, null);
  }

  private DeskFeed(@Nullable DeskBoard board, @Nullable PnlStream stream, @Nullable ScheduledExecutorService drawdown,
      @Nullable SessionReports reports) {
    this.board = board;
    this.stream = stream;
    this.drawdown = drawdown;
    this.reports = reports;
  }

  /**
   * Starts the board (finds or posts its message) when {@code board} is configured, then the P&amp;L stream when the
   * board or a daily loss limit needs it. The stream's interval is the board's refresh, at most 5 s with a daily loss
   * limit, at most {@link CrossTradeClient#MAX_PNL_INTERVAL}.
   *
   * @param config validated config ({@code board}, {@code daily_loss}, {@code mode})
   * @param jda the connected bot (READY): the board's channel, the bot's own user for the guard's audit lines
   * @param desk the desk's services: the store (via the trail), the halt switch, the SDK, the audit log
   * @return the running feed, or {@link #NONE} when neither the board nor a daily loss limit is configured
   * @throws StartupException the board channel is unusable (not a text channel the bot sees, or the message cannot
   *     be read or posted); nothing is left running
   */
  static DeskFeed start(BotConfig config, JDA jda, Desk desk) {
    boolean limits = !config.dailyLoss().byAccount().isEmpty();
    boolean trailing = !config.trailingDrawdown().byAccount().isEmpty();
    if (config.board() == null && !limits && !trailing) {
      return NONE;
    }
    // The board draws at most once per refresh whatever the stream's pace; a daily loss limit wants frames every 5 s.
    Duration interval = config.board() == null ? LIMIT_INTERVAL : config.board().refresh();
    if (limits && interval.compareTo(LIMIT_INTERVAL) > 0) {
      interval = LIMIT_INTERVAL;
    }
    if (interval.compareTo(CrossTradeClient.MAX_PNL_INTERVAL) > 0) {
      interval = CrossTradeClient.MAX_PNL_INTERVAL;
    }
    DeskBoard board = null;
    if (config.board() != null) {
      board = new DeskBoard(config.board(), jda, desk.trail().store(), desk.halt()::known, interval,
          config.dailyLoss()::session);
      try {
        board.start();
      } catch (IllegalStateException e) {
        throw new StartupException(e.getMessage());
      }
    }
    ScheduledExecutorService drawdown = null;
    // Session reports sample the board's accounts; the replica drawing the board samples and posts them.
    SessionReports reports = board == null ? null
        : SessionReports.start(config, jda, desk.trail(), board::leading, interval);
    try {
      if (trailing) {
        TrailingDrawdownGuard trailingGuard = new TrailingDrawdownGuard(config.trailingDrawdown(),
            desk.trail().store(), desk.halt(), desk.client(), desk.audit(), new Invoker(jda.getSelfUser().getIdLong(),
            "crosstrade-bot (trailing drawdown)", Set.of()), config.mode(), Clock.systemUTC());
        drawdown = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "trailing-drawdown");
          t.setDaemon(true);
          return t;
        });
        drawdown.scheduleWithFixedDelay(trailingGuard::check, 0, TrailingDrawdownGuard.EVERY_S, TimeUnit.SECONDS);
        if (board != null) {
          board.showNotes(trailingGuard::roomLines);
        }
        log.info("trailing drawdown limits {} checked every {} s", config.trailingDrawdown().summary(),
            TrailingDrawdownGuard.EVERY_S);
      }
      if (config.board() == null && !limits) {
        return new DeskFeed(null, null, drawdown);
      }
      DailyLossGuard guard = !limits ? null
          : new DailyLossGuard(config.dailyLoss(), desk.trail().store(), desk.halt(), desk.client(), desk.audit(),
              new Invoker(jda.getSelfUser().getIdLong(), "crosstrade-bot (daily loss limit)", Set.of()),
              config.mode(), Clock.systemUTC());
      DeskBoard shown = board;
      PnlStream stream = desk.client().streamPnl(interval, update -> {
        if (shown != null) {
          shown.onUpdate(update);
        }
        if (reports != null) {
          reports.onUpdate(update);
        }
        if (guard != null) {
          guard.check(update);
        }
      });
      log.info("P&L stream every {} ms for {}{}", interval.toMillis(), config.board() == null ? "" : "the desk board",
          limits ? (config.board() == null ? "" : " and ") + "daily loss limits " + config.dailyLoss().summary() : "");
      return new DeskFeed(board, stream, drawdown, reports);
    } catch (RuntimeException e) {
      if (reports != null) {
        reports.close();
      }
      if (drawdown != null) {
        drawdown.shutdownNow();
      }
      if (board != null) {
        board.close();
      }
      throw e;
    }
  }

  /** @return the desk board, or null when {@code board} is not configured */
  @Nullable DeskBoard board() {
    return board;
  }

  /** Stops the session reports, the trailing-drawdown checks, the board, then the stream. */
  @Override
  public void close() {
    if (reports != null) {
      reports.close();
    }
    if (drawdown != null) {
      drawdown.shutdownNow();
    }
    if (board != null) {
      board.close();
    }
    if (stream != null) {
      stream.close();
    }
  }
}
