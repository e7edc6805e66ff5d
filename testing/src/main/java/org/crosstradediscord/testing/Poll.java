package org.crosstradediscord.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting for something another thread or process makes happen, used by the whole test kit. */
public final class Poll {
  private Poll() {}

  /**
   * Polls every 2 ms until the probe yields a value.
   *
   * @param probe returns the value once it is there
   * @param timeout how long to wait
   * @param why the failure message when nothing came, built only then
   * @return the value
   * @throws AssertionError when the timeout passes (with {@code why}) or the thread is interrupted
   */
  public static <T> T until(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> why) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(why.get());
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting");
      }
    }
  }
}
