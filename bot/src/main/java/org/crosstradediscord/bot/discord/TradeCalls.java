package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs confirmed trades off JDA's gateway thread, bounded in every direction:
 * <ul>
 *   <li>a fixed number of threads and a bounded queue: when both are full a click is refused at once ("busy; nothing
 *       was sent") instead of waiting an unknown time;</li>
 *   <li>a trade whose click is older than the request timeout when a thread picks it up is never sent late: it is
 *       refused and reported ({@link Trade#notSent});</li>
 *   <li>{@link #close(Duration)}: no new trade is accepted, trades still queued are reported as not sent, trades in
 *       flight get until the grace period; any still running after it is reported as outcome unknown
 *       ({@link Trade#abandoned}). Every trade is reported exactly once, by whoever gets there first.</li>
 * </ul>
 */
final class TradeCalls {
  private static final Logger log = LoggerFactory.getLogger(TradeCalls.class);

  /** One confirmed trade: what to send, and the three ways its card and audit line can end. */
  interface Trade {
    /**
     * Sends the trade and reports its result (card + {@code result} audit line). Never throws. Runs at most once,
     * and never after {@link #notSent} was reported.
     */
    void run();

    /**
     * Reports that nothing was sent.
     *
     * @param why one line for the member and the audit log
     */
    void notSent(String why);

    /**
     * Reports that the bot is exiting while the call is still in flight: outcome unknown. Should the call's answer
     * still arrive before the process ends, {@link #run} reports it as well (a second card edit and audit line).
     */
    void abandoned();

    /**
     * Waits (bounded) until what was reported has reached Discord; used at shutdown before disconnecting.
     *
     * @return a future that completes when the last card edit of this trade was delivered or failed
     */
    CompletableFuture<?> delivered();
  }

  private final class Slot implements Runnable {
    final Trade trade;
    final long clickedAtNanos;
    /** Set by whoever takes charge of the trade's report first: the worker, or the shutdown's drain. */
    final AtomicBoolean reported = new AtomicBoolean();

    Slot(Trade trade, long clickedAtNanos) {
      this.trade = trade;
      this.clickedAtNanos = clickedAtNanos;
    }

    @Override
    public void run() {
      if (!reported.compareAndSet(false, true)) {
        return; // reported as not sent at shutdown
      }
      long waitedMs = (System.nanoTime() - clickedAtNanos) / 1_000_000;
      if (waitedMs > maxQueueWait.toMillis()) {
        trade.notSent("it waited " + waitedMs + " ms for a free slot, longer than the request timeout ("
            + maxQueueWait.toMillis() + " ms); an order is never sent late");
        return;
      }
      running.add(this);
      try {
        trade.run();
      } finally {
        running.remove(this);
      }
    }
  }

  private final ThreadPoolExecutor pool;
  private final Duration maxQueueWait;
  private final Set<Slot> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * @param threads trades sent at once
   * @param queue trades waiting for a thread, at most
   * @param maxQueueWait the longest a confirmed trade may wait for a thread (the request timeout)
   */
  TradeCalls(int threads, int queue, Duration maxQueueWait) {
    this.maxQueueWait = maxQueueWait;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "crosstrade-call-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    });
  }

  /** @return true once {@link #close} began: no click may be confirmed any more */
  boolean stopping() {
    return stopping;
  }

  /**
   * Queues a confirmed trade.
   *
   * @param trade the trade
   * @param clickedAtNanos {@link System#nanoTime()} of the Confirm click
   * @return true when queued; false when the bot is stopping or every thread and queue slot is taken — then
   *     nothing was queued and the caller must report "not sent"
   */
  boolean submit(Trade trade, long clickedAtNanos) {
    if (stopping) {
      return false;
    }
    try {
      pool.execute(new Slot(trade, clickedAtNanos));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Stops: refuses new trades, reports queued ones as not sent, waits up to {@code grace} for those in flight,
   * reports any still running as outcome unknown, then waits up to 5 s for those reports to reach Discord.
   *
   * @param grace how long calls in flight may still take (connect + request timeout + margin)
   */
  void close(Duration grace) {
    stopping = true;
    // Not shutdownNow(): it would interrupt calls in flight. Drain what never started, let the rest finish.
    List<Runnable> queued = new java.util.ArrayList<>();
    pool.getQueue().drainTo(queued);
    pool.shutdown();
    List<CompletableFuture<?>> reports = new java.util.ArrayList<>();
    for (Runnable r : queued) {
      Slot s = (Slot) r;
      if (s.reported.compareAndSet(false, true)) {
        s.trade.notSent("the bot was shutting down before it was sent");
        reports.add(s.trade.delivered());
      }
    }
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        for (Slot s : running) {
          log.warn("a CrossTrade call was still running {} ms into shutdown; reporting its outcome as unknown",
              grace.toMillis());
          s.trade.abandoned(); // should its answer still come before exit, it is reported too
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Slot s : running) {
      reports.add(s.trade.delivered());
    }
    try {
      CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("some result cards could not be updated before shutdown ({})", e.getClass().getSimpleName());
    }
  }
}
