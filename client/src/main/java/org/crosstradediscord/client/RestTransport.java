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
final class RestTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(RestTransport.class);

  /** Hands the generated ApiClient our one client (it only ever calls build()). */
  private record FixedBuilder(HttpClient client) implements HttpClient.Builder {
    @Override public HttpClient.Builder cookieHandler(java.net.CookieHandler h) { throw unsupported(); }
    @Override public HttpClient.Builder connectTimeout(Duration d) { throw unsupported(); }
    @Override public HttpClient.Builder sslContext(javax.net.ssl.SSLContext c) { throw unsupported(); }
    @Override public HttpClient.Builder sslParameters(javax.net.ssl.SSLParameters p) { throw unsupported(); }
    @Override public HttpClient.Builder executor(java.util.concurrent.Executor e) { throw unsupported(); }
    @Override public HttpClient.Builder followRedirects(HttpClient.Redirect r) { throw unsupported(); }
    @Override public HttpClient.Builder version(HttpClient.Version v) { throw unsupported(); }
    @Override public HttpClient.Builder priority(int p) { throw unsupported(); }
    @Override public HttpClient.Builder proxy(java.net.ProxySelector p) { throw unsupported(); }
    @Override public HttpClient.Builder authenticator(java.net.Authenticator a) { throw unsupported(); }
    @Override public HttpClient build() { return client; }

    private static UnsupportedOperationException unsupported() {
      return new UnsupportedOperationException("configured once by RestTransport");
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    ApiResponse<T> run() throws ApiException;
  }

  private final OrdersApi orders;
  private final PositionsApi positions;
  private final ErrorMapper errors;
  private final ResponseChecks checks;

  RestTransport(String baseUrl, String token, Duration connectTimeout, Duration requestTimeout, String userAgent,
      long maxResponseBytes, ObjectMapper mapper, ErrorMapper errors) {
    HttpClient.Builder http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout);
    HttpClient deadlined = new DeadlineHttpClient(http.build(), requestTimeout, maxResponseBytes);
    ApiClient api = new ApiClient(new FixedBuilder(deadlined), mapper, baseUrl);
    api.setReadTimeout(requestTimeout);
    String authorization = "Bearer " + token;
    api.setRequestInterceptor(b -> b.header("Authorization", authorization).header("User-Agent", userAgent));
    this.orders = new OrdersApi(api);
    this.positions = new PositionsApi(api);
    this.errors = errors;
    this.checks = new ResponseChecks(errors);
  }

  @Override
  public OrderIdResponse flatPlaceOrder(String account, OrderRequest request) {
    ApiResponse<OrderIdResponse> r = send("flatPlaceOrder", () -> orders.flatPlaceOrderWithHttpInfo(account, request));
    return checks.orderId("flatPlaceOrder", r.getStatusCode(), r.getData());
  }

  @Override
  public OrderIdResponse reversePosition(String account, OrderRequest request) {
    ApiResponse<OrderIdResponse> r = send("reversePosition", () -> positions.reversePositionWithHttpInfo(account, request));
    return checks.orderId("reversePosition", r.getStatusCode(), r.getData());
  }

  @Override
  public ClosedPositionsResponse closePosition(String account, ClosePositionRequest request) {
    ApiResponse<ClosedPositionsResponse> r = send("closePosition", () -> positions.closePositionWithHttpInfo(account, request));
    return checks.closed("closePosition", r.getStatusCode(), r.getData());
  }

  @Override
  public FlattenResponse flatten(FlattenRequest filters) {
    ApiResponse<FlattenResponse> r = send("flatten", () -> positions.flattenWithHttpInfo(filters));
    return checks.flattened("flatten", r.getStatusCode(), r.getData());
  }

  @Override
  public FlattenResponse flattenEverything() {
    return flatten(new FlattenRequest());
  }

  @Override
  public void close() {
    // the JDK HttpClient of Java 17 has nothing to close
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
