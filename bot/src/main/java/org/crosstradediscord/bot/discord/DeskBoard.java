package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.crosstradediscord.bot.config.BoardConfig;
import org.crosstradediscord.bot.rendering.BoardCard;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.UnknownRow;
import org.crosstradediscord.bot.risk.TradingSession;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.crosstradediscord.client.model.PnlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live desk board: one message in the board channel, created at start or found again (its id is kept in the
 * store), edited in place from the newest P&amp;L frame.
 *
 * <p>Discord's limits: at most one edit per {@code refresh} (frames in between are coalesced: only the newest is
 * drawn), no edit when nothing but the time changed (at most one "as of" refresh per {@link #KEEPALIVE}), one edit at a
 * time; JDA's rate limiter waits out a 429 with the {@code retry_after} Discord gives. A board message deleted by
 * someone is posted again. Never throws on its thread: a failed edit is logged and retried at the next refresh.
 */
public final class DeskBoard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeskBoard.class);
  /** Longest the "as of" time is left unchanged while the numbers are. */
  static final Duration KEEPALIVE = Duration.ofSeconds(60);

  private final BoardConfig config;
  private final JDA jda;
  private final Store store;
  private final Supplier<HaltState> halt;
  private volatile Supplier<Map<String, String>> notes = Map::of;
  private final Function<Instant, TradingSession> sessions;
  private final Duration staleAfter;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "desk-board");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong edits = new AtomicLong();
  /** The board's buttons: the same for every edit. */
  private final List<ActionRow> buttons;
  /** This process, as the board lease's owner. */
  private final String owner = java.util.UUID.randomUUID().toString();
  private volatile boolean leading;
  /** The newest frame and when it arrived, published together. */
  private record Frame(PnlUpdate update, Instant at) {}

  private volatile Frame latest;
  private volatile long messageId;
  private String lastKey;
  private Instant lastEditAt = Instant.EPOCH;

  /**
   * @param config the board section
   * @param jda the connected JDA
   * @param store where the message id is kept
   * @param halt reads the halt state (throws when it cannot)
   * @param streamInterval the P&amp;L stream's interval (the board is stale after 3 × it)
   * @param sessions the trading session an instant falls in (the board lists that session's unresolved unknown
   *     outcomes)
   */
  public DeskBoard(BoardConfig config, JDA jda, Store store, Supplier<HaltState> halt, Duration streamInterval,
      Function<Instant, TradingSession> sessions) {
    this.config = config;
    this.sessions = sessions;
    this.jda = jda;
    this.store = store;
    this.halt = halt;
    this.staleAfter = streamInterval.multipliedBy(3);
    this.buttons = BoardCard.buttons(config.accounts());
  }

  /**
   * @param lines account (as configured) → one more line for its field, e.g. the trailing drawdown's
   *     {@code drawdown room 640.00 of 2000.00}; read at every draw, must not wait
   */
  public void showNotes(Supplier<Map<String, String>> lines) {
    this.notes = lines;
  }

  /**
   * Finds or posts the board message and starts refreshing it.
   *
   * @throws IllegalStateException the channel is not a text channel the bot sees, or the message cannot be posted
   *     (the message says which, for the start-up line)
   */
  public void start() {
    TextChannel channel = channel();
    OptionalLong known = store.controls().boardMessage(config.channelId());
    if (known.isPresent()) {
      try {
        channel.retrieveMessageById(known.getAsLong()).complete();
        messageId = known.getAsLong();
        log.info("desk board: editing message {} in channel {}", messageId, config.channelId());
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
          throw new IllegalStateException("board.channel_id: cannot read the board message (" + e.getMeaning() + ")");
        }
      }
    }
    long every = config.refresh().toMillis();
    // The first draw at once: a board found again after a restart must not keep showing the old numbers as live.
    timer.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
  }

  /** @param update the newest P&amp;L frame (called on the stream's thread) */
  public void onUpdate(PnlUpdate update) {
    latest = new Frame(update, Instant.now());
  }

  /** @return the board message's id (0 before {@link #start()}) */
  public long messageId() {
    return messageId;
  }

  /** @return true while this process draws the board (holds its lease; always on an SQLite store) */
  public boolean leading() {
    return leading;
  }

  /** @return how many edits were sent since start */
  public long edits() {
    return edits.get();
  }

  /** Draws the board now if something changed (also called every {@code refresh}); only the replica holding the lease. */
  void refresh() {
    try {
      Instant now = Instant.now();
      if (!lead(now)) {
        return; // another replica draws this board
      }
      if (messageId == 0) {
        OptionalLong known = store.controls().boardMessage(config.channelId()); // posted by a replica that led before
        if (known.isPresent() && exists(known.getAsLong())) {
          messageId = known.getAsLong();
        } else {
          post(channel());
        }
      }
      HaltState h;
      try {
        h = halt.get();
      } catch (RuntimeException e) {
        h = null;
      }
      Frame f = latest;
      Map<String, String> accountNotes;
      try {
        accountNotes = notes.get();
      } catch (RuntimeException e) {
        accountNotes = Map.of();
      }
      BoardCard.Snapshot s = new BoardCard.Snapshot(config.accounts(), f == null ? null : f.update(),
          f == null ? null : f.at(), now, staleAfter, h, accountNotes, unknowns(now));
      String key;
      MessageEmbed embed;
      try {
        embed = BoardCard.embed(s); // drawn once: its key is read from it
        key = BoardCard.contentKey(embed, s);
      } catch (RuntimeException e) { // e.g. a value JDA refuses: never leave old numbers up as live
        log.warn("desk board cannot be drawn: {}", DiscordText.oneLine(e.toString(), 300));
        key = "unavailable";
        embed = BoardCard.unavailable(s);
      }
      if (key.equals(lastKey) && Duration.between(lastEditAt, now).compareTo(KEEPALIVE) < 0) {
        return;
      }
      try {
        channel().editMessageEmbedsById(messageId, embed).setComponents(buttons).complete();
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
          throw e;
        }
        log.warn("desk board: the message was deleted; posting it again");
        post(channel());
      }
      edits.incrementAndGet();
      lastKey = key;
      lastEditAt = now;
    } catch (RuntimeException e) {
      log.warn("desk board not updated: {}", DiscordText.oneLine(e.toString(), 300));
    }
  }

  /** @return the unresolved unknown outcomes of the session {@code now} is in, or null when the store cannot say */
  private @Nullable List<UnknownRow> unknowns(Instant now) {
    try {
      TradingSession session = sessions.apply(now);
      return store.unknowns().unresolved(session.start(), session.end());
    } catch (RuntimeException e) {
      log.debug("unknown outcomes not readable: {}", DiscordText.oneLine(e.toString(), 200));
      return null;
    }
  }

  /**
   * @return true when this process may draw: the store is not shared (one process per SQLite file), or it holds the
   *     board lease (taken or renewed now for 3 × refresh, at least 10 s); a store that cannot say lets it draw
   */
  private boolean lead(Instant now) {
    if (!store.shared()) {
      return leading = true;
    }
    Duration lease = config.refresh().multipliedBy(3);
    if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
      lease = Duration.ofSeconds(10);
    }
    try {
      leading = store.controls().leadBoard(config.channelId(), owner, now, now.plus(lease));
    } catch (RuntimeException e) {
      log.debug("board lease not readable ({}); drawing anyway", DiscordText.oneLine(e.toString(), 200));
      leading = true;
    }
    return leading;
  }

  private boolean exists(long id) {
    try {
      channel().retrieveMessageById(id).complete();
      return true;
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE) {
        return false;
      }
      throw e;
    }
  }

  private void post(TextChannel channel) {
    BoardCard.Snapshot s = new BoardCard.Snapshot(config.accounts(), null, null, Instant.now(), staleAfter, null);
    Message m = channel.sendMessageEmbeds(BoardCard.embed(s)).setComponents(BoardCard.buttons(config.accounts()))
        .complete();
    messageId = m.getIdLong();
    store.controls().setBoardMessage(config.channelId(), messageId);
    log.info("desk board: posted message {} in channel {}", messageId, config.channelId());
  }

  private TextChannel channel() {
    TextChannel channel = jda.getTextChannelById(config.channelId());
    if (channel == null) {
      throw new IllegalStateException("board.channel_id: no text channel " + config.channelId() + " visible to the bot");
    }
    return channel;
  }

  /**
   * Stops refreshing; the replica that was drawing leaves the board saying the bot stopped (best effort, at most 2 s:
   * no number stays up as live) and releases the lease so another replica draws at once.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
      if (!leading) {
        return;
      }
      if (messageId != 0) {
        channel().editMessageEmbedsById(messageId, BoardCard.stopped(Instant.now())).setComponents()
            .submit().get(2, TimeUnit.SECONDS);
      }
      if (store.shared()) {
        try {
          store.controls().releaseBoard(config.channelId(), owner);
        } catch (RuntimeException e) {
          log.debug("board lease not released: {}", DiscordText.oneLine(e.toString(), 200));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.info("desk board not marked stopped: {}", DiscordText.oneLine(e.toString(), 200));
    }
  }
}
