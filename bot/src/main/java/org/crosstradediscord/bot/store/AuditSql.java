package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.crosstradediscord.bot.audit.AuditEvent;

/** The audit trail's SQL ({@code audit_event}): {@link Store#append}, {@link Store#recent}, {@link Store#export}. */
final class AuditSql {
  /** Orders events recorded in the same microsecond by this process. */
  private static final AtomicLong SEQ = new AtomicLong();
  private static final int MAX_COUNT = 1000;
  private static final String COLUMNS = "at_micros, kind, user_id, user_name, command, args, outcome, order_ids,"
      + " latency_ms";

  private final Sql sql;

  AuditSql(Sql sql) {
    this.sql = sql;
  }

  void append(StoredEvent stored) {
    AuditEvent e = stored.event();
    String what = "append an audit event";
    sql.update(what, "INSERT INTO audit_event (id, seq, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), SEQ.incrementAndGet(), Sql.micros(stored.at()), Sql.cut(e.kind(), 32),
        e.userId(), Sql.cut(e.userName(), 200), Sql.cut(e.command(), 64), sql.json(what, e.args()),
        e.outcome() == null ? "" : e.outcome(), sql.json(what, e.orderIds()), e.latencyMs());
  }

  List<StoredEvent> recent(OptionalLong userId, int count) {
    int limit = Math.max(0, Math.min(count, MAX_COUNT));
    String order = " ORDER BY at_micros DESC, seq DESC LIMIT ?";
    return userId.isPresent()
        ? sql.list("read the audit trail", "SELECT " + COLUMNS + " FROM audit_event WHERE user_id = ?" + order,
            AuditSql::event, userId.getAsLong(), limit)
        : sql.list("read the audit trail", "SELECT " + COLUMNS + " FROM audit_event" + order, AuditSql::event, limit);
  }

  void export(Instant from, Instant to, Consumer<StoredEvent> sink) {
    sql.stream("export the audit trail", "SELECT " + COLUMNS + " FROM audit_event WHERE at_micros >= ?"
        + " AND at_micros < ? ORDER BY at_micros, seq", AuditSql::event, sink, Sql.micros(from), Sql.micros(to));
  }

  private static StoredEvent event(ResultSet r) throws SQLException {
    try {
      Map<String, String> args = Sql.json().readValue(r.getString(6), new TypeReference<Map<String, String>>() { });
      List<String> ids = Sql.json().readValue(r.getString(8), new TypeReference<List<String>>() { });
      return new StoredEvent(Sql.instant(r.getLong(1)), new AuditEvent(r.getString(2), r.getLong(3), r.getString(4),
          r.getString(5), args, r.getString(7), ids, r.getLong(9)));
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable audit row: " + e.getOriginalMessage(), e);
    }
  }
}
