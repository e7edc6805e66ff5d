package org.crosstradediscord.client;

import java.io.IOException;
import java.lang.ref.WeakReference;
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
   * What one calling thread is receiving now: made and registered once per thread, then reused, so a call costs the
   * watchdog nothing but two writes of {@link #body} (no shared structure is changed per call).
   */
  private static final class Slot {
    final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());
    /** The body of the exchange in progress on the owner thread, or null. */
    volatile BoundedBodySubscriber body;
  }

  /** Every thread's slot; the watchdog drops those of threads that have ended. */
  private static final Queue<Slot> SLOTS = new ConcurrentLinkedQueue<>();
  private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(() -> {
    Slot slot = new Slot();
    SLOTS.add(slot);
    return slot;
  });
  /** How often the watchdog looks for bodies past their deadline: the deadline's precision. */
  static final long WATCHDOG_PERIOD_MS = 25;
  /**
   * A request whose own timeout exceeds what is left of the deadline by at most this (the time the generated code
   * took to build it) is sent as it is, not copied with the exact rest: far below the watchdog's precision.
   */
  private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

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
      for (Iterator<Slot> it = SLOTS.iterator(); it.hasNext(); ) {
        Slot slot = it.next();
        BoundedBodySubscriber body = slot.body;
        if (body != null && now - body.endNanos() >= 0) {
          body.fail(new HttpTimeoutException("no complete response within the request timeout"));
        }
        Thread owner = slot.owner.get();
        if (owner == null || !owner.isAlive()) {
          it.remove();
        }
      }
    }, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * The JDK's synchronous {@code send} (its async API costs about 3x the latency on loopback) with the deadline
   * enforced in two parts: the request timeout — what is left of the deadline (the request is copied with it unless
   * its own timeout is within 1 ms of that, as the generated code's first attempt is) — covers connect and the
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
    long remaining = Math.max(1, end - System.nanoTime());
    Duration own = request.timeout().orElse(null);
    HttpRequest timed;
    if (own != null && own.toNanos() - remaining <= SLACK_NANOS) {
      timed = request; // timed to (about) what is left by the generated code already: no copy per call
    } else {
      timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofNanos(remaining)).build();
    }
    BoundedBodySubscriber body = new BoundedBodySubscriber(maxBytes, end);
    Slot slot = SLOT.get();
    slot.body = body;
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
      IOException ours = body.failure();
      throw ours != null ? ours : e; // ours (deadline, size, encoding) keep their type; the JDK re-wraps them
    } finally {
      slot.body = null;
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
