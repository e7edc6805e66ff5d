package org.crosstradediscord.client;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Client-side pacing that matches the upstream's per-user budget (3 requests/s, burst 20, shared by REST and
 * WebSocket; reference §2.2) with a little headroom, so a burst queues briefly instead of earning HTTP 429s.
 * Backed by Bucket4j.
 * Share one instance between clients (e.g. a REST and a WebSocket client of the same token) to share the budget.
 * A wait happens before anything is sent.
 */
public final class RateLimiter {
  private final Bucket bucket;

  private RateLimiter(Bucket bucket) {
    this.bucket = bucket;
  }

  /** Headroom kept below the upstream's burst of 20 (see {@link #crossTradeDefault()}). */
  public static final int BURST_HEADROOM = 2;

  /**
   * CrossTrade's documented budget with headroom: refilled at 3 per second, burst 18 (the upstream's 20 minus
   * {@link #BURST_HEADROOM}). Without headroom a request that waited for its token can still reach the upstream
   * after a later one (different transports, a WebSocket still connecting), and the upstream's bucket then sees a
   * burst the client never sent; measured: an exact 20/3 limiter let one of 50 burst requests earn a 429.
   *
   * @return the default limiter
   */
  public static RateLimiter crossTradeDefault() {
    return of(20 - BURST_HEADROOM, 3);
  }

  /**
   * @param burst bucket capacity (requests that may go at once)
   * @param perSecond sustained requests per second
   * @return a limiter
   */
  public static RateLimiter of(int burst, int perSecond) {
    if (burst < 1 || perSecond < 1) {
      throw new IllegalArgumentException("burst and perSecond must be at least 1");
    }
    return new RateLimiter(Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build());
  }

  /** @return a limiter that never waits (the upstream may then answer 429) */
  public static RateLimiter disabled() {
    return new RateLimiter(null);
  }

  /**
   * Waits until a request may be sent, at most {@code maxWait}: an order that would leave later than that is
   * refused instead of being sent late.
   *
   * @param operationId for the exception message
   * @param maxWait the longest wait, in practice the client's request timeout
   * @throws RateLimitedException the wait would exceed {@code maxWait} (status 0; nothing was sent)
   * @throws UnreachableException when interrupted while waiting (nothing was sent)
   */
  void acquire(String operationId, Duration maxWait) {
    if (bucket == null) {
      return;
    }
    try {
      if (!bucket.asBlocking().tryConsume(1, maxWait)) {
        throw new RateLimitedException(operationId, 0, null, null, operationId
            + ": the client-side rate limiter would hold this request longer than " + maxWait.toMillis()
            + " ms; nothing was sent (too many requests queued: 3/s, burst " + (20 - BURST_HEADROOM) + ")", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(operationId, operationId + ": interrupted while waiting for the rate limiter; nothing was sent", e);
    }
  }

  /** @return tokens available now (for diagnostics) */
  public long available() {
    return bucket == null ? Long.MAX_VALUE : bucket.getAvailableTokens();
  }
}
