package org.crosstradediscord.testing.simulator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Switchable fault modes of the simulated upstream. All off by default; thread-safe.
 *
 * <ul>
 *   <li>{@link #disconnected(boolean)}: NinjaTrader/add-on not connected → 408;
 *   <li>{@link #rateLimit(boolean)}: the upstream's token bucket (3 requests/s, burst 20) → 429
 *       {@code {"error":"Rate limit exceeded"}};
 *   <li>{@link #rateLimitExhausted()}: that 429 for every request, however slowly they come;
 *   <li>{@link #latency(Duration)}: added before every answer;
 *   <li>{@link #serverError(int, int)}: the next N requests answer with a 5xx (after executing nothing).
 * </ul>
 */
public final class Faults {
  private volatile boolean disconnected;
  private volatile Bucket bucket;
  private volatile long latencyMs;
  private volatile int serverErrorStatus;
  private final AtomicInteger serverErrorsLeft = new AtomicInteger();
  private final AtomicInteger dropNext = new AtomicInteger();
  private volatile long delayNextReplyMs;

  private volatile boolean pnlPaused;

  /** @param on P&amp;L streams stay connected but push no frame (a stalled stream) */
  public void pausePnl(boolean on) {
    pnlPaused = on;
  }

  /** @return true while P&amp;L streams push nothing */
  public boolean pnlPaused() {
    return pnlPaused;
  }

  /** @param on answer 408 (NinjaTrader not connected) to every request */
  public void disconnected(boolean on) {
    disconnected = on;
  }

  /** @param on enforce the upstream's bucket: 20 tokens, refilled at 3 per second */
  public void rateLimit(boolean on) {
    bucket = on ? Bucket.builder().addLimit(Bandwidth.builder().capacity(20).refillGreedy(3, Duration.ofSeconds(1)).build())
        .build() : null;
  }

  /**
   * An upstream bucket already empty that refills one token a minute: every request answers 429 (with a
   * {@code Retry-After}) until {@link #clear()}, so a test of the 429 path does not race the refill on a slow machine.
   */
  public void rateLimitExhausted() {
    bucket = Bucket.builder().addLimit(Bandwidth.builder().capacity(20).refillGreedy(1, Duration.ofMinutes(1))
        .initialTokens(0).build()).build();
  }

  /** @param latency delay added before every answer (zero for none) */
  public void latency(Duration latency) {
    latencyMs = latency.toMillis();
  }

  /**
   * @param status the 5xx status to answer
   * @param count how many requests answer it (then normal again)
   */
  public void serverError(int status, int count) {
    serverErrorStatus = status;
    serverErrorsLeft.set(count);
  }

  /** @param count how many WebSocket RPCs to answer by dropping the connection instead (mid-request) */
  public void dropConnection(int count) {
    dropNext.set(count);
  }

  /** @param delay delay of the next WebSocket reply only */
  public void delayNextReply(Duration delay) {
    delayNextReplyMs = delay.toMillis();
  }

  /** Turns every fault off. */
  public void clear() {
    disconnected = false;
    bucket = null;
    latencyMs = 0;
    serverErrorsLeft.set(0);
    dropNext.set(0);
    pnlPaused = false;
    delayNextReplyMs = 0;
  }

  boolean isDisconnected() {
    return disconnected;
  }

  long latencyMs() {
    return latencyMs;
  }

  /** @return -1 when a token was taken (or limiting is off), else seconds until one is available */
  long takeToken() {
    Bucket b = bucket;
    if (b == null) {
      return -1;
    }
    ConsumptionProbe probe = b.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? -1 : Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
  }

  /** @return the 5xx status to answer now, or 0 */
  int takeServerError() {
    return serverErrorsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? serverErrorStatus : 0;
  }

  boolean takeDrop() {
    return dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  long takeReplyDelayMs() {
    long d = delayNextReplyMs;
    delayNextReplyMs = 0;
    return d;
  }

  /** @return a description of the active faults */
  public String describe() {
    return "disconnected=" + disconnected + " rateLimit=" + (bucket != null) + " latencyMs=" + latencyMs
        + " serverErrorsLeft=" + serverErrorsLeft.get() + " dropNext=" + dropNext.get();
  }
}
