package org.crosstradediscord.bot.halt;

import java.util.concurrent.atomic.AtomicBoolean;
import org.crosstradediscord.bot.store.HaltState;

/**
 * What this process knows of the halt switch, under one lock, with the rules that keep an older answer from
 * overwriting a newer change: every change made or saved here bumps a version, so a store read begun before it
 * cannot overwrite it; and a store read begun before one whose answer was adopted is dropped when it answers later.
 * Never waits on anything but its own lock, so it serves JDA's gateway thread and the wire.
 */
final class HaltMemory {
  /**
   * A store read begun.
   *
   * @param version the version when it began
   * @param seq its place in the order reads were begun (1, 2, …)
   */
  record Read(long version, long seq) {}

  /**
   * A resume begun.
   *
   * @param version the version it made
   * @param target the halt it resumes (this process's unsaved halt, else the last one known), or null if none known
   */
  record Resume(long version, HaltState target) {}

  /**
   * What the in-memory check sees.
   *
   * @param state this process's unsaved halt, else the last state known, or null until the store was read once
   * @param fresh true when there is an unsaved halt, or the known state was confirmed by the store within
   *     {@link HaltSwitch#FRESH_FOR}
   */
  record Seen(HaltState state, boolean fresh) {}

  private final Object lock = new Object();
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

  /** @return what the in-memory check sees now */
  Seen seen() {
    synchronized (lock) {
      HaltState state = unsaved != null ? unsaved : known;
      boolean fresh = unsaved != null
          || (known != null && System.nanoTime() - confirmedAt <= HaltSwitch.FRESH_FOR.toNanos());
      return new Seen(state, fresh);
    }
  }

  /** @return the halt made here and not yet saved, or null */
  HaltState unsaved() {
    synchronized (lock) {
      return unsaved;
    }
  }

  /**
   * @param state a halt made here
   * @return true while it is the unsaved halt (no later change replaced it)
   */
  boolean isUnsaved(HaltState state) {
    synchronized (lock) {
      return unsaved == state;
    }
  }

  /** @return the state this process knows (its own change or the last read), or {@link HaltState#NEVER} if none */
  HaltState known() {
    synchronized (lock) {
      HaltState s = unsaved != null ? unsaved : known;
      return s == null ? HaltState.NEVER : s;
    }
  }

  /** @param halt a halt made here: it holds at once, unsaved, and a store read begun before cannot take it back */
  void halted(HaltState halt) {
    synchronized (lock) {
      version++;
      unsaved = halt;
    }
  }

  /** @return a resume begun now (the version bumped): a read begun before it cannot take it back */
  Resume resumeBegun() {
    synchronized (lock) {
      long v = ++version;
      return new Resume(v, unsaved != null ? unsaved : known);
    }
  }

  /**
   * A resume the store holds: open in this process unless a halt was made here since.
   *
   * @param resumed the resumed state
   * @param v the version the resume made ({@link #resumeBegun})
   * @param once set by the first adoption of this resume
   * @return true when adopted now; false when a halt made here since wins, or it was already adopted
   */
  boolean adopt(HaltState resumed, long v, AtomicBoolean once) {
    synchronized (lock) {
      if (version != v || !once.compareAndSet(false, true)) {
        return false; // a halt made here since wins; or already adopted
      }
      version++; // a store read begun before this cannot take it back
      unsaved = null;
      known = resumed;
      confirmedAt = System.nanoTime();
      return true;
    }
  }

  /**
   * After a resume that did not apply: what the store holds now is the halt to resume next time, unless this process
   * changed the state since the resume began or holds an unsaved halt.
   *
   * @param v the version the resume made
   * @param now the halt the store holds
   */
  void haltStands(long v, HaltState now) {
    synchronized (lock) {
      if (version == v && unsaved == null) {
        known = now;
        confirmedAt = System.nanoTime();
      }
    }
  }

  /** @param state a halt the store now holds: known and confirmed, if it is still the unsaved one */
  void saved(HaltState state) {
    synchronized (lock) {
      if (unsaved == state) {
        version++; // a store read begun before the write cannot take it back
        unsaved = null;
        known = state;
        confirmedAt = System.nanoTime();
      }
    }
  }

  /** @return a store read begun now */
  Read readBegun() {
    synchronized (lock) {
      return new Read(version, ++readsStarted);
    }
  }

  /**
   * Adopts what a store read saw unless this process changed the state meanwhile, holds an unsaved halt, or a read
   * begun later was adopted already.
   *
   * @param begun the read ({@link #readBegun})
   * @param read what it saw
   * @return true when adopted and it turns a known halt into a resume or back (another replica's change)
   */
  boolean adoptRead(Read begun, HaltState read) {
    HaltState before;
    synchronized (lock) {
      if (version != begun.version() || unsaved != null || begun.seq() < newestReadApplied) {
        return false; // a change made here while reading, or a read begun later, wins over what this read saw
      }
      newestReadApplied = begun.seq();
      before = known;
      known = read;
      confirmedAt = System.nanoTime();
    }
    return before != null && before.halted() != read.halted();
  }
}
