package org.crosstradediscord.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HttpClient with ONE deadline for the whole exchange (connect, send, headers and body) and a bound on the
 * body's size. The JDK's own request timeout stops at the headers, so a server that sends headers and then stalls
 * or drips the body held a call far past its timeout; here {@link #send} reads the whole body, at most
 * {@code maxBytes}, before the deadline (the request timeout is set to what is left of it, and a watchdog ends the
 * body at it), then hands the buffered bytes to the caller's body handler ({@link BufferedResponses}). Past the
 * deadline it throws {@link HttpTimeoutException} and the exchange is cancelled; a larger body throws
 * {@link ResponseTooLargeException} ({@link BoundedBodySubscriber} reads it). Used by the generated API through
 * {@link RestTransport}.
 */
final class DeadlineHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final Duration deadline;
  private final long maxBytes;
  /** The call (possibly several attempts) the current thread is making, or null. */
  private static final ThreadLocal<Call> CALL = new ThreadLocal<>();

  /**
   * One call made of one or more attempts that share ONE deadline (the GET retry of {@link RestTransport}).
   */
  static final class Call {
    final long endNanos;
    /** Set when the last attempt received response headers (so a failure after it is not "before any response"). */
    volatile boolean responded;

    Call(long endNanos) {
      this.endNanos = endNanos;
    }
  }

  /**
   * Runs {@code body} with every send on this thread ending no later than the call's end.
   *
   * @param call the call's deadline and what its attempts saw
   * @param body the attempts
   * @return what {@code body} returned
   */
  static <T, E extends Exception> T within(Call call, ThrowingSupplier<T, E> body) throws E {
    Call outer = CALL.get();
    CALL.set(call);
    try {
      return body.get();
    } finally {
      if (outer == null) {
        CALL.remove();
      } else {
        CALL.set(outer);
      }
    }
  }

  /** A supplier that may throw. */
  @FunctionalInterface
  interface ThrowingSupplier<T, E extends Exception> {
    T get() throws E;
  }

  DeadlineHttpClient(HttpClient delegate, Duration deadline, long maxBytes) {
    this.delegate = delegate;
    this.deadline = deadline;
    this.maxBytes = maxBytes;
  }

  /** A response body over the size limit; nothing of it is trusted. */
  static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long limit) {
      super("response body larger than " + limit + " bytes");
    }
  }

  /**
   * Bodies of exchanges in progress. A call adds its body (one lock-free append) and detaches it when the exchange
   * is over; the watchdog drops detached bodies on its next sweep, so nothing is removed on the caller's path.
   */
  private static final Queue<BoundedBodySubscriber> IN_FLIGHT = new ConcurrentLinkedQueue<>();
  /** How often the watchdog looks for bodies past their deadline: the deadline's precision. */
  static final long WATCHDOG_PERIOD_MS = 25;

  static {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crosstrade-deadline");
      t.setDaemon(true);
      return t;
    });
    // One shared sweep instead of a timer per call: scheduling and cancelling a timer on every call woke a thread
    // each time and cost latency on a fast upstream.
    watchdog.scheduleWithFixedDelay(() -> {
      long now = System.nanoTime();
      for (Iterator<BoundedBodySubscriber> it = IN_FLIGHT.iterator(); it.hasNext(); ) {
        BoundedBodySubscriber body = it.next();
        if (body.isDetached()) {
          it.remove();
        } else if (now - body.endNanos() >= 0) {
          body.fail(new HttpTimeoutException("no complete response within the request timeout"));
        }
      }
    }, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * The JDK's synchronous {@code send} (its async API costs about 3x the latency on loopback) with the deadline
   * enforced in two parts: the request timeout — set to what is left of the deadline — covers connect and the
   * response headers, and a shared watchdog (every 25 ms) fails the bounded body subscriber past the deadline, which
   * ends {@code send}.
   */
  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    Call call = CALL.get();
    if (call != null) {
      call.responded = false;
      if (call.endNanos - end < 0) {
        end = call.endNanos;
      }
    }
    HttpRequest timed;
    if (call == null && request.timeout().filter(deadline::equals).isPresent()) {
      timed = request; // one attempt, already timed to the whole deadline by the generated code: no copy per call
    } else {
      long remaining = Math.max(1, end - System.nanoTime());
      timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofNanos(remaining)).build();
    }
    BoundedBodySubscriber body = new BoundedBodySubscriber(maxBytes, end);
    IN_FLIGHT.add(body);
    HttpResponse<byte[]> buffered;
    try {
      buffered = delegate.send(timed, info -> {
        if (call != null) {
          call.responded = true;
        }
        if (info.headers().firstValue("Content-Encoding")
            .filter(e -> !e.isBlank() && !"identity".equalsIgnoreCase(e.strip())).isPresent()) {
          body.fail(new IOException("unrequested Content-Encoding " + info.headers().firstValue("Content-Encoding").get()));
        }
        return body;
      });
    } catch (IOException e) {
      IOException own = body.failure();
      throw own != null ? own : e; // ours (deadline, size, encoding) keep their type; the JDK re-wraps them
    } finally {
      body.detach();
    }
    return BufferedResponses.adapt(buffered, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
    throw new UnsupportedOperationException("the SDK sends synchronously with one deadline");
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h,
      HttpResponse.PushPromiseHandler<T> p) {
    throw new UnsupportedOperationException("the SDK sends synchronously with one deadline");
  }

  @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
  @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
  @Override public Redirect followRedirects() { return delegate.followRedirects(); }
  @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
  @Override public SSLContext sslContext() { return delegate.sslContext(); }
  @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
  @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
  @Override public Version version() { return delegate.version(); }
  @Override public Optional<Executor> executor() { return delegate.executor(); }
}
