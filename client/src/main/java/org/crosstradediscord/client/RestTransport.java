package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import org.crosstradediscord.client.api.OrdersApi;
import org.crosstradediscord.client.api.PositionsApi;
import org.crosstradediscord.client.invoker.ApiClient;
import org.crosstradediscord.client.invoker.ApiException;
import org.crosstradediscord.client.invoker.ApiResponse;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST transport: the generated {@code OrdersApi}/{@code PositionsApi} on the JDK's HttpClient, with the
 * bearer token and User-Agent added by a request interceptor. The JDK client never retries a POST on its own
 * and this class never does either.
 */
final class RestTransport {
  private static final Logger log = LoggerFactory.getLogger(RestTransport.class);

  @FunctionalInterface
  private interface Call<T> {
    ApiResponse<T> run() throws ApiException;
  }

  private final OrdersApi orders;
  private final PositionsApi positions;
  private final ErrorMapper errors;

  RestTransport(String baseUrl, String token, Duration connectTimeout, Duration requestTimeout, String userAgent) {
    ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
    HttpClient.Builder http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout);
    ApiClient api = new ApiClient(http, mapper, baseUrl);
    api.setReadTimeout(requestTimeout);
    String authorization = "Bearer " + token;
    api.setRequestInterceptor(b -> b.header("Authorization", authorization).header("User-Agent", userAgent));
    this.orders = new OrdersApi(api);
    this.positions = new PositionsApi(api);
    this.errors = new ErrorMapper(mapper, token);
  }

  ErrorMapper errors() {
    return errors;
  }

  OrderIdResponse flatPlaceOrder(String account, OrderRequest request) {
    return orderId("flatPlaceOrder", send("flatPlaceOrder", () -> orders.flatPlaceOrderWithHttpInfo(account, request)));
  }

  OrderIdResponse reversePosition(String account, OrderRequest request) {
    return orderId("reversePosition", send("reversePosition", () -> positions.reversePositionWithHttpInfo(account, request)));
  }

  ClosedPositionsResponse closePosition(String account, ClosePositionRequest request) {
    ApiResponse<ClosedPositionsResponse> r =
        send("closePosition", () -> positions.closePositionWithHttpInfo(account, request));
    ClosedPositionsResponse body = body("closePosition", r);
    if (Boolean.FALSE.equals(body.getSuccess())) {
      throw errors.reportedFailure("closePosition", r.getStatusCode());
    }
    if (body.getClosedPositions() == null) {
      throw errors.unreadable("closePosition", r.getStatusCode(), "the body has no closedPositions");
    }
    return body;
  }

  FlattenResponse flatten(FlattenRequest request) {
    ApiResponse<FlattenResponse> r = send("flatten", () -> positions.flattenWithHttpInfo(request));
    FlattenResponse body = body("flatten", r);
    if (Boolean.FALSE.equals(body.getSuccess())) {
      throw errors.reportedFailure("flatten", r.getStatusCode());
    }
    return body;
  }

  private OrderIdResponse orderId(String operationId, ApiResponse<OrderIdResponse> r) {
    OrderIdResponse body = body(operationId, r);
    if (Boolean.FALSE.equals(body.getSuccess())) {
      throw errors.reportedFailure(operationId, r.getStatusCode());
    }
    if (body.getOrderId() == null || body.getOrderId().isBlank()) {
      throw errors.unreadable(operationId, r.getStatusCode(), "the body has no orderId");
    }
    return body;
  }

  private <T> T body(String operationId, ApiResponse<T> r) {
    if (r.getData() == null) {
      throw errors.unreadable(operationId, r.getStatusCode(), "the body is empty");
    }
    return r.getData();
  }

  private <T> ApiResponse<T> send(String operationId, Call<T> call) {
    long start = System.nanoTime();
    try {
      ApiResponse<T> response = call.run();
      log.debug("{} -> HTTP {} in {} ms", operationId, response.getStatusCode(), elapsedMs(start));
      return response;
    } catch (ApiException e) {
      CrossTradeException mapped = errors.fromApiException(operationId, e);
      log.debug("{} -> {} in {} ms: {}", operationId, mapped.getClass().getSimpleName(), elapsedMs(start),
          mapped.getMessage());
      throw mapped;
    }
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
