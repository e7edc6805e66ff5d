package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends audit events to the {@link Store} on one thread of its own, in the order they were recorded, so a slow
 * or failed database never blocks a command, a click or a trade: {@link #append} only queues (at most
 * {@value #QUEUE} events), and a write that fails is logged on the {@code audit} logger (the event's JSON line is
 * still on stdout) and dropped.
 */
public final class AuditTrail implements AutoCloseable {
  private static final Logger AUDIT = LoggerFactory.getLogger("audit");
  /** Events waiting to be written, at most. */
  static final int QUEUE = 10_000;

  private final Store store;
  private final ThreadPoolExecutor writer;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /** @param store where the events go */
  public AuditTrail(Store store) {
    this.store = store;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "audit-store");
      t.setDaemon(true);
      return t;
    });
  }

  /** @return the store written to */
  public Store store() {
    return store;
  }

  /**
   * Queues one event; never blocks, never throws.
   *
   * @param event the event and when it happened
   */
  public void append(StoredEvent event) {
    try {
      writer.execute(() -> {
        try {
          store.append(event);
        } catch (RuntimeException e) {
          AUDIT.warn("audit event not stored ({} /{}): {}", event.event().kind(), event.event().command(),
              SafeText.oneLine(String.valueOf(e.getMessage())));
        }
      });
    } catch (RejectedExecutionException e) {
      AUDIT.warn("audit event not stored ({} /{}): the store writer is {}", event.event().kind(), event.event().command(),
          writer.isShutdown() ? "stopped" : "behind by " + QUEUE + " events");
    }
  }

  /**
   * Waits until every event queued before this call is written (or failed).
   *
   * @param max longest wait
   * @return true when done within {@code max}
   */
  public boolean flush(Duration max) {
    try {
      Future<?> marker = writer.submit(() -> { });
      marker.get(max.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes what is queued (at most 5 s), then stops the writer and closes the store. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (!flush(Duration.ofSeconds(5))) {
      AUDIT.warn("some audit events were not stored before shutdown ({} waiting)", writer.getQueue().size());
    }
    writer.shutdownNow();
    store.close();
  }
}
