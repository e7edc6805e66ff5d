package org.crosstradediscord.bot.halt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.halt.HaltSwitch.Change;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /resume}: a compare-and-set on the start of the halt this process knows, so a resume whose write lands late
 * never undoes a newer halt; trading opens in this process only once the store holds the resume, and not when a halt
 * was made here since. A write that fails or does not apply is followed by a re-read that says what the state is.
 */
final class HaltResume {
  /** Logged under the switch's name, as before it was split. */
  private static final Logger log = LoggerFactory.getLogger(HaltSwitch.class);
  private final HaltMemory memory;
  private final HaltSync sync;
  private final HaltNews news;
  private final Executor answers;

  /**
   * @param memory what this process knows
   * @param sync the store's side
   * @param news told of a resume that took effect
   * @param answers waits for the store on behalf of the member (never JDA's threads)
   */
  HaltResume(HaltMemory memory, HaltSync sync, HaltNews news, Executor answers) {
    this.memory = memory;
    this.sync = sync;
    this.news = news;
    this.answers = answers;
  }

  /**
   * @param who the member
   * @return completes within about {@link HaltSwitch#WRITE_WAIT} + {@link HaltSwitch#REREAD_WAIT}, never
   *     exceptionally
   */
  CompletableFuture<Change> resume(Invoker who) {
    HaltState state = new HaltState(false, "", who.userId(), who.userName(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    HaltMemory.Resume begun = memory.resumeBegun();
    HaltState target = begun.target();
    long v = begun.version();
    AtomicBoolean once = new AtomicBoolean();
    return CompletableFuture.supplyAsync(() -> {
      if (target != null && target.halted() && target.since() != null) {
        try {
          boolean resumed = sync.resume(state, target.since(), () -> adopt(state, v, who, once));
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
      now = sync.reread();
    } catch (StoreException e) {
      return new Change(memory.known(), false, HaltTexts.resumeUnconfirmed(writeFailed));
    }
    if (!now.halted()) {
      adopt(now, v, who, once);
      return new Change(now, true, "");
    }
    memory.haltStands(v, now); // what the store holds now is the halt to resume next time
    return new Change(now, false, writeFailed ? HaltTexts.resumeNotSaved() : HaltTexts.newerHalt(now));
  }

  /** A resume the store holds: open in this process unless a halt was made here since; audited and announced. */
  private void adopt(HaltState resumed, long v, Invoker who, AtomicBoolean once) {
    if (memory.adopt(resumed, v, once)) {
      news.resumed(who, resumed);
    }
  }
}
