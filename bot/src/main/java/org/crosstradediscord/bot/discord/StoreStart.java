package org.crosstradediscord.bot.discord;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.crosstradediscord.bot.ops.StartSplit;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.Store;

/**
 * The store opening on a thread of its own ({@code store-open}) while start-up goes on with the SDK and the Discord
 * login; {@link #join} before anything uses it. Failures keep the order they had when the store opened first: a store
 * that cannot open is the failure reported, whatever else failed meanwhile ({@link #first}).
 */
final class StoreStart {
  private final CompletableFuture<Store> opened = new CompletableFuture<>();

  private StoreStart() {}

  /**
   * @param open opens the store (e.g. {@link JdbcStore#openForBot}); its {@code RuntimeException} is kept as it is
   * @param split where the time it took goes ({@code store})
   * @return the opening, started
   */
  static StoreStart begin(Supplier<Store> open, StartSplit split) {
    StoreStart start = new StoreStart();
    Thread t = new Thread(() -> {
      long t0 = StartSplit.now();
      try {
        Store store = open.get();
        split.took("store", t0, store instanceof JdbcStore j ? j.schemaTime() : "");
        start.opened.complete(store);
      } catch (Throwable e) {
        start.opened.completeExceptionally(e);
      }
    }, "store-open");
    t.setDaemon(true);
    t.start();
    return start;
  }

  /**
   * Waits for the store.
   *
   * @return the open store
   * @throws RuntimeException the store's own failure (a {@code StoreException} for a store that cannot open)
   */
  Store join() {
    try {
      return opened.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Something else stopped start-up: waits for the store (as it would have been opened first), closes it when it
   * opened, and says which failure to report.
   *
   * @param other the other failure
   * @return the store's failure when it could not open, else {@code other}
   */
  RuntimeException first(RuntimeException other) {
    try {
      join().close();
      return other;
    } catch (RuntimeException storeFailure) {
      return storeFailure;
    }
  }
}
