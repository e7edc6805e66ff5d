package org.crosstradediscord.client;

/**
 * The connection to the CrossTrade API could not be opened (refused, DNS failure or connect timeout), so the
 * request was <b>not</b> sent. Safe to try again later.
 */
public class UnreachableException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  UnreachableException(String operationId, String message, Throwable cause) {
    super(operationId, 0, null, null, message, cause);
  }
}
