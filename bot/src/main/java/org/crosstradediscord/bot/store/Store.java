package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The bot's durable state: the audit trail and the halt switch. One interface, one JDBC implementation
 * ({@link JdbcStore}) for an embedded SQLite file or a shared PostgreSQL. Every method reads or writes the database
 * at once (no cache), so two replicas on one PostgreSQL see each other's halt at their next check.
 *
 * <p>Every method may throw {@link StoreException} (database unreachable, disk full, …); callers decide what a
 * failure means: an audit write that fails is logged and never blocks a trade, a halt state that cannot be read is
 * treated as halted for risk-increasing commands.
 */
public interface Store extends AutoCloseable {
  /**
   * Appends one event to the audit trail.
   *
   * @param event the event and when it happened
   */
  void append(StoredEvent event);

  /**
   * @param userId only this member's events, or empty for everyone's
   * @param count how many, at most
   * @return the newest events first
   */
  List<StoredEvent> recent(OptionalLong userId, int count);

  /**
   * Streams the events with {@code from <= at < to}, oldest first.
   *
   * @param from inclusive
   * @param to exclusive
   * @param sink receives each event
   */
  void export(Instant from, Instant to, Consumer<StoredEvent> sink);

  /** @return the current halt state, read from the database */
  HaltState halt();

  /** @param state the new halt state (halted or resumed, with who, why and when) */
  void setHalt(HaltState state);

  /** @return where the store is, for logs: the JDBC URL without query or credentials */
  String describe();

  @Override
  void close();
}
