package org.crosstradediscord.bot.discord;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.JDA;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.ops.Ops;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.text.SafeText;
import org.crosstradediscord.client.CrossTradeClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot's handle: what tests and diagnostics read, and {@link #close()}, which stops everything in one
 * order. Built by {@link BotAssembly#start}, which creates every part once; this class creates nothing.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  private final Desk desk;
  private final Ops ops;
  private final Duration grace;
  private final DiscordSession discord;
  private final InteractionRouter router;
  private final DeskFeed feed;
  private final Presence presence;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param desk the desk's services (closed by {@link #close()})
   * @param ops the ops endpoint, or {@link Ops#OFF}
   * @param grace how long {@link #close()} waits for CrossTrade calls in flight
   * @param discord the connection to Discord
   * @param router the interaction router (its step threads)
   * @param feed the P&amp;L stream and the board, or {@link DeskFeed#NONE} (also when start-up failed before it)
   * @param presence the presence and claim recovery thread (not started when start-up failed)
   */
  DiscordBot(Desk desk, Ops ops, Duration grace, DiscordSession discord, InteractionRouter router, DeskFeed feed,
      Presence presence) {
    this.desk = desk;
    this.ops = ops;
    this.grace = grace;
    this.discord = discord;
    this.router = router;
    this.feed = feed;
    this.presence = presence;
  }

  /** @return where {@code /healthz} and {@code /metrics} are served (the real port), or empty without {@code ops.listen} */
  public Optional<InetSocketAddress> opsAddress() {
    return ops.address();
  }

  /**
   * @return true when no review card is reading what it affects and no outcome follow-up read is scheduled or running
   *     (no GET queued or running); for tests and
   *     diagnostics, e.g. to await quiet before resetting the upstream
   */
  public boolean reviewReadsIdle() {
    return router.reviewReadsIdle();
  }

  /** @return the desk board, or null when {@code board} is not configured */
  public @Nullable DeskBoard board() {
    return feed.board();
  }

  /** @return the JDA instance (for tests and diagnostics) */
  public JDA jda() {
    return discord.jda();
  }

  /** @return true once {@link #close()} began: Confirm clicks are refused from then on */
  public boolean isStopping() {
    return desk.calls().stopping();
  }

  /** @return how long {@link #close()} waits for CrossTrade calls in flight: connect + 2 × request timeout + 5 s */
  public Duration shutdownGrace() {
    return grace;
  }

  /** @return the CrossTrade SDK the bot trades and reads with (for tests and diagnostics) */
  public CrossTradeClient crossTrade() {
    return desk.client();
  }

  /** @return the halt switch (backed by the store) */
  public HaltSwitch halt() {
    return desk.halt();
  }

  /** @return the durable audit trail */
  public AuditTrail auditTrail() {
    return desk.trail();
  }

  /** @return pending confirmations */
  public ConfirmationStore confirmations() {
    return desk.confirmations();
  }

  /**
   * Stops: Confirm clicks from now on are refused (never audited "confirmed"); confirmed trades not yet sent are
   * reported "not sent"; calls in flight get {@link #shutdownGrace()} (the SDK's deadline ends them before
   * that), and any still running after it has its card edited to "outcome unknown — the bot was shutting down;
   * check NinjaTrader" and a {@code result} audit line; then Discord is disconnected. A second call does nothing.
   *
   * <p>In order: {@code /healthz} says "stopping"; the presence thread, the board and the P&amp;L stream stop; trade
   * calls get the grace; the read and interaction-step threads stop taking work; the halt switch's poll stops; the
   * audit channel's posts are awaited (at most 5 s); the SDK is closed and Discord disconnected (at most 10 s); then
   * the confirmations, the audit trail (its store) and the ops endpoint are closed.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ops.stopping(); // /healthz: 503 "stopping" while the calls in flight finish
    router.closeDesks(); // no new alert, no expiry sweep, while the rest stops
    presence.close();
    feed.close(); // the board, then the P&L stream
    desk.calls().close(grace);
    desk.reads().close();
    router.close();
    desk.halt().close(); // its poll must not outlive the store
    discord.awaitAuditPosts(); // the audit channel must see every result line before Discord is disconnected
    desk.client().close();
    discord.disconnect();
    desk.confirmations().close();
    desk.trail().close();
    ops.close();
    log.info("stopped");
  }

  /**
   * One line for an exception from outside: its type and message, then the innermost cause's (the one that says
   * "Connection refused"; JDA's {@code ContextException}, a call-site trace, is skipped), scrubbed of the tokens.
   */
  static String describe(Throwable e, List<String> tokens) {
    Throwable root = e;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(e);
    for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
      if (!c.getClass().getSimpleName().equals("ContextException")) {
        root = c;
      }
    }
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (root != e) {
      text += " (cause: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
          + ")";
    }
    return SafeText.scrubbed(text, tokens);
  }

  /** The bot could not start; the message says why and names the config key or variable when one is at fault. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
      super(message);
    }
  }
}
