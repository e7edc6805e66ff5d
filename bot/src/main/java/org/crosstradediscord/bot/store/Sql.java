package org.crosstradediscord.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.crosstradediscord.bot.text.SafeText;

/**
 * The store's query helper: each call runs one statement on a connection borrowed from the pool (given back when the
 * call returns, on success or failure) and turns every failure into a one-line {@link StoreException}
 * ({@code cannot <what> in <where>: <innermost cause>}) that never holds the password.
 *
 * <p>Parameters are bound by their Java type: {@link String} ({@code setString}), {@link Integer} ({@code setInt}),
 * {@link Long} ({@code setLong}), {@link Double} ({@code setDouble}), {@code null} (a text NULL) and {@link #NULL_BIGINT} (a BIGINT NULL: PostgreSQL
 * refuses a text NULL in a bigint column), {@link #NULL_DOUBLE} (a DOUBLE NULL).
 */
final class Sql {
  /** A BIGINT NULL parameter. */
  static final Object NULL_BIGINT = new Null(Types.BIGINT);
  /** A DOUBLE NULL parameter. */
  static final Object NULL_DOUBLE = new Null(Types.DOUBLE);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads one row of a result set (positioned on it) into a value. */
  @FunctionalInterface
  interface Row<T> {
    /**
     * @param r the result set, on the row to read
     * @return the row's value
     * @throws SQLException a column cannot be read or is malformed
     */
    T read(ResultSet r) throws SQLException;
  }

  private record Null(int sqlType) {}

  private final DataSource pool;
  private final String where;
  private final List<String> secrets;

  /**
   * @param pool where connections are borrowed
   * @param where the store as shown in messages ({@link StoreUrls#display})
   * @param secrets text never to show (the password)
   */
  Sql(DataSource pool, String where, List<String> secrets) {
    this.pool = pool;
    this.where = where;
    this.secrets = List.copyOf(secrets);
  }

  /**
   * Runs an INSERT, UPDATE or DELETE (or any statement without a result set).
   *
   * @param what what it does, for the message ({@code record the board message})
   * @param sql the statement, with {@code ?} placeholders
   * @param params one per placeholder, in order
   * @return the row count
   * @throws StoreException the pool gave no connection within its wait, or the statement failed
   */
  int update(String what, String sql, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Work done on one connection inside one transaction ({@link #inTransaction}). */
  @FunctionalInterface
  interface Work<T> {
    /**
     * @param c the connection, auto-commit off
     * @return the result
     * @throws SQLException the transaction is rolled back
     */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @param <T> the result's type
   * @param what what it does, for the message
   * @param work the statements
   * @return what {@code work} returned
   * @throws StoreException as {@link #update}
   */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false); // the pool rolls back and restores auto-commit if this ends early
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * As {@link #update} on a connection of {@link #inTransaction}.
   *
   * @param c the transaction's connection
   * @param sql the statement
   * @param params one per placeholder
   * @return the row count
   * @throws SQLException the statement failed
   */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      return s.executeUpdate();
    }
  }

  /**
   * Runs a query and reads its first row.
   *
   * @param <T> the value's type
   * @param what what it does, for the message
   * @param sql the query
   * @param row reads the row
   * @param params one per placeholder
   * @return the first row's value, or null when there is none
   * @throws StoreException as {@link #update}, or the row could not be read
   */
  <T> T one(String what, String sql, Row<T> row, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? row.read(r) : null;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs a query and reads every row.
   *
   * @param <T> the values' type
   * @param what what it does, for the message
   * @param sql the query
   * @param row reads one row
   * @param params one per placeholder
   * @return the rows' values in the query's order (empty when none)
   * @throws StoreException as {@link #one}
   */
  <T> List<T> list(String what, String sql, Row<T> row, Object... params) {
    List<T> out = new ArrayList<>();
    stream(what, sql, false, row, out::add, params);
    return out;
  }

  /**
   * Runs a query in one read transaction (one snapshot; PostgreSQL then streams it 500 rows at a time instead of
   * holding every row in memory) and hands each row to {@code sink} as it is read. The connection is held until the
   * last row was handed over.
   *
   * @param <T> the values' type
   * @param what what it does, for the message
   * @param sql the query
   * @param row reads one row
   * @param sink receives each row's value, in the query's order
   * @param params one per placeholder
   * @throws StoreException as {@link #one}; what {@code sink} throws is passed on (the transaction is rolled back)
   */
  <T> void stream(String what, String sql, Row<T> row, Consumer<? super T> sink, Object... params) {
    stream(what, sql, true, row, sink, params);
  }

  private <T> void stream(String what, String sql, boolean snapshot, Row<T> row, Consumer<? super T> sink,
      Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      if (snapshot) {
        c.setAutoCommit(false); // the pool rolls back and restores auto-commit if this ends early
        s.setFetchSize(500);
      }
      bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sink.accept(row.read(r));
        }
      }
      if (snapshot) {
        c.commit();
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * @param what what was being done, for the message
   * @param value a value Jackson can write (maps, lists, sets of strings and numbers)
   * @return its JSON text
   * @throws StoreException it cannot be written as JSON
   */
  String json(String what, Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw failure(what, e);
    }
  }

  /**
   * @param what what failed ({@code read the halt state})
   * @param e why
   * @return {@code cannot <what> in <where>: <reason>}, one line
   */
  StoreException failure(String what, Exception e) {
    return new StoreException("cannot " + what + " in " + where + ": " + reason(e), e);
  }

  /**
   * @param e an exception
   * @return its innermost cause's simple type and message, one line, at most 400 characters, without the password
   */
  String reason(Throwable e) {
    return reason(e, secrets);
  }

  /**
   * @param e an exception
   * @param secrets text never to show
   * @return as {@link #reason(Throwable)}
   */
  static String reason(Throwable e, List<String> secrets) {
    Throwable root = e;
    for (Throwable c = e.getCause(); c != null && c != root; c = c.getCause()) {
      root = c;
    }
    String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return SafeText.scrubbed(text.length() > 400 ? text.substring(0, 400) + "…" : text, secrets);
  }

  /** @return the JSON mapper the store reads its JSON columns with */
  static ObjectMapper json() {
    return JSON;
  }

  /** @return {@code at} in microseconds since the epoch (the store's time columns) */
  static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  /** @return the instant {@code micros} microseconds after the epoch */
  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** @return {@code s} cut to {@code max} characters; {@code ""} for null */
  static String cut(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        s.setNull(i + 1, Types.VARCHAR);
      } else if (p instanceof String v) {
        s.setString(i + 1, v);
      } else if (p instanceof Long v) {
        s.setLong(i + 1, v);
      } else if (p instanceof Integer v) {
        s.setInt(i + 1, v);
      } else if (p instanceof Double v) {
        s.setDouble(i + 1, v);
      } else if (p instanceof Null n) {
        s.setNull(i + 1, n.sqlType());
      } else {
        throw new IllegalArgumentException("no binding for a " + p.getClass().getSimpleName());
      }
    }
  }
}
