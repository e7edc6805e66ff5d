package org.crosstradediscord.bot.halt;

import java.util.function.Function;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fresh halt check ({@link HaltSwitch#refusalFresh}) in two steps, so that its store read can share a store call
 * made anyway (a click's claim): {@link #read} on a thread whose wait on the store its caller bounds, then
 * {@link #refusal}. Made by {@link HaltSwitch#freshCheck}.
 */
public final class FreshCheck {
  /** Logged under the switch's name, like {@link HaltSwitch#refusalFresh}. */
  private static final Logger log = LoggerFactory.getLogger(HaltSwitch.class);

  private final String command;
  private final Runnable storeRead;
  private final Function<String, String> inMemory;
  private volatile boolean read;
  private volatile String failure;

  /**
   * @param command the slash command
   * @param storeRead reads the store and adopts what it says (throws when it cannot), or null when the command does
   *     not depend on the halt
   * @param inMemory the in-memory check ({@link HaltSwitch#refusal})
   */
  FreshCheck(String command, Runnable storeRead, Function<String, String> inMemory) {
    this.command = command;
    this.storeRead = storeRead;
    this.inMemory = inMemory;
  }

  /**
   * Reads the store on this thread (no wait of its own: the caller bounds it) and adopts what it says, like the
   * poll. Never throws: a failure is kept and makes {@link #refusal} refuse.
   */
  public void read() {
    if (storeRead != null) {
      try {
        storeRead.run();
      } catch (RuntimeException e) {
        failure = SafeText.oneLine(String.valueOf(e.getMessage()));
      }
    }
    read = true;
  }

  /** @return true once {@link #read} ran */
  public boolean done() {
    return read;
  }

  /**
   * @return why the command is refused now (the halt, or the store was unreadable: refused, as
   *     {@link HaltSwitch#refusalFresh} does; markdown-escaped words for the member), or null when it may run
   * @throws IllegalStateException {@link #read} has not run
   */
  public String refusal() {
    if (!read) {
      throw new IllegalStateException("the halt state was not read");
    }
    String failed = failure;
    if (failed != null) {
      log.warn("halt state unreadable; refusing /{}: {}", command, failed);
      return HaltTexts.unreadable();
    }
    return inMemory.apply(command);
  }
}
