package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Reads;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * Runs the reads of review cards off JDA's threads and off the trade pool ({@link TradeCalls}), bounded: a few
 * daemon threads and a short queue (when full, the read is not made and the card says so), each read given
 * {@code min(request timeout, 2.5 s)} before the card says "unknown" (the SDK call keeps its own deadline), and
 * no read taken from the last {@value #RATE_RESERVE} tokens of the client's rate limiter, which stay for orders.
 */
final class ReviewReads {
  /** The longest a review card waits for its reads. */
  static final Duration MAX_WAIT = Duration.ofMillis(2_500);
  /** Rate limiter tokens a review read never takes: a burst of confirmed orders keeps them. */
  static final long RATE_RESERVE = 6;
  private static final int THREADS = 2;
  private static final int QUEUE = 16;

  private final CrossTradeClient client;
  private final Duration wait;
  private final ThreadPoolExecutor pool;
  private final ThreadPoolExecutor edits;

  ReviewReads(CrossTradeClient client) {
    this.client = client;
    this.wait = client.requestTimeout().compareTo(MAX_WAIT) < 0 ? client.requestTimeout() : MAX_WAIT;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
        r -> daemon(r, "review-read-" + n.incrementAndGet()));
    // Card edits wait (bounded) for Discord's answer; they never wait behind a slow read.
    this.edits = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        r -> daemon(r, "review-edit-" + n.incrementAndGet()));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** @return how long a card waits for its reads */
  /** @return true when no review read or card edit is queued or running (for tests: await quiet before a reset) */
  boolean idle() {
    return pool.getActiveCount() == 0 && pool.getQueue().isEmpty() && edits.getActiveCount() == 0
        && edits.getQueue().isEmpty();
  }

  Duration waitLimit() {
    return wait;
  }

  /** @return where the card edit that follows a read runs */
  Executor editExecutor() {
    return edits;
  }

  /**
   * @param plan what to read
   * @param wanted false once the card no longer shows a review (confirmed, cancelled, expired): a read still
   *     queued then is not made, nor one whose card already gave up waiting
   * @return the preview, or a failure (the SDK's exception, {@link java.util.concurrent.TimeoutException} after
   *     {@link #waitLimit()}, {@link RejectedExecutionException} when busy); never throws itself
   */
  CompletableFuture<Preview> read(PreviewPlan plan, BooleanSupplier wanted) {
    CompletableFuture<Preview> result = new CompletableFuture<>();
    try {
      pool.execute(() -> {
        if (result.isDone() || !wanted.getAsBoolean()) {
          result.completeExceptionally(new Reads.Skipped("no longer needed"));
          return;
        }
        try {
          result.complete(plan.read().apply(Reads.of(client, RATE_RESERVE)));
        } catch (Throwable t) {
          result.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
      return result;
    }
    return result.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS);
  }
}
