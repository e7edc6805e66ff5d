package org.crosstradediscord.client;

import java.util.function.Function;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.OrderIdResponse;

/** What makes a 2xx/RPC answer trustworthy, the same on every transport. */
final class ResponseChecks {
  /**
   * The check of one operation's answer (e.g. {@code ResponseChecks::orderId}).
   *
   * @param <T> the response model
   */
  @FunctionalInterface
  interface Check<T> {
    /**
     * @return the answer when it can be trusted
     * @throws OutcomeUnknownException it cannot (for a read the message says nothing was changed)
     */
    T check(ResponseChecks checks, String operationId, int status, T body);
  }

  /**
   * The check of a read: a body, not {@code success:false}, and its required part present.
   *
   * @param required what must be non-null (e.g. the list)
   * @param what its name for the message
   */
  static <T> Check<T> read(Function<T, Object> successOf, Function<T, Object> required, String what) {
    return (checks, operationId, status, body) -> checks.read(operationId, status, body, successOf, required, what);
  }

  private final ErrorMapper errors;

  ResponseChecks(ErrorMapper errors) {
    this.errors = errors;
  }

  OrderIdResponse orderId(String operationId, int status, OrderIdResponse body) {
    if (body == null) {
      throw errors.unreadable(operationId, status, "the body is empty");
    }
    if (Boolean.FALSE.equals(body.getSuccess())) {
      throw errors.reportedFailure(operationId, status, body);
    }
    if (body.getOrderId() == null || body.getOrderId().isBlank()) {
      throw errors.unreadable(operationId, status, "the body has no orderId");
    }
    return body;
  }

  ClosedPositionsResponse closed(String operationId, int status, ClosedPositionsResponse body) {
    if (body == null) {
      throw errors.unreadable(operationId, status, "the body is empty");
    }
    if (Boolean.FALSE.equals(body.getSuccess())) {
      throw errors.reportedFailure(operationId, status, body);
    }
    if (body.getClosedPositions() == null) {
      throw errors.unreadable(operationId, status, "the body has no closedPositions");
    }
    return body;
  }

  FlattenResponse flattened(String operationId, int status, FlattenResponse body) {
    if (body == null) {
      throw errors.unreadable(operationId, status, "the body is empty");
    }
    if (Boolean.FALSE.equals(body.getSuccess())) {
      throw errors.reportedFailure(operationId, status, body);
    }
    if (!Boolean.TRUE.equals(body.getSuccess()) && body.getOrderIds() == null && body.getClosedPositions() == null) {
      // {} or an unrelated object from a proxy: nothing says the flatten happened, nor that it did not
      throw errors.unreadable(operationId, status, "the body has neither success:true nor orderIds nor closedPositions");
    }
    return body;
  }

  /**
   * A read's answer: a body, not {@code success:false}, and its required part present.
   *
   * @param required what must be non-null (e.g. the list), or null for nothing
   * @param what its name for the message
   */
  <T> T read(String operationId, int status, T body, Function<T, Object> successOf, Function<T, Object> required,
      String what) {
    if (body == null) {
      throw errors.unreadable(operationId, status, "the body is empty");
    }
    if (Boolean.FALSE.equals(successOf.apply(body))) {
      throw errors.reportedFailure(operationId, status, body);
    }
    if (required != null && required.apply(body) == null) {
      throw errors.unreadable(operationId, status, "the body has no " + what);
    }
    return body;
  }
}
