package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.crosstradediscord.testing.Poll;

/**
 * One interaction the stand-in dispatched, and what the bot did with it: its first callback (type and data), the
 * message that is its {@code @original}, and timings for benchmarks.
 */
public final class StandInInteraction {
  private final DiscordStandIn standIn;
  private final long id;
  private final String token;
  private final int type;
  private final StandInGuild.Member member;
  private final StandInGuild guild;
  private final long channelId;
  private final Instant createdAt;
  private final AtomicBoolean acknowledged = new AtomicBoolean();
  private volatile long originalMessageId;
  private volatile ObjectNode callback;
  private volatile long dispatchedNanos;
  private volatile long callbackNanos;

  StandInInteraction(DiscordStandIn standIn, long id, String token, int type, StandInGuild.Member member,
      StandInGuild guild, long channelId, long originalMessageId, Instant createdAt) {
    this.standIn = standIn;
    this.id = id;
    this.token = token;
    this.type = type;
    this.member = member;
    this.guild = guild;
    this.channelId = channelId;
    this.originalMessageId = originalMessageId;
    this.createdAt = createdAt;
  }

  private final java.util.List<Long> followUps = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** @return the interaction id */
  public long id() {
    return id;
  }

  /** @return 2 command, 3 component, 4 autocomplete */
  public int type() {
    return type;
  }

  /** @return the member who acted */
  public StandInGuild.Member member() {
    return member;
  }

  /**
   * @param timeout how long to wait
   * @return the first callback: {@code {"type": n, "data": {...}}}
   */
  public JsonNode awaitCallback(Duration timeout) {
    return Poll.until(() -> Optional.ofNullable(callback), timeout,
        () -> "no interaction callback for interaction " + id + " (type " + type + ") within " + timeout.toMillis()
            + " ms; REST calls seen: " + standIn.calls());
  }

  /** @return the callback type (4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete), or -1 */
  public int callbackType() {
    ObjectNode c = callback;
    return c == null ? -1 : c.path("type").asInt();
  }

  /**
   * @param timeout how long to wait for the callback and, for a deferred reply, its first edit
   * @return the {@code @original} message as the member first sees it (a deferred reply once the bot edited it)
   */
  public StandInMessage original(Duration timeout) {
    awaitCallback(timeout);
    return Poll.until(() -> {
      if (originalMessageId == 0) {
        return Optional.empty();
      }
      StandInMessage m = standIn.message(originalMessageId);
      return m.thinking() ? Optional.empty() : Optional.of(m); // what the member sees once the bot answered
    }, timeout, () -> "interaction " + id + " has no @original message (or it is still a deferred reply)");
  }

  /**
   * @param condition what the member should see (a deferred reply the bot has not edited yet never matches)
   * @param timeout how long to wait
   * @return the {@code @original} message once it satisfies the condition
   */
  public StandInMessage awaitOriginal(Predicate<StandInMessage> condition, Duration timeout) {
    awaitCallback(timeout);
    StandInMessage[] last = new StandInMessage[1];
    return Poll.until(() -> {
      if (originalMessageId == 0) {
        return Optional.empty();
      }
      last[0] = standIn.message(originalMessageId);
      return !last[0].thinking() && condition.test(last[0]) ? Optional.of(last[0]) : Optional.empty();
    }, timeout, () -> "the @original of interaction " + id + " never satisfied the condition; last seen: "
        + (last[0] == null ? "none" : last[0].text()));
  }

  /**
   * @param condition what the member should see
   * @param timeout how long to wait
   * @return the newest follow-up message of this interaction (sent through its token) once one satisfies the condition
   */
  public StandInMessage awaitFollowUp(Predicate<StandInMessage> condition, Duration timeout) {
    return Poll.until(() -> {
      for (int i = followUps.size() - 1; i >= 0; i--) {
        StandInMessage m = standIn.message(followUps.get(i));
        if (condition.test(m)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }, timeout, () -> "no follow-up of interaction " + id + " satisfied the condition; follow-ups: "
        + followUps.stream().map(standIn::message).map(StandInMessage::text).toList());
  }

  /** @return the follow-up messages of this interaction so far, oldest first */
  public java.util.List<StandInMessage> followUps() {
    return followUps.stream().map(standIn::message).toList();
  }

  /** @return nanoTime when dispatched */
  public long dispatchedNanos() {
    return dispatchedNanos;
  }

  /** @return nanoTime when the first callback arrived, or 0 */
  public long callbackNanos() {
    return callbackNanos;
  }

  // ---- stand-in side -------------------------------------------------------------------------------------------

  String token() {
    return token;
  }

  StandInGuild guild() {
    return guild;
  }

  long channelId() {
    return channelId;
  }

  Instant createdAt() {
    return createdAt;
  }

  long originalMessageId() {
    return originalMessageId;
  }

  void originalMessageId(long id) {
    this.originalMessageId = id;
  }

  void followUp(long messageId) {
    followUps.add(messageId);
  }

  void markDispatched() {
    dispatchedNanos = System.nanoTime();
  }

  /** @return false when already acknowledged */
  boolean acknowledge() {
    return acknowledged.compareAndSet(false, true);
  }

  boolean acknowledged() {
    return acknowledged.get();
  }

  void callback(ObjectNode body, long nanos) {
    callbackNanos = nanos;
    callback = body;
  }
}
