package org.crosstradediscord.bot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The store's connection pool (HikariCP). Each pooled connection is opened by the JDBC driver with the store's
 * properties ({@link #properties}), so every one of them has the same settings (SQLite's busy timeout and read-only
 * flag; PostgreSQL's timeouts, credentials and read-only session); the pool never sees the URL's credentials nor the
 * password. Sizes:
 *
 * <ul>
 *   <li>SQLite: {@value #SQLITE_CONNECTIONS} connection: SQLite has one writer at a time, so store writes queue in the
 *       pool (in this process) instead of failing with {@code SQLITE_BUSY}; the file is in WAL mode, so a reader
 *       elsewhere ({@code --export-audit}) never holds it off.</li>
 *   <li>PostgreSQL: {@value #POSTGRESQL_CONNECTIONS} connections (kept open), {@value #POSTGRESQL_READ_ONLY_CONNECTIONS}
 *       for the read-only export.</li>
 * </ul>
 *
 * <p>A call waits at most {@value #WAIT_MS} ms for a connection (under the 1 s an interaction waits for the store),
 * then fails with an {@link SQLException} the store turns into a {@link StoreException}.
 */
final class StorePool {
  /** Connections to an SQLite file: its one writer. */
  static final int SQLITE_CONNECTIONS = 1;
  /** Connections to PostgreSQL for the bot. */
  static final int POSTGRESQL_CONNECTIONS = 4;
  /** Connections to PostgreSQL for the read-only export (Flyway's schema check may use two). */
  static final int POSTGRESQL_READ_ONLY_CONNECTIONS = 2;
  /** The longest a call waits for a connection, ms. */
  static final long WAIT_MS = 750;
  /** The longest a borrowed connection's liveness check may take, ms (below {@link #WAIT_MS}). */
  static final long VALIDATION_MS = 500;

  /** PostgreSQL's login timeout, s. */
  private static final int LOGIN_TIMEOUT_S = 5;
  /** SQLite's {@code SQLITE_OPEN_READONLY} flag, for the driver's {@code open_mode} property. */
  private static final int SQLITE_OPEN_READONLY = 0x01;

  private StorePool() {}

  /**
   * Starts a pool and opens its first connection.
   *
   * @param url the {@code jdbc:sqlite:} or {@code jdbc:postgresql://} URL
   * @param properties the driver properties ({@link #properties})
   * @param readOnly whether every connection is read-only (the export)
   * @return the running pool; close it to close its connections
   * @throws RuntimeException the first connection cannot be opened (HikariCP's {@code PoolInitializationException},
   *     the driver's {@link SQLException} as its cause)
   */
  static HikariDataSource start(String url, Properties properties, boolean readOnly) {
    boolean sqlite = url.startsWith(JdbcStore.SQLITE);
    HikariConfig c = new HikariConfig();
    c.setPoolName(readOnly ? "store-read-only" : "store");
    c.setDataSource(new DriverSource(url, properties));
    c.setMaximumPoolSize(sqlite ? SQLITE_CONNECTIONS
        : readOnly ? POSTGRESQL_READ_ONLY_CONNECTIONS : POSTGRESQL_CONNECTIONS);
    c.setConnectionTimeout(WAIT_MS);
    c.setValidationTimeout(VALIDATION_MS);
    c.setReadOnly(readOnly);
    c.setAutoCommit(true);
    c.setInitializationFailTimeout(1); // fail at once when the first connection cannot be opened
    return new HikariDataSource(c);
  }

  /**
   * Switches an SQLite file to WAL journal mode (kept in the file): readers then never block the writer, nor it them.
   *
   * @param sql the store's connections
   * @throws SQLException the file cannot use WAL (it stays in another mode: on a network file system?)
   * @throws StoreException the pragma failed
   */
  static void useWal(Sql sql) throws SQLException {
    String mode = sql.one("use WAL", "PRAGMA journal_mode=WAL", r -> r.getString(1));
    if (!"wal".equalsIgnoreCase(mode)) {
      throw new SQLException("the file cannot use WAL journal mode (it stays in " + mode + " mode; is it on a"
          + " network file system?)");
    }
  }

  /**
   * The driver properties of every connection: SQLite's busy timeout (5000 ms) and read-only open mode; PostgreSQL's
   * user and password from {@code env}, connect, login and socket timeouts (5 s, 5 s, 15 s), application name and
   * read-only session.
   *
   * @param url the URL
   * @param env the environment, for {@value JdbcStore#USER_ENV} and {@value JdbcStore#PASSWORD_ENV}
   * @param readOnly whether the connections are read-only
   * @param secrets receives the password, to be scrubbed from messages
   * @return the properties
   * @throws StoreException the URL is neither SQLite nor PostgreSQL
   */
  static Properties properties(String url, Map<String, String> env, boolean readOnly, List<String> secrets) {
    Properties p = new Properties();
    if (url.startsWith(JdbcStore.SQLITE)) {
      p.setProperty("busy_timeout", "5000");
      if (readOnly) {
        p.setProperty("open_mode", String.valueOf(SQLITE_OPEN_READONLY));
      }
    } else if (url.startsWith(JdbcStore.POSTGRESQL)) {
      String user = env.get(JdbcStore.USER_ENV);
      String password = env.get(JdbcStore.PASSWORD_ENV);
      if (user != null && !user.isEmpty()) {
        p.setProperty("user", user);
      }
      if (password != null && !password.isEmpty()) {
        p.setProperty("password", password);
        secrets.add(password);
      }
      p.setProperty("connectTimeout", "5");
      p.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_S));
      p.setProperty("socketTimeout", "15");
      p.setProperty("ApplicationName", "crosstrade-discord");
      if (readOnly) {
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
      }
    } else {
      throw new StoreException("storage.url: unsupported database (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)",
          null);
    }
    return p;
  }

  /** New connections from the JDBC driver with the store's properties: what the pool fills itself from. */
  private static final class DriverSource implements DataSource {
    private final String url;
    private final Properties properties;

    DriverSource(String url, Properties properties) {
      this.url = url;
      this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("credentials come from the environment");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // set through the connection properties
    }

    /**
     * @return the longest a new connection takes to open, s (PostgreSQL's {@code loginTimeout}); the pool's shutdown
     *     waits that long for one being opened
     */
    @Override
    public int getLoginTimeout() {
      return LOGIN_TIMEOUT_S;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
