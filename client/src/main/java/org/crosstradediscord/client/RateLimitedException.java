package org.crosstradediscord.client;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429: the per-user budget (3 requests/s, burst 20, shared by REST and WebSocket) is exhausted
 * (openapi.yaml, response {@code RateLimited}; reference §2.2). The request was not executed; it may be sent
 * again after {@link #retryAfter()} or, when absent, after about a second.
 */
public class RateLimitedException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  RateLimitedException(
      String operationId, int status, String error, String detail, String message, Duration retryAfter) {
    super(operationId, status, error, detail, message, null);
    this.retryAfter = retryAfter;
  }

  /** @return the wait the upstream asked for in its {@code Retry-After} header, if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
