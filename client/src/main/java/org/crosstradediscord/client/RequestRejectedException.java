package org.crosstradediscord.client;

/**
 * The upstream answered and refused the request: HTTP 400 or another 4xx not covered by a narrower type, or a
 * WebSocket error whose text the docs give for a refusal before execution. Nothing was executed for this request.
 * (A 2xx whose body says {@code "success": false} is {@link OutcomeUnknownException}: that is undocumented.)
 */
public class RequestRejectedException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  RequestRejectedException(String operationId, int status, String error, String detail, String message) {
    super(operationId, status, error, detail, message, null);
  }
}
