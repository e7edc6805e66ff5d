package org.crosstradediscord.bot.discord;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of daemon threads that keeps work off JDA's gateway thread: a fixed number of threads and a bounded
 * queue; when both are full a task is refused at once. The bot has two: the read-only calls to CrossTrade (the reads
 * of {@code /positions} and {@code /orders}, autocomplete's reads, the {@code max_position} read; each SDK call
 * bounded by the request timeout, never re-sent by the bot), and the interaction steps that wait on the store (a
 * review card's stored confirmation, a click's claim; each store call bounded by 1 s), so neither ever waits behind
 * the other nor takes a trade's slot ({@link TradeCalls}).
 */
final class Workers {
  private final ThreadPoolExecutor pool;

  /**
   * @param name the threads' name prefix
   * @param threads tasks at once
   * @param queue tasks waiting, at most
   */
  Workers(String name, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * @param task the work
   * @return false when the bot is stopping or every thread and queue place is taken: nothing was queued
   */
  boolean submit(Runnable task) {
    try {
      pool.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** @return the executor (it throws {@link RejectedExecutionException} when full) */
  Executor executor() {
    return pool;
  }

  /** Stops taking tasks; tasks in flight end at their own deadline (daemon threads never hold the exit). */
  void close() {
    pool.shutdown();
  }
}
