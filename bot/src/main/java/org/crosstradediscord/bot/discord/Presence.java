package org.crosstradediscord.bot.discord;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.OnlineStatus;
import net.dv8tion.jda.api.entities.Activity;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.text.SafeText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's presence shows the halt: Do Not Disturb with "HALTED: no new positions (/resume)", else Online with
 * "Trading open". It follows each change this replica makes or sees and re-reads the halt state every
 * {@value #POLL_SECONDS} s (another replica may change it). Its one daemon thread, {@code presence}, also runs the
 * {@link ClaimRecovery} every {@value ClaimRecovery#PERIOD_SECONDS} s.
 *
 * <p>Built before Discord is ready (no thread runs until {@link #start()}); {@link #close()} stops the thread.
 */
final class Presence implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class); // the bot's log lines keep one logger
  /** How often the halt state is re-read for the presence, in seconds. */
  static final int POLL_SECONDS = 5;

  private final JDA jda;
  private final HaltSwitch halt;
  private final ClaimRecovery recovery;
  private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "presence");
    t.setDaemon(true);
    return t;
  });
  /** What the presence shows now: null before the first update. */
  private final AtomicReference<@Nullable Boolean> shownHalted = new AtomicReference<>();

  /**
   * @param jda the connected bot whose presence is set
   * @param halt the halt switch it shows
   * @param recovery the claim recovery its thread runs
   */
  Presence(JDA jda, HaltSwitch halt, ClaimRecovery recovery) {
    this.jda = jda;
    this.halt = halt;
    this.recovery = recovery;
  }

  /**
   * Follows the halt switch's changes, reports the trades a dead process left claimed (once now, on the calling
   * thread), then schedules the claim recovery and the presence refresh. Never throws for a store failure.
   */
  void start() {
    halt.onChange(this::show);
    recovery.run(); // trades a dead process left claimed: "outcome unknown"
    poll.scheduleWithFixedDelay(recovery::run, ClaimRecovery.PERIOD_SECONDS, ClaimRecovery.PERIOD_SECONDS,
        TimeUnit.SECONDS);
    poll.scheduleWithFixedDelay(this::refresh, 0, POLL_SECONDS, TimeUnit.SECONDS);
  }

  private void refresh() {
    try {
      show(halt.known()); // the halt switch keeps it current (its own poll reads the store): no second read here
    } catch (RuntimeException e) {
      log.debug("presence not refreshed: {}", SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** Shows the halt in the bot's presence: Do Not Disturb with "HALTED …", else Online; unchanged when it shows it. */
  private void show(HaltState state) {
    Boolean previous = shownHalted.getAndSet(state.halted());
    if (previous != null && previous == state.halted()) {
      return;
    }
    try {
      if (state.halted()) {
        jda.getPresence().setPresence(OnlineStatus.DO_NOT_DISTURB,
            Activity.customStatus("HALTED: no new positions (/resume)"));
      } else {
        jda.getPresence().setPresence(OnlineStatus.ONLINE, Activity.customStatus("Trading open"));
      }
    } catch (RuntimeException e) {
      shownHalted.set(previous);
      log.debug("presence not updated: {}", SafeText.oneLine(e.toString()));
    }
  }

  /** Stops the thread at once (a run in progress is interrupted). */
  @Override
  public void close() {
    poll.shutdownNow();
  }
}
