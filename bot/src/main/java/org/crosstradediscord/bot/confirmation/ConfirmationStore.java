package org.crosstradediscord.bot.confirmation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executor;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.commands.TradeAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending actions keyed by an unguessable id (128 random bits, 22 URL-safe characters), expiring after the
 * confirmation timeout (Caffeine). A pending action can be claimed <b>at most once</b>, and only by its
 * invoker: the claim is an atomic remove, so two simultaneous Confirm clicks execute one action.
 *
 * <p>Ids that were used, cancelled or expired are remembered for 15 minutes (Discord's interaction token
 * lifetime) so a late click gets an accurate message; an id never seen (e.g. after a restart) is unknown.
 */
public final class ConfirmationStore {
  private static final Logger log = LoggerFactory.getLogger(ConfirmationStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Result of {@link #claim}. */
  public sealed interface Claim {
    /** @param pending the action, now removed from the store: execute it once */
    record Claimed(PendingAction pending) implements Claim {}

    /**
     * The clicking member is not the invoker; the action stays pending.
     *
     * @param command the pending action's command, for the audit line
     */
    record NotInvoker(String command) implements Claim {}

    /** @param state why the id cannot be claimed */
    record Gone(State state) implements Claim {}
  }

  /** Why an id is not pending. */
  public enum State {
    /** Never seen by this process (e.g. the bot restarted since). */
    UNKNOWN,
    /** The confirmation timeout passed. */
    EXPIRED,
    /** Already confirmed (executed or executing). */
    CONFIRMED,
    /** Cancelled by its invoker. */
    CANCELLED,
    /** Refused at the click: the invoker's roles or accounts no longer allowed it. */
    DENIED
  }

  private final Cache<String, PendingAction> pending;
  private final Cache<String, State> finished;
  private final Duration timeout;

  /**
   * @param timeout how long a pending action can be confirmed
   * @param ticker time source (Caffeine's {@code Ticker.systemTicker()} in production)
   * @param executor runs expiry callbacks
   * @param scheduler wakes expiry promptly ({@code Scheduler.systemScheduler()}), or {@code Scheduler.disabledScheduler()}
   */
  public ConfirmationStore(Duration timeout, Ticker ticker, Executor executor, Scheduler scheduler) {
    this.timeout = timeout;
    this.finished = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(Duration.ofMinutes(15))
        .maximumSize(100_000).build();
    this.pending = Caffeine.newBuilder().ticker(ticker).executor(executor).scheduler(scheduler)
        .expireAfterWrite(timeout).maximumSize(10_000)
        .<String, PendingAction>removalListener((id, p, cause) -> {
          // EXPIRED: the timeout passed; SIZE: evicted at capacity. Either way the member's card says "expired".
          if ((cause == RemovalCause.EXPIRED || cause == RemovalCause.SIZE) && id != null && p != null) {
            finished.put(id, State.EXPIRED);
            try {
              p.onExpiry().run();
            } catch (RuntimeException e) {
              log.warn("expiry callback of {} failed: {}", p.action().command(), e.toString());
            }
          }
        })
        .build();
  }

  /**
   * @param timeout how long a pending action can be confirmed
   * @return a store on the system clock with prompt expiry
   */
  public static ConfirmationStore create(Duration timeout) {
    return new ConfirmationStore(timeout, Ticker.systemTicker(), Runnable::run, Scheduler.systemScheduler());
  }

  /**
   * @param invoker the member who ran the command
   * @param action the validated action
   * @param onExpiry run once if the action expires unconfirmed
   * @return the stored pending action with its new id
   */
  public PendingAction put(Invoker invoker, TradeAction action, Runnable onExpiry) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PendingAction p = new PendingAction(id, invoker, action, Instant.now(), onExpiry);
    pending.put(id, p);
    return p;
  }

  /**
   * Claims a pending action for execution: succeeds once, for its invoker only.
   *
   * @param id the id from the button's custom_id
   * @param userId the clicking member's user id
   * @return claimed, not the invoker, or gone (with why)
   */
  public Claim claim(String id, long userId) {
    return take(id, userId, State.CONFIRMED);
  }

  /**
   * Cancels a pending action: succeeds once, for its invoker only.
   *
   * @param id the id from the button's custom_id
   * @param userId the clicking member's user id
   * @return claimed (now cancelled), not the invoker, or gone
   */
  public Claim cancel(String id, long userId) {
    return take(id, userId, State.CANCELLED);
  }

  /**
   * Drops a pending action without executing it (e.g. the invoker lost the permission), marking it cancelled.
   *
   * @param id the id
   */
  public void discard(String id) {
    if (pending.asMap().remove(id) != null) {
      finished.put(id, State.CANCELLED);
    }
  }

  /**
   * Looks at a pending action without claiming it, so the role and account policy can be re-checked before
   * anything is marked confirmed.
   *
   * @param id the id from the button's custom_id
   * @return the pending action, or null when it is not pending
   */
  public PendingAction peek(String id) {
    return id == null ? null : pending.getIfPresent(id);
  }

  /**
   * Drops a pending action its invoker may no longer run, so a later click reads "refused", not "confirmed".
   *
   * @param id the id
   * @return true when it was pending
   */
  public boolean deny(String id) {
    if (pending.asMap().remove(id) != null) {
      finished.put(id, State.DENIED);
      return true;
    }
    return false;
  }

  /** Runs pending expiry work now (tests and shutdown). */
  public void cleanUp() {
    pending.cleanUp();
  }

  /** @return the confirmation timeout */
  public Duration timeout() {
    return timeout;
  }

  /** @return how many actions are pending */
  public long size() {
    pending.cleanUp();
    return pending.estimatedSize();
  }

  private Claim take(String id, long userId, State finalState) {
    PendingAction p = id == null ? null : pending.getIfPresent(id);
    if (p == null) {
      State s = id == null ? null : finished.getIfPresent(id);
      return new Claim.Gone(s == null ? State.UNKNOWN : s);
    }
    if (p.invoker().userId() != userId) {
      return new Claim.NotInvoker(p.action().command());
    }
    if (!pending.asMap().remove(id, p)) {
      State s = finished.getIfPresent(id);
      return new Claim.Gone(s == null ? State.CONFIRMED : s);
    }
    finished.put(id, finalState);
    return new Claim.Claimed(p);
  }
}
