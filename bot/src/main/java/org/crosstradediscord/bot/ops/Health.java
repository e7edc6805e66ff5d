package org.crosstradediscord.bot.ops;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import org.crosstradediscord.bot.text.SafeText;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /healthz} answers: healthy when the bot is not stopping, its commands are registered, the
 * Discord gateway is {@link JDA.Status#CONNECTED} and the store answers a cheap read (the halt state) within
 * {@link #STORE_WAIT}. The store read runs on a thread of its own, one at a time: a hung database makes the check
 * answer "no answer" after 1 s and never piles up threads. A reason never names a host or a database: a failed read
 * answers {@value #UNREADABLE} and logs the cause.
 */
public final class Health {
  private static final Logger log = LoggerFactory.getLogger(Health.class);
  /** The longest a check waits for the store. */
  public static final Duration STORE_WAIT = Duration.ofSeconds(1);
  /** The reason when the store's read fails; the failure itself (which names the database) goes to the log. */
  static final String UNREADABLE = "store: halt state unreadable";

  /**
   * @param healthy true for 200
   * @param reason {@code ok}, or one line saying what is wrong, e.g. {@code gateway not connected (RECONNECT_QUEUED)};
   *     never a host or database name
   */
  public record Status(boolean healthy, String reason) {}

  private final ExecutorService storeReads = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ops-store-probe");
    t.setDaemon(true);
    return t;
  });
  private final java.util.function.Consumer<Boolean> haltSeen;
  private volatile Supplier<JDA.Status> gateway;
  private volatile Store store;
  private volatile BooleanSupplier stopping = () -> false;
  private volatile boolean closing;
  private Future<HaltState> inFlight;
  private String lastLogged; // guarded by this

  /** @param haltSeen told the halt state each successful store read found (the halted gauge) */
  Health(java.util.function.Consumer<Boolean> haltSeen) {
    this.haltSeen = haltSeen;
  }

  /**
   * Marks the bot started: its commands are registered.
   *
   * @param gateway the gateway's state ({@code jda::getStatus})
   * @param store the durable store
   * @param stopping true once the bot began to stop
   */
  void ready(Supplier<JDA.Status> gateway, Store store, BooleanSupplier stopping) {
    this.store = store;
    this.stopping = stopping;
    this.gateway = gateway;
  }

  /** From now on the check answers "stopping". */
  void closing() {
    closing = true;
  }

  /** @return the current state; takes at most about {@link #STORE_WAIT} */
  public Status check() {
    if (closing || stopping.getAsBoolean()) {
      return new Status(false, "stopping");
    }
    Supplier<JDA.Status> g = gateway;
    if (g == null) {
      return new Status(false, "starting: commands not registered yet");
    }
    JDA.Status status = g.get();
    if (status != JDA.Status.CONNECTED) {
      return new Status(false, "Discord gateway not connected (" + status + ")");
    }
    return storeProblem().map(p -> new Status(false, p)).orElse(new Status(true, "ok"));
  }

  private synchronized Optional<String> storeProblem() {
    if (inFlight == null || inFlight.isDone()) {
      Store s = store;
      inFlight = storeReads.submit(s::halt);
    }
    try {
      HaltState state = inFlight.get(STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      haltSeen.accept(state.halted());
      lastLogged = null;
      return Optional.empty();
    } catch (TimeoutException e) {
      return Optional.of("store: no answer within " + STORE_WAIT.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable why = e.getCause() == null ? e : e.getCause();
      String detail = SafeText.oneLine(why.getClass().getSimpleName()
          + (why.getMessage() == null ? "" : ": " + why.getMessage()));
      if (!detail.equals(lastLogged)) { // once per distinct failure, not at every probe
        lastLogged = detail;
        log.warn("health check: the halt state cannot be read: {}", detail);
      }
      return Optional.of(UNREADABLE); // the detail names the database's host and name: the log only
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /** Stops the probe thread. */
  void close() {
    closing = true;
    storeReads.shutdownNow();
  }
}
