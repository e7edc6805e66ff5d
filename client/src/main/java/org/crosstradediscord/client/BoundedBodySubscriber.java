package org.crosstradediscord.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a response body up to a size limit; cancels the exchange past it (failing with
 * {@link DeadlineHttpClient.ResponseTooLargeException}), or when {@link #fail} is called (deadline, encoding). Used
 * by {@link DeadlineHttpClient}.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final long max;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  BoundedBodySubscriber(long max) {
    this.max = max;
  }

  private final AtomicReference<IOException> failure = new AtomicReference<>();

  void fail(IOException e) {
    // recorded BEFORE the body completes: the caller reads it as soon as send() throws
    if (!result.isDone() && failure.compareAndSet(null, e)) {
      result.completeExceptionally(e);
    }
    cancel();
  }

  /** @return what this subscriber failed the body with first (deadline, size, encoding), or null */
  IOException failure() {
    return failure.get();
  }

  void cancel() {
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
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    synchronized (out) {
      for (ByteBuffer b : items) {
        if (out.size() + (long) b.remaining() > max) {
          fail(new DeadlineHttpClient.ResponseTooLargeException(max));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    synchronized (out) {
      result.complete(out.toByteArray());
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
