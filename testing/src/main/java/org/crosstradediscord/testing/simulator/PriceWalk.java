package org.crosstradediscord.testing.simulator;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Moves the simulator's prices: a seeded random walk, every instrument known to the {@link Book} by -1, 0 or +1
 * tick per interval ({@link Book#walk}); working orders the new prices cross fill. Off until {@link #start}; tests
 * that need determinism leave it off and set prices with {@link Book#setPrice} instead. Thread-safe.
 */
public final class PriceWalk {
  private final Book book;
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> task;
  private String description = "off";

  PriceWalk(Book book) {
    this.book = book;
  }

  /**
   * Starts (or restarts) the walk.
   *
   * @param interval time between steps (at least 10 ms)
   * @param tick price step in instrument points (above 0)
   * @param seed random seed: the same seed gives the same walk
   */
  public synchronized void start(Duration interval, double tick, long seed) {
    if (interval.toMillis() < 10 || !(tick > 0)) {
      throw new IllegalArgumentException("interval must be at least 10 ms and tick above 0");
    }
    stop();
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulator-price-walk");
        t.setDaemon(true);
        return t;
      });
    }
    Random random = new Random(seed);
    task = scheduler.scheduleAtFixedRate(() -> book.walk(random, tick), interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    description = "intervalMs=" + interval.toMillis() + " tick=" + tick + " seed=" + seed;
  }

  /** Stops the walk; prices stay where they are. */
  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    description = "off";
  }

  /** Stops the walk and its thread. */
  synchronized void shutdown() {
    stop();
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /** @return whether the walk is running */
  public synchronized boolean running() {
    return task != null;
  }

  /** @return the walk's settings, or {@code off} */
  public synchronized String describe() {
    return description;
  }
}
