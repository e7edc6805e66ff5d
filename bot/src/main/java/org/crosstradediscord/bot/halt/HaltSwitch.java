package org.crosstradediscord.bot.halt;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.text.SafeText;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's halt switch. While halted, the risk-increasing commands ({@value #RISK_INCREASING_TEXT}) are refused —
 * when typed, at the Confirm click and at the wire, just before an order's bytes leave — and the risk-reducing ones
 * ({@code /close}, {@code /flatten}, {@code /cancel}) stay allowed.
 *
 * <p>The state lives in two places:
 * <ul>
 *   <li><b>In memory</b> ({@link #known()}): a halt made here takes effect at once, before the store is written
 *       ({@link #engage}); the store is read every {@link #POLL} to see another replica's changes. The in-memory
 *       checks ({@link #refusal}) never wait on anything, so they run on JDA's gateway thread and at the wire. A
 *       state not confirmed by the store for {@link #FRESH_FOR} counts as halted for the risk-increasing commands
 *       (fail closed), unless this process has an unsaved halt (then it is halted anyway).</li>
 *   <li><b>In the {@link Store}</b> (it survives restarts and is shared by replicas on one PostgreSQL): a halt that
 *       could not be written is retried every {@link #POLL} until written or replaced; {@code /resume} takes effect
 *       only once the store confirmed it.</li>
 * </ul>
 */
public final class HaltSwitch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HaltSwitch.class);
  /** Commands refused while halted. */
  public static final Set<String> RISK_INCREASING = Set.of("flatplace", "reverse");
  static final String RISK_INCREASING_TEXT = "/flatplace, /reverse";
  /** Longest reason kept. */
  public static final int MAX_REASON = 300;
  /** Longest a fresh read of the store waits ({@link #refusalFresh}, {@link #current}). */
  public static final Duration READ_WAIT = Duration.ofSeconds(1);
  /** Longest {@code /halt} or {@code /resume} waits for its store write before answering. */
  static final Duration WRITE_WAIT = Duration.ofMillis(700);
  /** Longest the re-read after an ambiguous write waits. */
  static final Duration REREAD_WAIT = Duration.ofMillis(500);
  /** How often the store is read (another replica's change) and an unsaved halt written again. */
  public static final Duration POLL = Duration.ofSeconds(1);
  /** How long a state read from the store is trusted without a newer read. */
  public static final Duration FRESH_FOR = Duration.ofSeconds(3);

  /**
   * How a {@code /halt} or {@code /resume} ended, in the member's words.
   *
   * @param state the state it set (or found)
   * @param saved whether the store holds it
   * @param note for the member when not saved (markdown), else empty
   * @param onTheirWay risk-increasing orders that had passed their last check (the send gate) and were being sent
   *     when the halt was made: the halt cannot stop those
   */
  public record Change(HaltState state, boolean saved, String note, int onTheirWay) {
    /** A change with no order on its way. */
    public Change(HaltState state, boolean saved, String note) {
      this(state, saved, note, 0);
    }
  }

  private final Store store;
  private final AuditLog audit;
  private final List<Consumer<HaltState>> listeners = new CopyOnWriteArrayList<>();
  private final StoreCalls reader = new StoreCalls("halt-read", READ_WAIT);
  /** One writer: the store sees this process's halts and resumes in the order they were made. */
  private final StoreCalls writer = new StoreCalls("halt-write", WRITE_WAIT, 1);
  private final StoreCalls rereader = new StoreCalls("halt-reread", REREAD_WAIT);
  /** Waits for the store on behalf of /halt and /resume (never JDA's threads); each wait is bounded. */
  private final ExecutorService answers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "halt-answer");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "halt-poll");
    t.setDaemon(true);
    return t;
  });
  private final Object lock = new Object();
  /** Risk-increasing orders past the send gate whose SDK call has not returned. */
  private final java.util.concurrent.atomic.AtomicInteger onTheirWay = new java.util.concurrent.atomic.AtomicInteger();
  /** Failed writes of a halt since the last one that succeeded (the warning is logged once per streak). */
  private final java.util.concurrent.atomic.AtomicInteger failedWrites = new java.util.concurrent.atomic.AtomicInteger();
  /** What this process knows; null until the store was read once (unknown: fail closed). */
  private HaltState known;
  /** System.nanoTime() of the last store read or write that confirmed {@link #known}. */
  private long confirmedAt;
  /** A halt made here and not yet written to the store, or null. */
  private HaltState unsaved;
  /** Bumped by every change made or saved here, so a store read begun before it cannot overwrite it. */
  private long version;
  /** Store reads begun, and the newest one whose answer was adopted: an older read answering later is dropped. */
  private long readsStarted;
  private long newestReadApplied;

  /**
   * Reads the state once (waiting at most {@link #READ_WAIT}) and starts the poll.
   *
   * @param store where the state lives
   * @param audit where halts and resumes are announced (log, store, audit channel)
   */
  public HaltSwitch(Store store, AuditLog audit) {
    this(store, audit, POLL);
  }

  /**
   * @param store where the state lives
   * @param audit where halts and resumes are announced
   * @param poll how often the store is read and an unsaved halt written again; zero: never (tests drive the reads)
   */
  HaltSwitch(Store store, AuditLog audit, Duration poll) {
    this.store = store;
    this.audit = audit;
    refresh();
    if (!poll.isZero()) {
      poller.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** @param listener told of each change this replica makes or sees (e.g. to update the bot's presence) */
  public void onChange(Consumer<HaltState> listener) {
    listeners.add(listener);
  }

  /**
   * The in-memory check: never waits, so it may run on JDA's gateway thread and at the wire.
   *
   * @param command a slash command name
   * @return why it is refused now (plain words for the member, markdown-escaped), or null when it may run
   */
  public String refusal(String command) {
    if (!RISK_INCREASING.contains(command)) {
      return null;
    }
    HaltState state;
    boolean fresh;
    synchronized (lock) {
      state = unsaved != null ? unsaved : known;
      fresh = unsaved != null || (known != null && System.nanoTime() - confirmedAt <= FRESH_FOR.toNanos());
    }
    if (state != null && state.halted()) {
      return haltedText(state);
    }
    return fresh ? null : unreadableText();
  }

  /**
   * The check with a fresh store read (waiting at most {@link #READ_WAIT}), for the steps that run off the gateway
   * thread (the command's review card, the Confirm click): another replica's halt counts at once.
   *
   * @param command a slash command name
   * @return why it is refused now, or null when it may run
   */
  public String refusalFresh(String command) {
    if (!RISK_INCREASING.contains(command)) {
      return null;
    }
    try {
      read();
    } catch (StoreException e) {
      log.warn("halt state unreadable; refusing /{}: {}", command, SafeText.oneLine(e.getMessage()));
      return unreadableText();
    }
    return refusal(command);
  }

  /**
   * The send gate passed a risk-increasing order (it is being written to CrossTrade now); close the returned handle
   * when the SDK call returned. A halt made meanwhile says how many were on their way.
   *
   * @return the handle that ends it (idempotent)
   */
  public Runnable departing() {
    onTheirWay.incrementAndGet();
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        onTheirWay.decrementAndGet();
      }
    };
  }

  /** @return true while a halt made here is not yet saved (tests) */
  boolean unsaved() {
    synchronized (lock) {
      return unsaved != null;
    }
  }

  /** @return the state this process knows (its own change or the last read), or {@link HaltState#NEVER} if none */
  public HaltState known() {
    synchronized (lock) {
      HaltState s = unsaved != null ? unsaved : known;
      return s == null ? HaltState.NEVER : s;
    }
  }

  /**
   * @return the current state, read from the store (at most {@link #READ_WAIT})
   * @throws StoreException the store cannot be read
   */
  public HaltState current() {
    read();
    return known();
  }

  /**
   * Halts at once in this process (the in-memory state, the listeners and the audit line come first), then writes the
   * store; a write that fails is retried every {@link #POLL} until it succeeds or a later change replaces it.
   *
   * @param who the member (or the bot itself)
   * @param reason why, as written (may be empty); at most {@link #MAX_REASON} code points are kept
   * @return completes within about {@link #WRITE_WAIT} + {@link #REREAD_WAIT}, never exceptionally: saved or not,
   *     with a note for the member when not
   */
  public CompletableFuture<Change> engage(Invoker who, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.codePointCount(0, why.length()) > MAX_REASON) {
      why = why.substring(0, why.offsetByCodePoints(0, MAX_REASON));
    }
    HaltState state = new HaltState(true, why, who.userId(), who.userName(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    synchronized (lock) {
      version++;
      unsaved = state;
    }
    int departed = onTheirWay.get(); // passed the wire check before the flag was set: this halt cannot stop them
    audit.record(new AuditEvent("halt", who.userId(), who.userName(), "halt", Map.of("reason", why),
        "HALTED: " + RISK_INCREASING_TEXT + " refused until /resume"
            + (departed > 0 ? "; " + departed + " order(s) were already being sent" : ""), null, -1));
    changed(state);
    return CompletableFuture.supplyAsync(() -> save(state), answers).exceptionally(e -> notSaved(state, e))
        .thenApply(c -> new Change(c.state(), c.saved(), c.note(), departed));
  }

  /**
   * {@link #engage} for a caller that must know the halt was written (the daily loss guard).
   *
   * @param who who halts
   * @param reason why
   * @return the new state
   * @throws StoreException the store could not be written yet (the halt holds in this process and is retried)
   */
  public HaltState halt(Invoker who, String reason) {
    Change c = engage(who, reason).join();
    if (!c.saved()) {
      throw new StoreException(c.note(), null);
    }
    return c.state();
  }

  /**
   * Resumes the halt this process knows: a compare-and-set on that halt's start ({@link Store#resumeHalt}), so a
   * resume whose write lands late never undoes a newer halt; only then is trading opened in this process. A write that
   * fails or gives no answer is followed by a re-read that says what the state is. Audited and announced when it took
   * effect.
   *
   * @param who the member
   * @return completes within about {@link #WRITE_WAIT} + {@link #REREAD_WAIT}, never exceptionally
   */
  public CompletableFuture<Change> resume(Invoker who) {
    HaltState state = new HaltState(false, "", who.userId(), who.userName(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    HaltState target;
    long v;
    synchronized (lock) {
      v = ++version;
      target = unsaved != null ? unsaved : known;
    }
    AtomicBoolean once = new AtomicBoolean();
    return CompletableFuture.supplyAsync(() -> {
      if (target != null && target.halted() && target.since() != null) {
        try {
          boolean resumed = writer.call(() -> { // the one writer thread: no halt retry lands between this and memory
            boolean done = store.resumeHalt(state, target.since());
            if (done) {
              adopt(state, v, who, once);
            }
            return done;
          });
          if (resumed) {
            return new Change(state, true, "");
          }
        } catch (StoreException e) {
          log.warn("the resume could not be written: {}", SafeText.oneLine(e.getMessage()));
          return afterFailedResume(who, v, once, true);
        }
      }
      return afterFailedResume(who, v, once, false);
    }, answers);
  }

  /**
   * After a resume that did not apply (another halt is current, or none was known) or whose write failed: says what
   * the store holds now.
   */
  private Change afterFailedResume(Invoker who, long v, AtomicBoolean once, boolean writeFailed) {
    HaltState now;
    try {
      now = rereader.call(store::halt);
    } catch (StoreException e) {
      return new Change(known(), false, "The resume could not be confirmed and the halt switch cannot be read right"
          + " now, so trading stays **halted** in this bot" + (writeFailed ? " (the resume may still take effect in a"
          + " moment; the bot's presence shows it)" : "") + ". Try `/resume` again shortly.");
    }
    if (!now.halted()) {
      adopt(now, v, who, once);
      return new Change(now, true, "");
    }
    synchronized (lock) {
      if (version == v && unsaved == null) { // what the store holds now is the halt to resume next time
        known = now;
        confirmedAt = System.nanoTime();
      }
    }
    return new Change(now, false, writeFailed
        ? "The resume could not be saved; the store says trading is still **halted** (it may still take effect in a"
            + " moment; the bot's presence shows it). Try `/resume` again shortly."
        : "A newer halt is in place (by " + DiscordText.escape(now.byUserName(), 64) + "), so trading stays **halted**."
            + " Run `/resume` again to end it.");
  }

  /** A resume the store holds: open in this process unless a halt was made here since; audited and announced. */
  private void adopt(HaltState resumed, long v, Invoker who, AtomicBoolean once) {
    synchronized (lock) {
      if (version != v || !once.compareAndSet(false, true)) {
        return; // a halt made here since wins; or already adopted
      }
      version++; // a store read begun before this cannot take it back
      unsaved = null;
      known = resumed;
      confirmedAt = System.nanoTime();
    }
    audit.record(new AuditEvent("resume", who.userId(), who.userName(), "resume", Map.of(), "RESUMED: trading open", null, -1));
    changed(resumed);
  }

  private Change save(HaltState state) {
    try {
      return writer.call(() -> {
        synchronized (lock) {
          if (unsaved != state) {
            return false; // replaced by a later change: never written over it
          }
        }
        store.setHalt(state);
        saved(state);
        return true;
      }) ? new Change(state, true, "") : new Change(state, false, "A newer halt or resume replaced this one before it"
          + " was saved; its answer says where it stands.");
    } catch (StoreException e) {
      return notSaved(state, e);
    }
  }

  private Change notSaved(HaltState state, Throwable e) {
    if (failedWrites.getAndIncrement() == 0) { // once per failing streak, not every retry
      log.warn("the halt could not be written yet (retrying every {} ms): {}", POLL.toMillis(),
          SafeText.oneLine(String.valueOf(e.getMessage())));
    } else {
      log.debug("the halt could not be written yet: {}", SafeText.oneLine(String.valueOf(e.getMessage())));
    }
    try { // the write may have landed after all (a reply lost, a late commit): say what the store holds
      HaltState now = rereader.call(store::halt);
      if (now.halted() && state.since().equals(now.since()) && now.byUserId() == state.byUserId()) {
        saved(state);
        return new Change(state, true, "");
      }
    } catch (StoreException again) {
      // unknown: said below
    }
    return new Change(state, false, "The halt holds in this bot now, but it could not be saved yet (storage"
        + " unavailable): other bot replicas may not see it and a restart would lose it. The bot keeps trying.");
  }

  private void saved(HaltState state) {
    if (failedWrites.getAndSet(0) > 0) {
      log.info("the halt was saved after an earlier failure");
    }
    synchronized (lock) {
      if (unsaved == state) {
        version++; // a store read begun before the write cannot take it back
        unsaved = null;
        known = state;
        confirmedAt = System.nanoTime();
      }
    }
  }

  /** The poll: writes an unsaved halt again, else reads the store. Never throws (that would end the schedule). */
  private void tick() {
    try {
      HaltState pending;
      synchronized (lock) {
        pending = unsaved;
      }
      if (pending != null) {
        save(pending);
        return;
      }
      refresh();
    } catch (RuntimeException e) {
      log.warn("halt poll failed: {}", SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  private void refresh() {
    try {
      read();
    } catch (StoreException e) {
      log.debug("halt state unreadable: {}", SafeText.oneLine(e.getMessage()));
    }
  }

  /** Reads the store and adopts what it says unless this process changed the state meanwhile. */
  private void read() {
    long v;
    long seq;
    synchronized (lock) {
      v = version;
      seq = ++readsStarted;
    }
    HaltState read = reader.call(store::halt);
    HaltState before;
    synchronized (lock) {
      if (version != v || unsaved != null || seq < newestReadApplied) {
        return; // a change made here while reading, or a read begun later, wins over what this read saw
      }
      newestReadApplied = seq;
      before = known;
      known = read;
      confirmedAt = System.nanoTime();
    }
    if (before != null && before.halted() != read.halted()) {
      changed(read); // another replica's halt or resume
    }
  }

  private static String haltedText(HaltState state) {
    return "Trading is **halted** by " + DiscordText.escape(state.byUserName(), 64)
        + (state.since() == null ? "" : " since <t:" + state.since().getEpochSecond() + ":f>")
        + (state.reason() == null || state.reason().isBlank() ? "" : ": " + DiscordText.escape(state.reason(), MAX_REASON))
        + ". Commands that add risk (" + RISK_INCREASING_TEXT + ") are refused until `/resume`;"
        + " /close, /flatten and /cancel still work.";
  }

  private static String unreadableText() {
    return "The halt switch cannot be read right now, so commands that add risk (" + RISK_INCREASING_TEXT
        + ") are refused. /close, /flatten and /cancel still work.";
  }

  private void changed(HaltState state) {
    for (Consumer<HaltState> l : listeners) {
      try {
        l.accept(state);
      } catch (RuntimeException e) {
        log.warn("halt listener failed: {}", SafeText.oneLine(e.toString()));
      }
    }
  }

  /** Stops the poll (an unsaved halt is no longer retried). */
  @Override
  public void close() {
    poller.shutdownNow();
    answers.shutdown();
  }
}
