package org.crosstradediscord.client;

import java.util.Optional;

/**
 * Base of every failure the CrossTrade SDK reports. Unchecked: callers that move money should still catch it
 * (or its subtypes) around every call.
 *
 * <p>Carries the HTTP status when a response arrived ({@code 0} when none did), the upstream {@code error}
 * (a human message in the legacy shape, a machine code in the envelope shape) and {@code detail}, as
 * described by {@code ErrorResponse} in {@code openapi.yaml}. The bearer token never appears in the message:
 * upstream text is scrubbed of it before it gets here.
 *
 * <p>Subtypes: {@link NoPositionException} (400, nothing open), {@link RequestRejectedException} (other
 * rejections), {@link UnauthorizedException} (401), {@link NinjaTraderNotConnectedException} (408),
 * {@link RateLimitedException} (429), {@link OutcomeUnknownException} (timeout, connection lost after
 * sending, 5xx or an unreadable success: the order may have been placed), {@link UnreachableException}
 * (the connection could not be opened: nothing was sent) and {@link NotSentException} (a {@link SendGate} stopped
 * the request before it was written: nothing was sent).
 */
public class CrossTradeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operationId;
  private final int status;
  private final String error;
  private final String detail;

  /**
   * @param operationId the spec operationId that failed, e.g. {@code flatPlaceOrder}
   * @param status HTTP status, or 0 when no response arrived
   * @param error upstream {@code error} text, or null
   * @param detail upstream {@code detail} text, or null
   * @param message human-readable summary
   * @param cause underlying exception, or null
   */
  protected CrossTradeException(
      String operationId, int status, String error, String detail, String message, Throwable cause) {
    super(message, cause);
    this.operationId = operationId;
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  /** @return the spec operationId of the call that failed, e.g. {@code closePosition}. */
  public String operationId() {
    return operationId;
  }

  /** @return the HTTP status of the response, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** @return the upstream {@code error} field as sent (scrubbed of the token), if any. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** @return the upstream {@code detail} field as sent (scrubbed of the token), if any. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * The upstream's own words for a person: {@code detail} when present, else {@code error}, else this
   * exception's message.
   *
   * @return never null
   */
  public String upstreamMessage() {
    if (detail != null && !detail.isBlank()) {
      return error != null && !error.isBlank() && !error.equals(detail) ? detail + " (" + error + ")" : detail;
    }
    return error != null && !error.isBlank() ? error : getMessage();
  }
}
