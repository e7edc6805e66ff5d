package org.crosstradediscord.bot.halt;

import static org.crosstradediscord.bot.halt.HaltSwitch.POLL;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crosstradediscord.bot.halt.HaltSwitch.Change;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The halt switch's side of the {@link Store}: reads adopted into {@link HaltMemory} under its rules, the one writer
 * (the store sees this process's halts and resumes in the order they were made), the re-read after an ambiguous
 * write, and the poll that writes an unsaved halt again, else reads the store. Every call waits a bounded time.
 */
final class HaltSync implements AutoCloseable {
  /** Logged under the switch's name, as before it was split. */
  private static final Logger log = LoggerFactory.getLogger(HaltSwitch.class);
  private final Store store;
  private final HaltMemory memory;
  private final HaltNews news;
  private final StoreCalls reader = new StoreCalls("halt-read", HaltSwitch.READ_WAIT);
  /** One writer: the store sees this process's halts and resumes in the order they were made. */
  private final StoreCalls writer = new StoreCalls("halt-write", HaltSwitch.WRITE_WAIT, 1);
  private final StoreCalls rereader = new StoreCalls("halt-reread", HaltSwitch.REREAD_WAIT);
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "halt-poll");
    t.setDaemon(true);
    return t;
  });
  /** Failed writes of a halt since the last one that succeeded (the warning is logged once per streak). */
  private final AtomicInteger failedWrites = new AtomicInteger();

  /**
   * @param store where the state lives
   * @param memory what this process knows
   * @param news told of another replica's change a read sees
   */
  HaltSync(Store store, HaltMemory memory, HaltNews news) {
    this.store = store;
    this.memory = memory;
    this.news = news;
  }

  /** @param every how often the store is read and an unsaved halt written again; zero: never */
  void poll(Duration every) {
    if (!every.isZero()) {
      poller.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Writes a halt made here, unless a later change replaced it first (never written over it); a write that fails
   * or gives no answer is followed by a re-read ({@link #notSaved}).
   *
   * @param state the halt
   * @return saved or not, with a note for the member when not
   */
  Change save(HaltState state) {
    try {
      return writer.call(() -> {
        if (!memory.isUnsaved(state)) {
          return false; // replaced by a later change: never written over it
        }
        store.setHalt(state);
        saved(state);
        return true;
      }) ? new Change(state, true, "") : new Change(state, false, HaltTexts.haltReplaced());
    } catch (StoreException e) {
      return notSaved(state, e);
    }
  }

  /**
   * A halt's write failed: logged (a warning once per failing streak), then the store is re-read, as the write may
   * have landed after all (a reply lost, a late commit).
   *
   * @param state the halt
   * @param e why the write failed
   * @return saved when the store holds this very halt, else not, with a note for the member
   */
  Change notSaved(HaltState state, Throwable e) {
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
    return new Change(state, false, HaltTexts.haltNotSaved());
  }

  private void saved(HaltState state) {
    if (failedWrites.getAndSet(0) > 0) {
      log.info("the halt was saved after an earlier failure");
    }
    memory.saved(state);
  }

  /**
   * Writes a resume as a compare-and-set on the halt's start ({@link Store#resumeHalt}) on the one writer thread, so
   * no halt retry lands between the write and {@code adopt}.
   *
   * @param resumed the resumed state
   * @param since when the halt to resume began
   * @param adopt run on the writer thread when the store took the resume
   * @return whether the store took it (false: another halt is current)
   * @throws StoreException the write failed or gave no answer within {@link HaltSwitch#WRITE_WAIT}
   */
  boolean resume(HaltState resumed, Instant since, Runnable adopt) {
    return writer.call(() -> { // the one writer thread: no halt retry lands between this and memory
      boolean done = store.resumeHalt(resumed, since);
      if (done) {
        adopt.run();
      }
      return done;
    });
  }

  /**
   * @return what the store holds now (at most {@link HaltSwitch#REREAD_WAIT}), not adopted
   * @throws StoreException the store cannot be read
   */
  HaltState reread() {
    return rereader.call(store::halt);
  }

  /** The poll: writes an unsaved halt again, else reads the store. Never throws (that would end the schedule). */
  private void tick() {
    try {
      HaltState pending = memory.unsaved();
      if (pending != null) {
        save(pending);
        return;
      }
      refresh();
    } catch (RuntimeException e) {
      log.warn("halt poll failed: {}", SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** {@link #read}, logging a store that cannot be read. */
  void refresh() {
    try {
      read();
    } catch (StoreException e) {
      log.debug("halt state unreadable: {}", SafeText.oneLine(e.getMessage()));
    }
  }

  /**
   * Reads the store (at most {@link HaltSwitch#READ_WAIT}) and adopts what it says unless this process changed the
   * state meanwhile; another replica's halt or resume is announced.
   *
   * @throws StoreException the store cannot be read
   */
  void read() {
    HaltMemory.Read begun = memory.readBegun();
    adopt(begun, reader.call(store::halt));
  }

  /**
   * {@link #read} on the caller's thread, for a caller that already bounds its wait on the store (a click's claim
   * and this read share one store call).
   *
   * @throws StoreException the store cannot be read
   */
  void readHere() {
    HaltMemory.Read begun = memory.readBegun();
    adopt(begun, store.halt());
  }

  private void adopt(HaltMemory.Read begun, HaltState read) {
    if (memory.adoptRead(begun, read)) {
      news.changed(read); // another replica's halt or resume
    }
  }

  /** Stops the poll (an unsaved halt is no longer retried). */
  @Override
  public void close() {
    poller.shutdownNow();
  }
}
