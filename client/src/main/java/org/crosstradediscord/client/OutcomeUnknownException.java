package org.crosstradediscord.client;

/**
 * The request may have reached the upstream and we cannot tell what happened: a timeout after sending, the
 * connection lost mid-exchange, an HTTP 5xx, or a 2xx whose body could not be read. <b>An order may have been
 * placed or a position closed.</b> The SDK never re-sends such a request; check NinjaTrader before retrying.
 */
public class OutcomeUnknownException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  /** Why the outcome is unknown. */
  public enum Reason {
    /** No response within the request timeout. */
    TIMEOUT,
    /** The connection failed after the request was (possibly) sent. */
    CONNECTION_LOST,
    /** The upstream answered with an HTTP 5xx status. */
    SERVER_ERROR,
    /** The upstream answered 2xx but the body was missing, malformed or lacked required fields. */
    UNREADABLE_RESPONSE,
    /** The calling thread was interrupted while waiting for the response. */
    INTERRUPTED,
    /** The upstream answered with a status that is neither success nor a refusal (1xx, 3xx: no redirect is followed). */
    UNEXPECTED_STATUS
  }

  private final Reason reason;

  OutcomeUnknownException(
      String operationId, int status, String error, String detail, String message, Reason reason, Throwable cause) {
    super(operationId, status, error, detail, message, cause);
    this.reason = reason;
  }

  /** @return why the outcome is unknown. */
  public Reason reason() {
    return reason;
  }
}
