package org.crosstradediscord.bot.halt;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's halt switch. While halted, the risk-increasing commands ({@value #RISK_INCREASING_TEXT}) are refused —
 * when typed, at the Confirm click and at the wire, just before an order's bytes leave — and the risk-reducing ones
 * ({@code /close}, {@code /flatten}, {@code /cancel}) stay allowed.
 *
 * <p>The state lives in two places:
 * <ul>
 *   <li><b>In memory</b> ({@link #known()}, {@link HaltMemory}): a halt made here takes effect at once, before the
 *       store is written ({@link #engage}); the store is read every {@link #POLL} to see another replica's changes.
 *       The in-memory checks ({@link #refusal}) never wait on anything, so they run on JDA's gateway thread and at
 *       the wire. A state not confirmed by the store for {@link #FRESH_FOR} counts as halted for the risk-increasing
 *       commands (fail closed), unless this process has an unsaved halt (then it is halted anyway).</li>
 *   <li><b>In the {@link Store}</b> ({@link HaltSync}; it survives restarts and is shared by replicas on one
 *       PostgreSQL): a halt that could not be written is retried every {@link #POLL} until written or replaced;
 *       {@code /resume} ({@link HaltResume}) takes effect only once the store confirmed it.</li>
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

  private final HaltMemory memory = new HaltMemory();
  private final HaltNews news;
  private final HaltSync sync;
  private final HaltResume resumes;
  /** Waits for the store on behalf of /halt and /resume (never JDA's threads); each wait is bounded. */
  private final ExecutorService answers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "halt-answer");
    t.setDaemon(true);
    return t;
  });
  /** Risk-increasing orders past the send gate whose SDK call has not returned. */
  private final AtomicInteger onTheirWay = new AtomicInteger();

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
    this.news = new HaltNews(audit);
    this.sync = new HaltSync(store, memory, news);
    this.resumes = new HaltResume(memory, sync, news, answers);
    sync.refresh();
    sync.poll(poll);
  }

  /** @param listener told of each change this replica makes or sees (e.g. to update the bot's presence) */
  public void onChange(Consumer<HaltState> listener) {
    news.onChange(listener);
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
    HaltMemory.Seen seen = memory.seen();
    if (seen.state() != null && seen.state().halted()) {
      return HaltTexts.halted(seen.state());
    }
    return seen.fresh() ? null : HaltTexts.unreadable();
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
      sync.read();
    } catch (StoreException e) {
      log.warn("halt state unreadable; refusing /{}: {}", command, SafeText.oneLine(e.getMessage()));
      return HaltTexts.unreadable();
    }
    return refusal(command);
  }

  /**
   * {@link #refusalFresh} in two steps, so that its store read can share a store call made anyway (a click's claim):
   * {@link FreshCheck#read} on a thread whose wait on the store is bounded by its caller, then
   * {@link FreshCheck#refusal}.
   *
   * @param command a slash command name
   * @return the check; it reads the store only for the risk-increasing commands
   */
  public FreshCheck freshCheck(String command) {
    return new FreshCheck(command, RISK_INCREASING.contains(command) ? sync::readHere : null, this::refusal);
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
    return memory.unsaved() != null;
  }

  /** @return the state this process knows (its own change or the last read), or {@link HaltState#NEVER} if none */
  public HaltState known() {
    return memory.known();
  }

  /**
   * @return the current state, read from the store (at most {@link #READ_WAIT})
   * @throws StoreException the store cannot be read
   */
  public HaltState current() {
    sync.read();
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
    memory.halted(state);
    int departed = onTheirWay.get(); // passed the wire check before the flag was set: this halt cannot stop them
    news.halted(who, why, departed, state);
    return CompletableFuture.supplyAsync(() -> sync.save(state), answers).exceptionally(e -> sync.notSaved(state, e))
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
    return resumes.resume(who);
  }

  /** Stops the poll (an unsaved halt is no longer retried). */
  @Override
  public void close() {
    sync.close();
    answers.shutdown();
  }
}
