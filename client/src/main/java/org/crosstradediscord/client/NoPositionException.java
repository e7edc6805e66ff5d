package org.crosstradediscord.client;

/**
 * HTTP 400 because no position is open in the instrument: reverse position answers
 * {@code No position found for instrument '…' in account '…'} and close position answers
 * {@code No positions found for instrument '…'} (openapi.yaml, operations reversePosition and
 * closePosition). Nothing was placed or closed.
 */
public class NoPositionException extends RequestRejectedException {
  private static final long serialVersionUID = 1L;

  NoPositionException(String operationId, int status, String error, String detail, String message) {
    super(operationId, status, error, detail, message);
  }
}
