package org.crosstradediscord.bot.discord;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's listener while the bot starts: Discord logs in while the store opens, but no interaction reaches the
 * {@link InteractionRouter} before it exists, which is after the store is open and the halt state has been read.
 *
 * <p>Until {@link #open}: an interaction waits on JDA's thread for at most {@value #HOLD_MS} ms (within Discord's 3 s
 * to answer), then is handed to the router, or, when start-up failed ({@link #fail}) or did not finish in time,
 * dropped unanswered with one warning: nothing is done for it (Discord tells the member the bot did not respond).
 * Other events are dropped (the router handles only interactions). After {@link #open}: every event goes to the
 * router at once.
 */
final class StartGate implements EventListener {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class); // the bot's log lines keep one logger
  /** Longest an interaction that arrives during start-up waits for the router, in ms. */
  static final long HOLD_MS = 2500;

  private final CountDownLatch decided = new CountDownLatch(1);
  private volatile @Nullable EventListener router;

  /** @param router receives every event from now on, and the interactions held meanwhile */
  void open(EventListener router) {
    this.router = router;
    decided.countDown();
  }

  /** Start-up failed: interactions held or arriving are dropped. */
  void fail() {
    decided.countDown();
  }

  @Override
  public void onEvent(GenericEvent event) {
    EventListener target = router;
    if (target == null) {
      if (!(event instanceof GenericInteractionCreateEvent interaction)) {
        return;
      }
      try {
        decided.await(HOLD_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      target = router;
      if (target == null) {
        log.warn("interaction {} arrived while the bot was starting and was not handled (no answer sent)",
            interaction.getId());
        return;
      }
    }
    target.onEvent(event);
  }
}
