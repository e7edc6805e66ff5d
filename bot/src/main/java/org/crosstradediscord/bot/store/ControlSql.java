package org.crosstradediscord.bot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The controls' SQL: the halt switch ({@code halt_state}, one row), the desk board ({@code board_message},
 * {@code board_lease}) and the daily loss guard ({@code daily_loss_trip}); row-level updates, upserts and inserts, so
 * each holds across replicas. See {@link Store} for each method.
 */
final class ControlSql implements ControlStore {
  private final Sql sql;

  ControlSql(Sql sql) {
    this.sql = sql;
  }

  HaltState halt() {
    HaltState h = sql.one("read the halt state", "SELECT halted, reason, by_user_id, by_user_name, since_micros"
        + " FROM halt_state WHERE id = 1", ControlSql::haltState);
    if (h == null) {
      throw sql.failure("read the halt state", new SQLException("halt_state has no row 1"));
    }
    return h;
  }

  void setHalt(HaltState state) {
    if (sql.update("write the halt state", "UPDATE halt_state SET halted = ?, reason = ?, by_user_id = ?,"
        + " by_user_name = ?, since_micros = ? WHERE id = 1", state.halted() ? 1 : 0, state.reason(), state.byUserId(),
        state.byUserName() == null ? null : Sql.cut(state.byUserName(), 200),
        state.since() == null ? Sql.NULL_BIGINT : Sql.micros(state.since())) != 1) {
      throw sql.failure("write the halt state", new SQLException("halt_state has no row 1"));
    }
  }

  /** @return true when this call resumed the halt that began at {@code haltedSince} (compare-and-set) */
  boolean resumeHalt(HaltState resumed, Instant haltedSince) {
    return sql.update("write the halt state", "UPDATE halt_state SET halted = 0, reason = ?, by_user_id = ?,"
        + " by_user_name = ?, since_micros = ? WHERE id = 1 AND halted = 1 AND since_micros = ?", resumed.reason(),
        resumed.byUserId(), resumed.byUserName() == null ? null : Sql.cut(resumed.byUserName(), 200),
        Sql.micros(resumed.since()), Sql.micros(haltedSince)) == 1;
  }

  private static HaltState haltState(ResultSet r) throws SQLException {
    long since = r.getLong(5);
    boolean neverSet = r.wasNull();
    return new HaltState(r.getInt(1) != 0, r.getString(2), r.getLong(3), r.getString(4),
        neverSet ? null : Sql.instant(since));
  }

  @Override
  public OptionalLong boardMessage(long channelId) {
    Long id = sql.one("read the board message", "SELECT message_id FROM board_message WHERE channel_id = ?",
        r -> r.getLong(1), channelId);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  @Override
  public void setBoardMessage(long channelId, long messageId) {
    sql.update("record the board message", "INSERT INTO board_message (channel_id, message_id) VALUES (?, ?)"
        + " ON CONFLICT (channel_id) DO UPDATE SET message_id = excluded.message_id", channelId, messageId);
  }

  @Override
  public boolean leadBoard(long channelId, String owner, Instant now, Instant leaseUntil) {
    return sql.update("take the board lease", "INSERT INTO board_lease (channel_id, owner, lease_micros)"
        + " VALUES (?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET owner = excluded.owner,"
        + " lease_micros = excluded.lease_micros WHERE board_lease.owner = excluded.owner"
        + " OR board_lease.lease_micros < ?", channelId, Sql.cut(owner, 64), Sql.micros(leaseUntil),
        Sql.micros(now)) == 1;
  }

  @Override
  public void releaseBoard(long channelId, String owner) {
    sql.update("release the board lease", "DELETE FROM board_lease WHERE channel_id = ? AND owner = ?", channelId,
        Sql.cut(owner, 64));
  }

  @Override
  public boolean tripDailyLoss(String mode, String account, String sessionDay, Instant at) {
    return trip("daily_loss_trip", "record a daily loss limit", mode, account, sessionDay, at);
  }

  @Override
  public void untripDailyLoss(String mode, String account, String sessionDay) {
    untrip("daily_loss_trip", "forget a daily loss limit", mode, account, sessionDay);
  }

  @Override
  public boolean dailyLossUnresumed(String mode, String sessionDay) {
    Boolean any = sql.one("read the daily loss trips", "SELECT 1 FROM daily_loss_trip WHERE mode = ? AND session_day = ?"
        + " AND resumed_micros IS NULL", r -> true, Sql.cut(mode, 8), sessionDay);
    return any != null;
  }

  @Override
  public void dailyLossResumed(String mode, String sessionDay, Instant at) {
    sql.update("record a resume after a daily loss", "UPDATE daily_loss_trip SET resumed_micros = ? WHERE mode = ?"
        + " AND session_day = ? AND resumed_micros IS NULL", Sql.micros(at), Sql.cut(mode, 8), sessionDay);
  }

  @Override
  public boolean tripTrailingDrawdown(String mode, String account, String sessionDay, Instant at) {
    return trip("trailing_drawdown_trip", "record a trailing drawdown", mode, account, sessionDay, at);
  }

  @Override
  public void untripTrailingDrawdown(String mode, String account, String sessionDay) {
    untrip("trailing_drawdown_trip", "forget a trailing drawdown", mode, account, sessionDay);
  }

  /** A guard's once-per-session row: inserted once per (mode, lowercased account, session day) across replicas. */
  private boolean trip(String table, String what, String mode, String account, String sessionDay, Instant at) {
    return sql.update(what, "INSERT INTO " + table + " (mode, account, session_day, at_micros) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (mode, account, session_day) DO NOTHING", Sql.cut(mode, 8), tripAccount(account), sessionDay,
        Sql.micros(at)) == 1;
  }

  private void untrip(String table, String what, String mode, String account, String sessionDay) {
    sql.update(what, "DELETE FROM " + table + " WHERE mode = ? AND account = ? AND session_day = ?", Sql.cut(mode, 8),
        tripAccount(account), sessionDay);
  }

  /** @return the account as a trip key: lowercased ({@link Locale#ROOT}), at most 200 characters */
  private static String tripAccount(String account) {
    return Sql.cut(account.toLowerCase(Locale.ROOT), 200);
  }
}
