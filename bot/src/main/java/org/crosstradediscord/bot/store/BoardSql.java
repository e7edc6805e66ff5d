package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The desk board's and the daily loss guard's SQL ({@code board_message}, {@code board_lease},
 * {@code daily_loss_trip}): row-level upserts and inserts, so each holds across replicas; see {@link Store} for each
 * method.
 */
final class BoardSql {
  private final Sql sql;

  BoardSql(Sql sql) {
    this.sql = sql;
  }

  OptionalLong message(long channelId) {
    Long id = sql.one("read the board message", "SELECT message_id FROM board_message WHERE channel_id = ?",
        r -> r.getLong(1), channelId);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  void setMessage(long channelId, long messageId) {
    sql.update("record the board message", "INSERT INTO board_message (channel_id, message_id) VALUES (?, ?)"
        + " ON CONFLICT (channel_id) DO UPDATE SET message_id = excluded.message_id", channelId, messageId);
  }

  boolean lead(long channelId, String owner, Instant now, Instant leaseUntil) {
    return sql.update("take the board lease", "INSERT INTO board_lease (channel_id, owner, lease_micros)"
        + " VALUES (?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET owner = excluded.owner,"
        + " lease_micros = excluded.lease_micros WHERE board_lease.owner = excluded.owner"
        + " OR board_lease.lease_micros < ?", channelId, Sql.cut(owner, 64), Sql.micros(leaseUntil),
        Sql.micros(now)) == 1;
  }

  void release(long channelId, String owner) {
    sql.update("release the board lease", "DELETE FROM board_lease WHERE channel_id = ? AND owner = ?", channelId,
        Sql.cut(owner, 64));
  }

  boolean trip(String mode, String account, String sessionDay, Instant at) {
    return sql.update("record a daily loss limit", "INSERT INTO daily_loss_trip (mode, account, session_day,"
        + " at_micros) VALUES (?, ?, ?, ?) ON CONFLICT (mode, account, session_day) DO NOTHING", Sql.cut(mode, 8),
        tripAccount(account), sessionDay, Sql.micros(at)) == 1;
  }

  void untrip(String mode, String account, String sessionDay) {
    sql.update("forget a daily loss limit", "DELETE FROM daily_loss_trip WHERE mode = ? AND account = ?"
        + " AND session_day = ?", Sql.cut(mode, 8), tripAccount(account), sessionDay);
  }

  /** @return the account as a trip key: lowercased ({@link Locale#ROOT}), at most 200 characters */
  private static String tripAccount(String account) {
    return Sql.cut(account.toLowerCase(Locale.ROOT), 200);
  }
}
