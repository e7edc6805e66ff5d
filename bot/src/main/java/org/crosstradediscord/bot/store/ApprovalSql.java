package org.crosstradediscord.bot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The two-person rule's SQL on {@code pending_action}; see {@link ApprovalStore} for each method. */
final class ApprovalSql implements ApprovalStore {
  private static final String COLUMNS = PendingSql.COLUMNS + ", approval_channel, approval_message, approved_by";
  private static final String AWAITING = PendingState.AWAITING.name();

  private final Sql sql;

  ApprovalSql(Sql sql) {
    this.sql = sql;
  }

  @Override
  public boolean request(String id, long userId, String interactionId, String token, Instant now,
      Instant expiresAt) {
    return sql.update("record a request for a second approval", "UPDATE pending_action SET state = ?,"
        + " claim_interaction = ?, request_token = ?, expires_micros = ?, updated_micros = ? WHERE id = ? AND state = ?"
        + " AND user_id = ? AND expires_micros > ?", AWAITING, Sql.cut(interactionId, 32), token, Sql.micros(expiresAt),
        Sql.micros(now), id, PendingState.PENDING.name(), userId, Sql.micros(now)) == 1;
  }

  @Override
  public @Nullable String requestToken(String id) {
    return sql.one("read a request's token", "SELECT request_token FROM pending_action WHERE id = ?",
        r -> r.getString(1), id);
  }

  @Override
  public void addRequest(PendingRow row) {
    if (row.state() != PendingState.AWAITING) {
      throw new IllegalArgumentException("a request is recorded as AWAITING");
    }
    String what = "record a request for a second approval";
    sql.update(what, "INSERT INTO pending_action (" + PendingSql.COLUMNS + ", updated_micros)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)", row.id(), Sql.cut(row.command(), 64),
        row.userId(), Sql.cut(row.userName(), 200), sql.json(what, row.roleIds()), row.options(),
        Sql.cut(row.mode(), 8), Sql.micros(row.createdAt()), Sql.micros(row.expiresAt()), AWAITING,
        Sql.cut(row.secondPerson() == null ? "a second approval" : row.secondPerson(), 300), Sql.micros(row.createdAt()));
  }

  @Override
  public void posted(String id, long channelId, long messageId) {
    sql.update("record a request card", "UPDATE pending_action SET approval_channel = ?, approval_message = ?"
        + " WHERE id = ?", channelId, messageId, id);
  }

  @Override
  public @Nullable ApprovalRow get(String id) {
    return sql.one("read a request for a second approval", "SELECT " + COLUMNS + " FROM pending_action WHERE id = ?",
        ApprovalSql::row, id);
  }

  @Override
  public boolean approve(String id, long approverId, String interactionId, String token, Instant now,
      Instant leaseUntil) {
    return sql.update("approve a request", "UPDATE pending_action SET state = ?, claim_interaction = ?,"
        + " claim_token = ?, lease_micros = ?, approved_by = ?, updated_micros = ? WHERE id = ? AND state = ?"
        + " AND user_id <> ? AND expires_micros > ?", PendingState.CONFIRMED.name(), Sql.cut(interactionId, 32), token,
        Sql.micros(leaseUntil), approverId, Sql.micros(now), id, AWAITING, approverId, Sql.micros(now)) == 1;
  }

  @Override
  public boolean end(String id, PendingState to, Instant now) {
    if (to != PendingState.CANCELLED && to != PendingState.EXPIRED) {
      throw new IllegalArgumentException("a request ends CANCELLED or EXPIRED");
    }
    return sql.update("end a request", "UPDATE pending_action SET state = ?, updated_micros = ? WHERE id = ?"
        + " AND state = ?", to.name(), Sql.micros(now), id, AWAITING) == 1;
  }

  @Override
  public List<ApprovalRow> expired(Instant now) {
    return sql.list("read the expired requests", "SELECT " + COLUMNS + " FROM pending_action WHERE state = ?"
        + " AND expires_micros <= ? ORDER BY expires_micros LIMIT 100", ApprovalSql::row, AWAITING, Sql.micros(now));
  }

  private static ApprovalRow row(ResultSet r) throws SQLException {
    PendingRow p = PendingSql.row(r);
    return new ApprovalRow(p, nullable(r, 15), nullable(r, 16), nullable(r, 17));
  }

  private static @Nullable Long nullable(ResultSet r, int column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : v;
  }
}
