package org.crosstradediscord.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The pending confirmations' SQL ({@code pending_action}). Every state change is one row-level compare-and-set
 * ({@code UPDATE … WHERE state = ?}), so it happens once across replicas; see {@link Store} for each method.
 */
final class PendingSql {
  static final String COLUMNS = "id, command, user_id, user_name, role_ids, options, mode, created_micros,"
      + " expires_micros, state, claim_interaction, claim_token, lease_micros, needs_second";
  private static final String PENDING = PendingState.PENDING.name();
  private static final String CONFIRMED = PendingState.CONFIRMED.name();

  private final Sql sql;

  PendingSql(Sql sql) {
    this.sql = sql;
  }

  void add(PendingRow row) {
    String what = "record a pending confirmation";
    sql.update(what, "INSERT INTO pending_action (" + COLUMNS + ", updated_micros)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)", row.id(), Sql.cut(row.command(), 64),
        row.userId(), Sql.cut(row.userName(), 200), sql.json(what, row.roleIds()), row.options(),
        Sql.cut(row.mode(), 8), Sql.micros(row.createdAt()), Sql.micros(row.expiresAt()), PENDING,
        row.secondPerson() == null ? null : Sql.cut(row.secondPerson(), 300), Sql.micros(row.createdAt()));
  }

  PendingRow get(String id) {
    return sql.one("read a pending confirmation", "SELECT " + COLUMNS + " FROM pending_action WHERE id = ?",
        PendingSql::row, id);
  }

  boolean claim(String id, long userId, String interactionId, String token, Instant now, Instant leaseUntil) {
    return sql.update("claim a pending confirmation", "UPDATE pending_action SET state = ?, claim_interaction = ?,"
        + " claim_token = ?, lease_micros = ?, updated_micros = ?"
        + " WHERE id = ? AND state = ? AND user_id = ? AND expires_micros > ? AND needs_second IS NULL", CONFIRMED,
        Sql.cut(interactionId, 32),
        token, Sql.micros(leaseUntil), Sql.micros(now), id, PENDING, userId, Sql.micros(now)) == 1;
  }

  boolean unclaim(String id, String interactionId, Instant now) {
    return sql.update("undo a refused claim", "UPDATE pending_action SET state = ?, claim_interaction = NULL,"
        + " claim_token = NULL, lease_micros = NULL, updated_micros = ? WHERE id = ? AND state = ?"
        + " AND claim_interaction = ?", PENDING, Sql.micros(now), id, CONFIRMED, Sql.cut(interactionId, 32)) == 1;
  }

  boolean move(String id, PendingState from, PendingState to, Instant now) {
    return sql.update("update a pending confirmation", "UPDATE pending_action SET state = ?, updated_micros = ?"
        + (to.isFinal() ? ", claim_token = NULL" : "") + " WHERE id = ? AND state = ?", to.name(), Sql.micros(now), id,
        from.name()) == 1;
  }

  boolean end(String id, PendingState to, String interactionId, Instant now) {
    return sql.update("update a pending confirmation", "UPDATE pending_action SET state = ?, claim_interaction = ?,"
        + " claim_token = NULL, updated_micros = ? WHERE id = ? AND state = ?", to.name(), Sql.cut(interactionId, 32),
        Sql.micros(now), id, PENDING) == 1;
  }

  List<PendingRow> staleClaims(Instant now, Instant claimedBefore) {
    return sql.list("read the claims in flight", "SELECT " + COLUMNS + " FROM pending_action WHERE state = ?"
        + " AND (lease_micros < ? OR updated_micros < ?) ORDER BY lease_micros LIMIT 100", PendingSql::row, CONFIRMED,
        Sql.micros(now), Sql.micros(claimedBefore));
  }

  int prune(Instant before) {
    return sql.update("prune old pending confirmations", "DELETE FROM pending_action WHERE"
        + " (state NOT IN (?, ?, ?) AND updated_micros < ?) OR (state = ? AND expires_micros < ?)", PENDING, CONFIRMED,
        PendingState.AWAITING.name(),
        Sql.micros(before), PENDING, Sql.micros(before));
  }

  static PendingRow row(ResultSet r) throws SQLException {
    try {
      Set<Long> roles = Sql.json().readValue(r.getString(5), new TypeReference<Set<Long>>() { });
      long lease = r.getLong(13);
      boolean noLease = r.wasNull();
      return new PendingRow(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), roles, r.getString(6),
          r.getString(7), Sql.instant(r.getLong(8)), Sql.instant(r.getLong(9)), PendingState.valueOf(r.getString(10)),
          r.getString(11), r.getString(12), noLease ? null : Sql.instant(lease), r.getString(14));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SQLException("unreadable pending_action row", e);
    }
  }
}
