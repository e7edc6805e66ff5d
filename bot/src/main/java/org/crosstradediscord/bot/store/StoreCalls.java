package org.crosstradediscord.bot.store;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs store operations off the caller's thread with a wait limit, so a hung database cannot hold JDA's gateway
 * thread past Discord's 3 s: 2 threads, 16 waiting at most (beyond it a call fails at once).
 */
public final class StoreCalls {
  private final ThreadPoolExecutor threads;
  private final Duration wait;

  /**
   * @param name the threads' name
   * @param wait the longest a call waits for its answer
   */
  public StoreCalls(String name, Duration wait) {
    this(name, wait, 2);
  }

  /**
   * @param name the threads' name
   * @param wait the longest a call waits for its answer
   * @param threadCount how many calls run at once (1: in the order they were made)
   */
  public StoreCalls(String name, Duration wait, int threadCount) {
    this.wait = wait;
    this.threads = new ThreadPoolExecutor(threadCount, threadCount, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    threads.allowCoreThreadTimeOut(true);
  }

  /**
   * @param <T> the answer's type
   * @param call the store operation
   * @return its answer
   * @throws StoreException the operation failed (its own exception), or gave no answer within the wait (the
   *     operation may still complete later), or too many are waiting; the message is one line
   */
  public <T> T call(Callable<T> call) {
    Future<T> f = null;
    try {
      f = threads.submit(call);
      return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw new StoreException("store call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new StoreException("the store gave no answer within " + wait.toMillis() + " ms", e);
    } catch (RejectedExecutionException e) {
      throw new StoreException("too many store calls waiting", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (f != null) {
        f.cancel(true);
      }
      throw new StoreException("interrupted while waiting for the store", e);
    }
  }

  /** @return the wait limit */
  public Duration waitLimit() {
    return wait;
  }
}
