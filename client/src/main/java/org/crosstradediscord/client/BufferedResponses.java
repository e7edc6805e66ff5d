package org.crosstradediscord.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * Hands a response whose body {@link DeadlineHttpClient} has already read whole (within the deadline and the size
 * limit) to the caller's body handler, as if the body had just arrived. The generated API asks for
 * {@link HttpResponse.BodyHandlers#ofInputStream()}: that handler (the JDK returns one shared instance) gets a
 * {@link ByteArrayInputStream} over the buffered bytes directly, without the JDK's queue-backed stream in between;
 * any other handler is fed the bytes through its subscriber.
 */
final class BufferedResponses {
  private static final HttpResponse.BodyHandler<InputStream> STREAM = HttpResponse.BodyHandlers.ofInputStream();

  private BufferedResponses() {}

  /**
   * @param r a response whose whole body is already buffered
   * @param handler the caller's body handler
   * @return the response with the body as {@code handler} turned the buffered bytes into
   * @throws IOException the handler failed, or did not finish within a second
   */
  @SuppressWarnings("unchecked") // handler == STREAM: T is InputStream
  static <T> HttpResponse<T> adapt(HttpResponse<byte[]> r, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    if (handler == STREAM) {
      return (HttpResponse<T>) new Handed<InputStream>(r, new ByteArrayInputStream(r.body()));
    }
    HttpResponse.BodySubscriber<T> sub = handler.apply(new HttpResponse.ResponseInfo() {
      @Override public int statusCode() { return r.statusCode(); }
      @Override public HttpHeaders headers() { return r.headers(); }
      @Override public Version version() { return r.version(); }
    });
    byte[] bytes = r.body();
    sub.onSubscribe(new Flow.Subscription() {
      private boolean done;

      @Override
      public synchronized void request(long n) {
        if (!done && n > 0) {
          done = true;
          if (bytes.length > 0) {
            sub.onNext(List.of(ByteBuffer.wrap(bytes)));
          }
          sub.onComplete();
        }
      }

      @Override
      public synchronized void cancel() {
        done = true;
      }
    });
    T value;
    try {
      value = sub.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("response body could not be handed over", e);
    }
    return new Handed<>(r, value);
  }

  /** The buffered response with the body the handler made of it. */
  private static final class Handed<T> implements HttpResponse<T> {
    private final HttpResponse<byte[]> r;
    private final T value;

    Handed(HttpResponse<byte[]> r, T value) {
      this.r = r;
      this.value = value;
    }

    @Override public int statusCode() { return r.statusCode(); }
    @Override public HttpRequest request() { return r.request(); }
    @Override public Optional<HttpResponse<T>> previousResponse() { return Optional.empty(); }
    @Override public HttpHeaders headers() { return r.headers(); }
    @Override public T body() { return value; }
    @Override public Optional<SSLSession> sslSession() { return r.sslSession(); }
    @Override public URI uri() { return r.uri(); }
    @Override public Version version() { return r.version(); }
  }
}
