package org.crosstradediscord.client;

/**
 * The upstream answered and refused the request (HTTP 400 or another 4xx not covered by a narrower type,
 * or a 2xx whose body says {@code "success": false}). Nothing was executed for this request.
 */
public class RequestRejectedException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  RequestRejectedException(String operationId, int status, String error, String detail, String message) {
    super(operationId, status, error, detail, message, null);
  }
}
