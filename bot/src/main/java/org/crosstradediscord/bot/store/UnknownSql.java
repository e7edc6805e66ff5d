package org.crosstradediscord.bot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The outcome-unknown rows' SQL ({@code unknown_outcome}); see {@link UnknownOutcomes} for each method. */
final class UnknownSql implements UnknownOutcomes {
  private static final String COLUMNS = "outcome_id, at_micros, what, verdict, conclusion, resolved_micros";

  private final Sql sql;

  UnknownSql(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void record(String outcomeId, String what, Instant at) {
    sql.update("record an unknown outcome", "INSERT INTO unknown_outcome (outcome_id, at_micros, what) VALUES (?, ?, ?)"
        + " ON CONFLICT (outcome_id) DO NOTHING", outcomeId, Sql.micros(at), Sql.cut(what, 300));
  }

  @Override
  public boolean conclude(String outcomeId, String verdict, String conclusion, boolean resolved, Instant at) {
    return sql.update("record a follow-up", "UPDATE unknown_outcome SET verdict = ?, conclusion = ?,"
        + " resolved_micros = COALESCE(resolved_micros, ?) WHERE outcome_id = ?", Sql.cut(verdict, 16),
        Sql.cut(conclusion, 1000), resolved ? (Object) Sql.micros(at) : Sql.NULL_BIGINT, outcomeId) == 1;
  }

  @Override
  public List<UnknownRow> unresolved(Instant from, Instant to) {
    return sql.list("read the unknown outcomes", "SELECT " + COLUMNS + " FROM unknown_outcome WHERE at_micros >= ?"
        + " AND at_micros < ? AND resolved_micros IS NULL ORDER BY at_micros LIMIT " + MAX_LISTED, UnknownSql::row,
        Sql.micros(from), Sql.micros(to));
  }

  @Override
  public @Nullable UnknownRow get(String outcomeId) {
    return sql.one("read an unknown outcome", "SELECT " + COLUMNS + " FROM unknown_outcome WHERE outcome_id = ?",
        UnknownSql::row, outcomeId);
  }

  private static UnknownRow row(ResultSet r) throws SQLException {
    long resolved = r.getLong(6);
    boolean open = r.wasNull();
    return new UnknownRow(r.getString(1), Sql.instant(r.getLong(2)), r.getString(3), r.getString(4), r.getString(5),
        open ? null : Sql.instant(resolved));
  }
}
