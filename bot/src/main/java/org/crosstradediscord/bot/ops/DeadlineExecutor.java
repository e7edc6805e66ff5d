package org.crosstradediscord.bot.ops;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ops HTTP server's workers: a fixed number of daemon threads, a bounded queue, and a deadline per task. A task
 * still running at its deadline has its thread interrupted; the JDK server reads and writes a connection on the
 * worker thread through an interruptible {@code SocketChannel}, so the interrupt closes that connection and frees
 * the worker (a client that sends half a request line, or stalls its body, holds a worker for at most the deadline).
 * A task offered while every thread is busy and the queue is full is refused with
 * {@link RejectedExecutionException}, which makes the JDK server close that connection at once.
 *
 * <p>Chosen over the JDK's {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime} system properties, which are
 * JVM-wide and read once, when the first {@code HttpServer} of the process is created.
 */
public final class DeadlineExecutor implements Executor, AutoCloseable {
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor alarms;
  private final long deadlineMs;
  private final AtomicInteger expired = new AtomicInteger();

  /**
   * @param name the threads' name
   * @param threads how many tasks run at once (at least 1)
   * @param queue how many tasks may wait (at least 1)
   * @param deadline the longest a task may run, counted from when it starts (positive)
   */
  public DeadlineExecutor(String name, int threads, int queue, Duration deadline) {
    this.deadlineMs = deadline.toMillis();
    this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue), r -> daemon(r, name), new ThreadPoolExecutor.AbortPolicy());
    this.alarms = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-deadline"));
    this.alarms.setRemoveOnCancelPolicy(true);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * @param task runs on a worker, interrupted at the deadline
   * @throws RejectedExecutionException every worker is busy and the queue is full, or the executor is closed
   */
  @Override
  public void execute(Runnable task) {
    workers.execute(new Guarded(task));
  }

  /** @return how many tasks were interrupted at their deadline so far */
  int expired() {
    return expired.get();
  }

  @Override
  public void close() {
    workers.shutdownNow();
    alarms.shutdownNow();
  }

  /** One task and the alarm that interrupts it; the alarm never reaches the thread's next task. */
  private final class Guarded implements Runnable {
    private final Runnable task;
    private Thread runner; // guarded by this
    private boolean done; // guarded by this

    Guarded(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      synchronized (this) {
        runner = Thread.currentThread();
      }
      ScheduledFuture<?> alarm = alarms.schedule(this::expire, deadlineMs, TimeUnit.MILLISECONDS);
      try {
        task.run();
      } finally {
        alarm.cancel(false);
        synchronized (this) {
          done = true;
        }
        Thread.interrupted(); // an alarm that fired as the task ended was for this task only
      }
    }

    private synchronized void expire() {
      if (!done) {
        expired.incrementAndGet();
        runner.interrupt();
      }
    }
  }
}
