package org.crosstradediscord.bot.discord;

/**
 * Runs a task at most once, whoever asks first; a second caller returns only after the first run ended. An interaction
 * writes its first audit line ("command received") through one, right after its reply was queued (so writing it is
 * not on the way to Discord's first callback), and every later step of the same interaction runs it before auditing
 * anything itself: the lines keep their order whichever thread gets there first.
 */
final class Once implements Runnable {
  private Runnable task;

  /** @param task the work (e.g. one audit line) */
  Once(Runnable task) {
    this.task = task;
  }

  /** Runs the task unless it ran (or is running: then waits for it). */
  @Override
  public synchronized void run() {
    Runnable t = task;
    if (t != null) {
      task = null;
      t.run();
    }
  }
}
