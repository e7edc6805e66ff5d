package org.crosstradediscord.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.crosstradediscord.client.api.AccountsApi;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.api.Operations.Operation;
import org.crosstradediscord.client.api.OrdersApi;
import org.crosstradediscord.client.api.PositionsApi;
import org.crosstradediscord.client.invoker.ApiException;
import org.crosstradediscord.client.invoker.ApiResponse;

/**
 * One request of the front door, described once for every transport: its row of the generated
 * {@link Operations} table (read or write, WebSocket RPC name), the generated {@code *Api} call that sends it
 * over REST, the path and query parameter values and body that the WebSocket RPC merges into {@code args}
 * (reference §5.2), the response model and the check that makes a 2xx answer trustworthy. Whether the send gate
 * runs and whether the request may be re-sent follow from the row ({@link Operation#isRead()}), never from the
 * caller.
 *
 * @param <T> the response model
 */
final class Call<T> {
  /** The generated REST APIs a {@link Rest} call may use. */
  record Apis(OrdersApi orders, PositionsApi positions, AccountsApi accounts) {}

  /** Sends the request over REST with a generated {@code *WithHttpInfo} method. */
  @FunctionalInterface
  interface Rest<T> {
    ApiResponse<T> send(Apis apis) throws ApiException;
  }

  private final Operation operation;
  private final Class<T> responseType;
  private final Rest<T> rest;
  /** Made on the first parameter (most calls have one or two; WebSocket reads them, REST does not). */
  private Map<String, Object> parameters = Map.of();
  private Object body;
  private boolean withoutFilters;
  private ResponseChecks.Check<T> check;

  private Call(Operation operation, Class<T> responseType, Rest<T> rest) {
    this.operation = operation;
    this.responseType = responseType;
    this.rest = rest;
  }

  /**
   * @param operationId a spec operationId
   * @param responseType the generated model of its 200 response
   * @param rest its generated {@code *WithHttpInfo} call
   * @param check what makes a 2xx answer trustworthy
   * @throws IllegalArgumentException openapi.yaml has no such operation
   */
  static <T> Call<T> of(String operationId, Class<T> responseType, Rest<T> rest, ResponseChecks.Check<T> check) {
    Call<T> call = new Call<>(Operations.get(operationId), responseType, rest);
    call.check = Objects.requireNonNull(check, "check");
    return call;
  }

  /**
   * A path or query parameter, sent over WebSocket in {@code args} (the REST call carries it itself).
   *
   * @param value its value; null sends nothing (an optional query parameter left out)
   * @throws IllegalArgumentException the operation has no parameter of that name in openapi.yaml
   */
  Call<T> parameter(String name, Object value) {
    if (!operation.hasParameter(name)) {
      throw new IllegalArgumentException(operation.operationId() + " has no parameter " + name + " in openapi.yaml");
    }
    if (value != null) {
      if (parameters.isEmpty()) {
        parameters = new LinkedHashMap<>(4);
      }
      parameters.put(name, value);
    }
    return this;
  }

  /** The request body, whose fields the WebSocket RPC merges into {@code args}. */
  Call<T> body(Object body) {
    this.body = body;
    return this;
  }

  /**
   * Sends the operation's {@code x-websocket-rpc-without-filters} RPC (e.g. {@code FlattenEverything}) with empty
   * {@code args}; without this an operation that has one refuses empty {@code args} instead of sending it.
   *
   * @throws IllegalStateException the operation has no such RPC in openapi.yaml
   */
  Call<T> withoutFilters() {
    if (operation.websocketRpcWithoutFilters() == null) {
      throw new IllegalStateException(operation.operationId() + " has no x-websocket-rpc-without-filters");
    }
    this.withoutFilters = true;
    return this;
  }

  Operation operation() {
    return operation;
  }

  String operationId() {
    return operation.operationId();
  }

  Class<T> responseType() {
    return responseType;
  }

  ApiResponse<T> sendRest(Apis apis) throws ApiException {
    return rest.send(apis);
  }

  /** @return the path and query parameters given, in order, nulls left out */
  Map<String, Object> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /** @return the body, or null */
  Object body() {
    return body;
  }

  boolean isWithoutFilters() {
    return withoutFilters;
  }

  /** Runs the check of a 2xx (REST) or a reply's data (WebSocket). */
  T checked(ResponseChecks checks, int status, T answer) {
    return check.check(checks, operation.operationId(), status, answer);
  }
}
