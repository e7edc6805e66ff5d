package org.crosstradediscord.bot.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The alert desk's SQL ({@code alert}, {@code alert_seen}); see {@link AlertStore} for each method. */
final class AlertSql implements AlertStore {
  private static final String COLUMNS = "alert_id, source, identity, fields, received_micros, expires_micros, state,"
      + " channel_id, message_id, decided_by, lease_micros, outcome";
  /** Crockford's base32 without I, L, O, U: an id read aloud or typed is not misread. */
  private static final char[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sql sql;

  AlertSql(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Received receive(String source, String identity, String fieldsJson, Instant now, Duration dedupe,
      Instant expiresAt, AlertState state, @Nullable String outcome) {
    String id = newId();
    return sql.inTransaction("record an alert", c -> {
      // One row per (source, identity): taken over only when the last accepted one is older than the window. A
      // concurrent replica's insert of the same alert waits on the row and then finds it inside the window.
      int won = Sql.update(c, "INSERT INTO alert_seen (source, identity, seen_micros, alert_id) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (source, identity) DO UPDATE SET seen_micros = excluded.seen_micros,"
          + " alert_id = excluded.alert_id WHERE alert_seen.seen_micros <= ?", source, identity, Sql.micros(now), id,
          Sql.micros(now.minus(dedupe)));
      if (won == 0) {
        return new Received(false, seen(c, source, identity));
      }
      Sql.update(c, "INSERT INTO alert (" + COLUMNS + ", updated_micros) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL,"
          + " NULL, NULL, ?, ?)", id, source, identity, fieldsJson, Sql.micros(now), Sql.micros(expiresAt), state.name(),
          outcome == null ? null : Sql.cut(outcome, 1000), Sql.micros(now));
      return new Received(true, id);
    });
  }

  private static String seen(Connection c, String source, String identity) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT alert_id FROM alert_seen WHERE source = ? AND identity = ?")) {
      s.setString(1, source);
      s.setString(2, identity);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("alert_seen row vanished inside its transaction");
        }
        return r.getString(1);
      }
    }
  }

  @Override
  public void posted(String alertId, long channelId, long messageId) {
    sql.update("record an alert's card", "UPDATE alert SET channel_id = ?, message_id = ? WHERE alert_id = ?",
        channelId, messageId, alertId);
  }

  @Override
  public @Nullable AlertRow get(String alertId) {
    return sql.one("read an alert", "SELECT " + COLUMNS + ", first_approver FROM alert WHERE alert_id = ?", AlertSql::row, alertId);
  }

  @Override
  public boolean claim(String alertId, long approverId, Instant now, Instant leaseUntil) {
    return sql.update("claim an alert", "UPDATE alert SET state = ?, decided_by = ?, lease_micros = ?,"
        + " updated_micros = ? WHERE alert_id = ? AND state = ? AND expires_micros > ?", AlertState.APPROVING.name(),
        approverId, Sql.micros(leaseUntil), Sql.micros(now), alertId, AlertState.OPEN.name(), Sql.micros(now)) == 1;
  }

  @Override
  public boolean firstApproval(String alertId, long approverId, Instant now) {
    return sql.update("record an alert's first approval", "UPDATE alert SET first_approver = ?, updated_micros = ?"
        + " WHERE alert_id = ? AND state = ? AND first_approver IS NULL AND expires_micros > ?", approverId,
        Sql.micros(now), alertId, AlertState.OPEN.name(), Sql.micros(now)) == 1;
  }

  @Override
  public boolean claimSecond(String alertId, long approverId, Instant now, Instant leaseUntil) {
    return sql.update("claim an alert", "UPDATE alert SET state = ?, decided_by = ?, lease_micros = ?,"
        + " updated_micros = ? WHERE alert_id = ? AND state = ? AND expires_micros > ? AND first_approver IS NOT NULL"
        + " AND first_approver <> ?", AlertState.APPROVING.name(), approverId, Sql.micros(leaseUntil), Sql.micros(now),
        alertId, AlertState.OPEN.name(), Sql.micros(now), approverId) == 1;
  }

  @Override
  public boolean end(String alertId, AlertState from, AlertState to, @Nullable Long decidedBy, String outcome,
      Instant now) {
    if (!to.isFinal() || from.isFinal()) {
      throw new IllegalArgumentException("an alert ends from OPEN or APPROVING in a final state, not " + from + " → "
          + to);
    }
    return sql.update("end an alert", "UPDATE alert SET state = ?, decided_by = COALESCE(?, decided_by),"
        + " lease_micros = NULL, outcome = ?, updated_micros = ? WHERE alert_id = ? AND state = ?", to.name(),
        decidedBy == null ? Sql.NULL_BIGINT : decidedBy, Sql.cut(outcome, 1000), Sql.micros(now), alertId,
        from.name()) == 1;
  }

  @Override
  public List<AlertRow> due(Instant now) {
    long at = Sql.micros(now);
    return sql.list("read the alerts due", "SELECT " + COLUMNS + ", first_approver FROM alert WHERE (state = ? AND expires_micros <= ?)"
        + " OR (state = ? AND lease_micros < ?) ORDER BY received_micros LIMIT 100", AlertSql::row,
        AlertState.OPEN.name(), at, AlertState.APPROVING.name(), at);
  }

  @Override
  public int prune(Instant before) {
    sql.update("prune the alert dedupe rows", "DELETE FROM alert_seen WHERE seen_micros < ?", Sql.micros(before));
    return sql.update("prune old alerts", "DELETE FROM alert WHERE state NOT IN (?, ?) AND updated_micros < ?",
        AlertState.OPEN.name(), AlertState.APPROVING.name(), Sql.micros(before));
  }

  private static AlertRow row(ResultSet r) throws SQLException {
    try {
      return new AlertRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), Sql.instant(r.getLong(5)),
          Sql.instant(r.getLong(6)), AlertState.valueOf(r.getString(7)), nullable(r, 8), nullable(r, 9),
          nullable(r, 10), r.getObject(11) == null ? null : Sql.instant(r.getLong(11)), r.getString(12),
          nullable(r, 13));
    } catch (IllegalArgumentException e) {
      throw new SQLException("unreadable alert row", e);
    }
  }

  private static @Nullable Long nullable(ResultSet r, int column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : v;
  }

  /** @return 12 characters of Crockford base32 (60 random bits) */
  static String newId() {
    char[] out = new char[12];
    for (int i = 0; i < out.length; i++) {
      out[i] = DIGITS[RANDOM.nextInt(DIGITS.length)];
    }
    return new String(out);
  }
}
