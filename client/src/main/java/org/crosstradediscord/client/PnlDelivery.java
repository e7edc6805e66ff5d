package org.crosstradediscord.client;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.crosstradediscord.client.model.PnlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PnlStream}'s hand-off to its listener: one thread of its own, one frame at a time; when the listener is
 * slower than the stream, only the newest waiting frame is kept. A listener that throws is logged and keeps
 * receiving.
 */
final class PnlDelivery {
  private static final Logger log = LoggerFactory.getLogger(PnlStream.class);

  private final Consumer<PnlUpdate> listener;
  private final ThreadPoolExecutor delivery;
  private final AtomicReference<PnlUpdate> waiting = new AtomicReference<>();

  PnlDelivery(Consumer<PnlUpdate> listener, ThreadFactory threads) {
    this.listener = listener;
    this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
  }

  /** Hands {@code update} to the listener, replacing a frame still waiting for it. */
  void deliver(PnlUpdate update) {
    if (waiting.getAndSet(update) == null) {
      try {
        delivery.execute(() -> {
          PnlUpdate next = waiting.getAndSet(null);
          if (next == null) {
            return;
          }
          try {
            listener.accept(next);
          } catch (RuntimeException | Error e) { // a listener failure never stops the stream
            log.warn("P&L listener failed: {}", e.toString());
          }
        });
      } catch (RejectedExecutionException e) {
        waiting.set(null); // closed
      }
    }
  }

  /** Stops the listener thread; later frames are dropped. */
  void shutdownNow() {
    delivery.shutdownNow();
  }
}
