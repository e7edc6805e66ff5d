package org.crosstradediscord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import org.crosstradediscord.client.api.AccountsApi;
import org.crosstradediscord.client.api.OrdersApi;
import org.crosstradediscord.client.api.PositionsApi;
import org.crosstradediscord.client.invoker.ApiClient;
import org.crosstradediscord.client.invoker.ApiException;
import org.crosstradediscord.client.invoker.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST transport: the generated {@code OrdersApi}/{@code PositionsApi}/{@code AccountsApi} on the JDK's
 * HttpClient, with the bearer token and User-Agent added by a request interceptor; each {@link Call} brings its
 * generated {@code *WithHttpInfo} call, and its row of the operations table says whether it is a read. The JDK
 * client never retries a POST on its own and this class never does either. A GET (a read: idempotent) whose
 * connection failed before any response is sent at most twice, within the same one deadline as the first attempt:
 * the JDK client already re-sends a GET once when the connection closes before any byte of response (it then reports
 * an EOF); this class re-sends once in the other before-any-response failures (e.g. a reset while sending), never
 * after response headers arrived, never on a timeout or an oversized body.
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
  private interface Send<T> {
    ApiResponse<T> run() throws ApiException;
  }

  private final Call.Apis apis;
  private final Duration requestTimeout;
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
    this.apis = new Call.Apis(new OrdersApi(api), new PositionsApi(api), new AccountsApi(api));
    this.requestTimeout = requestTimeout;
    this.errors = errors;
    this.checks = new ResponseChecks(errors);
  }

  /**
   * A read (GET in the operations table) goes through {@link #read} and may be re-sent once; anything else through
   * {@link #write}: the gate, then one send.
   */
  @Override
  public <T> T send(Call<T> call, SendGate gate) {
    String operationId = call.operationId();
    Send<T> send = () -> call.sendRest(apis);
    ApiResponse<T> r = call.operation().isRead() ? read(operationId, send) : write(operationId, gate, send);
    return call.checked(checks, r.getStatusCode(), r.getData());
  }

  /**
   * A GET: idempotent, so re-sent once when the connection failed before any response; both attempts share one
   * deadline (the request timeout from the first send).
   */
  private <T> ApiResponse<T> read(String operationId, Send<T> call) {
    DeadlineHttpClient.Call attempts = new DeadlineHttpClient.Call(System.nanoTime() + requestTimeout.toNanos());
    return DeadlineHttpClient.within(attempts, () -> {
      try {
        return call.run();
      } catch (ApiException first) {
        if (attempts.responded || !connectionFailedBeforeResponse(first) || attempts.endNanos - System.nanoTime() <= 0) {
          throw mapped(operationId, first, System.nanoTime());
        }
        log.debug("{} -> connection failed before any response ({}); re-sending the read once", operationId,
            first.getCause().getClass().getSimpleName());
        return send(operationId, call);
      }
    });
  }

  /**
   * No HTTP status, and an I/O failure that is neither a timeout nor an oversized or unreadable body, nor an
   * JDK's own "no bytes received": when a connection closes before any byte of the response, the JDK HttpClient
   * itself re-sends an idempotent request (GET) once and then reports it; re-sending again would make it four.
   * A connect failure was never sent (the JDK retries a refused connect once too), so it is not re-sent here either.
   */
  private static boolean connectionFailedBeforeResponse(ApiException e) {
    Throwable cause = e.getCause();
    return e.getCode() == 0 && cause instanceof IOException && !(cause instanceof HttpTimeoutException)
        && !jdkAlreadyResent(cause) && !(cause instanceof java.net.ConnectException)
        && !(cause instanceof DeadlineHttpClient.ResponseTooLargeException)
        && !(cause instanceof com.fasterxml.jackson.core.JsonProcessingException);
  }

  /**
   * The JDK (17) turns "the connection closed before any byte of the response" into an internal
   * {@code ConnectionExpiredException}, re-sends a GET once, and then reports the original cause: an
   * {@code IOException} "HTTP/1.1 header parser received no bytes" or an {@link java.io.EOFException}.
   */
  private static boolean jdkAlreadyResent(Throwable cause) {
    return cause instanceof java.io.EOFException
        || String.valueOf(cause.getMessage()).contains("received no bytes");
  }

  @Override
  public void close() {
    // the JDK HttpClient of Java 17 has nothing to close
  }

  /**
   * A POST: the gate is passed right before the generated code builds the request and hands it to the HttpClient
   * (nothing waits in between but the JDK opening a connection); sent once, never re-sent.
   *
   * @throws NotSentException the gate refused or failed: no request was built or sent
   */
  private <T> ApiResponse<T> write(String operationId, SendGate gate, Send<T> call) {
    SendGates.pass(gate, operationId);
    return send(operationId, call);
  }

  private <T> ApiResponse<T> send(String operationId, Send<T> call) {
    long start = System.nanoTime();
    try {
      ApiResponse<T> response = call.run();
      if (log.isDebugEnabled()) { // no boxing nor varargs array per call when debug is off
        log.debug("{} -> HTTP {} in {} ms", operationId, response.getStatusCode(), elapsedMs(start));
      }
      return response;
    } catch (ApiException e) {
      throw mapped(operationId, e, start);
    }
  }

  private CrossTradeException mapped(String operationId, ApiException e, long start) {
    CrossTradeException mapped = errors.fromApiException(operationId, e);
    log.debug("{} -> {} in {} ms: {}", operationId, mapped.getClass().getSimpleName(), elapsedMs(start),
        mapped.getMessage());
    return mapped;
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
