package org.crosstradediscord.bot.discord;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the read-only calls (the reads of {@code /positions} and {@code /orders}, autocomplete's reads) off JDA's
 * gateway thread, on threads of their own so a slow read never takes a trade's slot ({@link TradeCalls}). Bounded:
 * a fixed number of threads and a bounded queue; when both are full a read is refused at once. Each SDK call is
 * bounded by the request timeout. Reads are never re-sent by the bot.
 */
final class ReadCalls {
  private final ThreadPoolExecutor pool;

  /**
   * @param threads reads at once
   * @param queue reads waiting, at most
   */
  ReadCalls(int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "crosstrade-read-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * @param read the read
   * @return false when the bot is stopping or every thread and queue place is taken: nothing was queued
   */
  boolean submit(Runnable read) {
    try {
      pool.execute(read);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** @return the executor (it throws {@link RejectedExecutionException} when full) */
  Executor executor() {
    return pool;
  }

  /** Stops taking reads; reads in flight end at their SDK deadline (daemon threads never hold the exit). */
  void close() {
    pool.shutdown();
  }
}
