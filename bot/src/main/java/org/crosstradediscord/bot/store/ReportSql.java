package org.crosstradediscord.bot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The session reports' SQL ({@code pnl_sample}, {@code session_report}); see {@link ReportStore} for each method. */
final class ReportSql implements ReportStore {
  private final Sql sql;

  ReportSql(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void addSamples(List<PnlSample> samples) {
    if (samples.isEmpty()) {
      return;
    }
    sql.inTransaction("record P&L samples", c -> {
      for (PnlSample s : samples) {
        Sql.update(c, "INSERT INTO pnl_sample (account, at_micros, realized, unrealized) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (account, at_micros) DO NOTHING", Sql.cut(s.account(), 200), Sql.micros(s.at()),
            s.realized() == null ? Sql.NULL_DOUBLE : s.realized(), s.unrealized() == null ? Sql.NULL_DOUBLE
                : s.unrealized());
      }
      return null;
    });
  }

  @Override
  public List<PnlSample> samples(String account, Instant from, Instant to) {
    return sql.list("read P&L samples", "SELECT account, at_micros, realized, unrealized FROM pnl_sample"
        + " WHERE account = ? AND at_micros >= ? AND at_micros < ? ORDER BY at_micros LIMIT ?", ReportSql::sample,
        account, Sql.micros(from), Sql.micros(to), MAX_SAMPLES);
  }

  @Override
  public int prune(Instant before) {
    long cut = Sql.micros(before);
    return sql.update("prune P&L samples", "DELETE FROM pnl_sample WHERE at_micros < ?", cut)
        + sql.update("prune session report rows", "DELETE FROM session_report WHERE at_micros < ?", cut);
  }

  @Override
  public boolean claimReport(String account, String sessionDay, Instant at) {
    return sql.update("claim a session report", "INSERT INTO session_report (account, session_day, at_micros)"
        + " VALUES (?, ?, ?) ON CONFLICT (account, session_day) DO NOTHING",
        Sql.cut(account.toLowerCase(Locale.ROOT), 200), sessionDay, Sql.micros(at)) == 1;
  }

  private static PnlSample sample(ResultSet r) throws SQLException {
    double realized = r.getDouble(3);
    Double re = r.wasNull() ? null : realized;
    double unrealized = r.getDouble(4);
    Double un = r.wasNull() ? null : unrealized;
    return new PnlSample(r.getString(1), Sql.instant(r.getLong(2)), re, un);
  }
}
