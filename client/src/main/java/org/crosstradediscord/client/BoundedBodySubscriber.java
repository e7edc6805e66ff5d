package org.crosstradediscord.client;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a response body up to a size limit; cancels the exchange past it (failing with
 * {@link DeadlineHttpClient.ResponseTooLargeException}), or when {@link #fail} is called (deadline, encoding). Used
 * by {@link DeadlineHttpClient}, whose watchdog fails it once {@link #endNanos()} has passed while the exchange is
 * still in progress. The buffers the JDK hands over are kept (the JDK does not reuse them; its own
 * {@code BodySubscribers.ofByteArray()} keeps them too) and copied once, into the exact-size array of the body.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final long max;
  private final long endNanos;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final List<ByteBuffer> received = new ArrayList<>(2);
  private long size;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  /**
   * @param max the largest body accepted, in bytes
   * @param endNanos the deadline ({@link System#nanoTime()}) the watchdog holds the body to
   */
  BoundedBodySubscriber(long max, long endNanos) {
    this.max = max;
    this.endNanos = endNanos;
  }

  /** @return the deadline of the body ({@link System#nanoTime()}) */
  long endNanos() {
    return endNanos;
  }

  /**
   * Fails the body (unless it is already complete) and cancels the exchange.
   *
   * @param e why: deadline, size or encoding
   */
  void fail(IOException e) {
    if (result.isDone()) {
      return; // answered, or failed already: nothing left to stop
    }
    // recorded BEFORE the body completes: the caller reads it as soon as send() throws
    if (failure.compareAndSet(null, e)) {
      result.completeExceptionally(e);
    }
    cancel();
  }

  /** @return what this subscriber failed the body with first (deadline, size, encoding), or null */
  IOException failure() {
    return failure.get();
  }

  private void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled || result.isDone()) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE); // as the JDK's byte-array subscriber: the size limit below is the bound
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    synchronized (received) {
      if (result.isDone()) {
        return; // failed (size, deadline, encoding) and cancelled: the rest is not wanted
      }
      for (ByteBuffer b : items) {
        if (size + b.remaining() > max) {
          received.clear();
          fail(new DeadlineHttpClient.ResponseTooLargeException(max));
          return;
        }
        size += b.remaining();
        received.add(b);
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    byte[] body;
    synchronized (received) {
      body = new byte[(int) size]; // size <= max <= 64 MiB (ClientSettings)
      int at = 0;
      for (ByteBuffer b : received) {
        int n = b.remaining();
        b.get(body, at, n);
        at += n;
      }
      received.clear();
    }
    result.complete(body);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
