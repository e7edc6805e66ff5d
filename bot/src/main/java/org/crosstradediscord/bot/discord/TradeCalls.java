package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.ArrayList;
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
 *   <li>a click first takes a {@link Ticket} ({@link #reserve}), atomically with respect to {@link #close}: none is
 *       granted once shutdown began, so no click is confirmed then;</li>
 *   <li>a fixed number of threads and a bounded queue: when both are full a ticket is refused at once ("busy;
 *       nothing was sent") instead of waiting an unknown time;</li>
 *   <li>a trade whose click is older than the request timeout when a thread picks it up is never sent late: it is
 *       refused and reported ({@link Trade#notSent});</li>
 *   <li>{@link #close(Duration)}: no new ticket; tickets not yet submitted and trades still queued are reported as
 *       not sent; trades in flight get until the grace period; any still running after it is reported as outcome
 *       unknown ({@link Trade#abandoned}).</li>
 * </ul>
 * Every trade is reported exactly once by one of these paths (whoever claims it first); only an answer that arrives
 * after {@link Trade#abandoned} adds a follow-up.
 */
final class TradeCalls {
  private static final Logger log = LoggerFactory.getLogger(TradeCalls.class);

  /** One confirmed trade: what to send, and the ways its card and audit line can end. */
  interface Trade {
    /**
     * Sends the trade and reports its result (card + {@code result} audit line). Runs at most once, and never after
     * {@link #notSent} was reported. Should not throw; if it does, {@link #failed} reports it.
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
     * still arrive before the process ends, {@link #run} reports it as a follow-up.
     */
    void abandoned();

    /**
     * Reports that {@link #run} threw: outcome unknown, unless it had already reported a result.
     *
     * @param error what was thrown
     */
    void failed(Throwable error);

    /**
     * @return a future that completes when the last card edit of this trade was delivered or failed (awaited,
     *     bounded, at shutdown before disconnecting)
     */
    CompletableFuture<?> delivered();
  }

  /** A place for one confirmed trade, taken before its acknowledgement; {@link #submit} or {@link #release} it. */
  final class Ticket implements Runnable {
    final Trade trade;
    final long clickedAtNanos;
    /** Set by whoever takes charge of the trade's report first: the worker, a refusal, or the shutdown. */
    final AtomicBoolean reported = new AtomicBoolean();

    private Ticket(Trade trade, long clickedAtNanos) {
      this.trade = trade;
      this.clickedAtNanos = clickedAtNanos;
    }

    @Override
    public void run() {
      if (!reported.compareAndSet(false, true)) {
        return; // already reported as not sent
      }
      if (stopping) {
        trade.notSent("the bot was shutting down before it was sent");
        return;
      }
      long waitedMs = (System.nanoTime() - clickedAtNanos) / 1_000_000;
      if (waitedMs > maxQueueWait.toMillis()) {
        trade.notSent("it waited " + waitedMs + " ms after the click before it could be sent, longer than the request timeout ("
            + maxQueueWait.toMillis() + " ms); an order is never sent late");
        return;
      }
      running.add(this);
      try {
        trade.run();
      } catch (Throwable t) { // the last net: a trade's card must never stay "Sending…"
        log.error("a confirmed trade failed outside its own handling", t);
        trade.failed(t);
      } finally {
        running.remove(this);
      }
    }

    private void refuse(String why) {
      if (reported.compareAndSet(false, true)) {
        trade.notSent(why);
      }
    }
  }

  private final Object lock = new Object();
  private final ThreadPoolExecutor pool;
  private final Duration maxQueueWait;
  private final Set<Ticket> reserved = ConcurrentHashMap.newKeySet();
  private final Set<Ticket> running = ConcurrentHashMap.newKeySet();
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
  /** @return the longest a confirmed trade may wait between its click and its send (the request timeout) */
  Duration maxQueueWait() {
    return maxQueueWait;
  }

  boolean stopping() {
    return stopping;
  }

  /**
   * Takes a place for a confirmed trade, atomically with respect to {@link #close}.
   *
   * @param trade the trade
   * @param clickedAtNanos {@link System#nanoTime()} of the Confirm click (the age that counts against the timeout)
   * @return the ticket, or null when shutdown began (then nothing may be audited "confirmed")
   */
  Ticket reserve(Trade trade, long clickedAtNanos) {
    synchronized (lock) {
      if (stopping) {
        return null;
      }
      Ticket t = new Ticket(trade, clickedAtNanos);
      reserved.add(t);
      return t;
    }
  }

  /**
   * Queues a reserved trade. When shutdown began or every thread and queue place is taken, the trade is reported
   * "not sent" here and nothing is queued.
   *
   * @param ticket from {@link #reserve}
   */
  void submit(Ticket ticket) {
    String refusal = null;
    synchronized (lock) {
      if (!reserved.remove(ticket)) {
        return; // already reported (shutdown)
      }
      if (stopping) {
        refusal = "the bot is shutting down";
      } else {
        try {
          pool.execute(ticket);
        } catch (RejectedExecutionException e) {
          refusal = "the bot is busy: every call slot and queue place is taken";
        }
      }
    }
    if (refusal != null) {
      ticket.refuse(refusal);
    }
  }

  /**
   * Gives a reserved trade up before it was queued, reporting it "not sent".
   *
   * @param ticket from {@link #reserve}
   * @param why one line for the member and the audit log
   */
  void release(Ticket ticket, String why) {
    reserved.remove(ticket);
    ticket.refuse(why);
  }

  /**
   * Stops: refuses new tickets, reports reserved and queued trades as not sent, waits up to {@code grace} for those
   * in flight, reports any still running as outcome unknown, then waits up to 5 s for those reports to reach Discord.
   *
   * @param grace how long calls in flight may still take (connect + 2 × request timeout + margin)
   */
  void close(Duration grace) {
    List<Ticket> unsent = new ArrayList<>();
    synchronized (lock) {
      stopping = true;
      unsent.addAll(reserved);
      reserved.clear();
      // Not shutdownNow(): it would interrupt calls in flight. Drain what never started, let the rest finish.
      List<Runnable> queued = new ArrayList<>();
      pool.getQueue().drainTo(queued);
      queued.forEach(r -> unsent.add((Ticket) r));
      pool.shutdown();
    }
    List<CompletableFuture<?>> reports = new ArrayList<>();
    for (Ticket t : unsent) {
      t.refuse("the bot was shutting down before it was sent");
      reports.add(t.trade.delivered());
    }
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        for (Ticket t : running) {
          log.warn("a CrossTrade call was still running {} ms into shutdown; reporting its outcome as unknown",
              grace.toMillis());
          t.trade.abandoned();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Ticket t : running) {
      reports.add(t.trade.delivered());
    }
    try {
      CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("some result cards could not be updated before shutdown ({})", e.getClass().getSimpleName());
    }
  }
}
