package org.crosstradediscord.client;

/**
 * HTTP 401: the bearer token is missing or not accepted (openapi.yaml, response {@code Unauthorized}).
 * Check the configured CrossTrade token and the account's Pro subscription. Nothing was executed.
 */
public class UnauthorizedException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  UnauthorizedException(String operationId, int status, String error, String detail, String message) {
    super(operationId, status, error, detail, message, null);
  }
}
