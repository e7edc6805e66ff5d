package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.text.SafeText;
import org.flywaydb.core.Flyway;

/**
 * {@link Store} over plain JDBC: an embedded SQLite file ({@code jdbc:sqlite:PATH}) or PostgreSQL
 * ({@code jdbc:postgresql://HOST[:PORT]/DB}, user and password from the environment variables
 * {@value #USER_ENV} and {@value #PASSWORD_ENV}). The schema is created and upgraded by the Flyway migrations in
 * {@code db/migration} when the store opens ({@link #open}; {@link #openReadOnly} never migrates nor writes). An SQLite
 * file is in WAL journal mode. A connection per operation: nothing is cached, so a halt written by
 * another replica is read at the halt switch's next poll or fresh check.
 */
public final class JdbcStore implements Store {
  /** Environment variable holding the PostgreSQL user. */
  public static final String USER_ENV = "STORAGE_USER";
  /** Environment variable holding the PostgreSQL password. */
  public static final String PASSWORD_ENV = "STORAGE_PASSWORD";
  /** URL prefix of an embedded SQLite file. */
  public static final String SQLITE = "jdbc:sqlite:";
  /** URL prefix of PostgreSQL. */
  public static final String POSTGRESQL = "jdbc:postgresql://";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SEQ = new AtomicLong();
  private static final int MAX_COUNT = 1000;
  private static final String MIGRATIONS = "classpath:db/migration";
  /** SQLite's {@code SQLITE_OPEN_READONLY} flag, for the driver's {@code open_mode} property. */
  private static final int SQLITE_OPEN_READONLY = 0x01;

  private final String url;
  private final Properties properties;
  private final DataSource dataSource;
  private final List<String> secrets;
  private volatile java.nio.channels.FileLock lock;

  private JdbcStore(String url, Properties properties, List<String> secrets) {
    this.url = url;
    this.properties = properties;
    this.secrets = secrets;
    this.dataSource = new Source();
  }

  /**
   * Opens the store, creates or upgrades its schema, and checks that it can write. An SQLite file is switched to
   * WAL journal mode (kept in the file), so a long read such as {@code --export-audit} never holds off a write.
   *
   * @param url a {@code jdbc:sqlite:} or {@code jdbc:postgresql://} URL (the config's {@code storage.url}, with a
   *     relative SQLite path already resolved)
   * @param env the environment, for {@value #USER_ENV} and {@value #PASSWORD_ENV}
   * @return the open store
   * @throws StoreException unsupported URL, unreachable database, refused credentials, unwritable file, a file
   *     that cannot use WAL
   */
  public static JdbcStore open(String url, Map<String, String> env) {
    List<String> secrets = new ArrayList<>();
    JdbcStore store = new JdbcStore(url, properties(url, env, false, secrets), List.copyOf(secrets));
    try {
      if (url.startsWith(SQLITE)) {
        store.useWal();
      }
      Flyway.configure().dataSource(store.dataSource).locations(MIGRATIONS).connectRetries(0)
          .load().migrate();
      try (Connection c = store.connect(); PreparedStatement s = c.prepareStatement(
          "UPDATE halt_state SET halted = halted WHERE id = 1")) {
        if (s.executeUpdate() != 1) {
          throw new SQLException("halt_state has no row 1");
        }
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("storage.url: cannot open " + store.describe() + ": " + store.reason(e), e);
    }
    return store;
  }

  /**
   * Opens the store read-only, for {@code --export-audit} beside a running bot: no migration, no write, no lock.
   * An SQLite file is opened with SQLite's read-only flag (it must exist); a PostgreSQL session is read-only
   * ({@code readOnly}, {@code readOnlyMode=always}). Writes through the returned store fail. The schema must be
   * exactly the one this bot's migrations make ({@link SchemaCheck}): read-only cannot upgrade it.
   *
   * @param url the {@code storage.url}
   * @param env the environment, for {@value #USER_ENV} and {@value #PASSWORD_ENV}
   * @return the read-only store
   * @throws StoreException one line starting {@code storage.url:}: unsupported URL, no such SQLite file,
   *     unreachable database, refused credentials, a schema missing, older or newer than this bot's
   */
  public static JdbcStore openReadOnly(String url, Map<String, String> env) {
    List<String> secrets = new ArrayList<>();
    JdbcStore store = new JdbcStore(url, properties(url, env, true, secrets), List.copyOf(secrets));
    if (url.startsWith(SQLITE) && !Files.isRegularFile(Path.of(url.substring(SQLITE.length())))) {
      throw new StoreException("storage.url: no SQLite file at " + store.describe()
          + " (nothing to export: check storage.url)", null);
    }
    String problem;
    try {
      problem = SchemaCheck.problem(Flyway.configure().dataSource(store.dataSource).locations(MIGRATIONS)
          .connectRetries(0).load().info());
    } catch (RuntimeException e) {
      throw new StoreException("storage.url: cannot open " + store.describe() + ": " + store.reason(e), e);
    }
    if (problem != null) {
      throw new StoreException("storage.url: " + store.describe() + ": " + problem, null);
    }
    return store;
  }

  /** The driver properties: timeouts, credentials from {@code env} (the password also added to {@code secrets}). */
  private static Properties properties(String url, Map<String, String> env, boolean readOnly, List<String> secrets) {
    Properties p = new Properties();
    if (url.startsWith(SQLITE)) {
      p.setProperty("busy_timeout", "5000");
      if (readOnly) {
        p.setProperty("open_mode", String.valueOf(SQLITE_OPEN_READONLY));
      }
    } else if (url.startsWith(POSTGRESQL)) {
      String user = env.get(USER_ENV);
      String password = env.get(PASSWORD_ENV);
      if (user != null && !user.isEmpty()) {
        p.setProperty("user", user);
      }
      if (password != null && !password.isEmpty()) {
        p.setProperty("password", password);
        secrets.add(password);
      }
      p.setProperty("connectTimeout", "5");
      p.setProperty("loginTimeout", "5");
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

  /** Switches the SQLite file to WAL: readers then never block the writer, nor it them. */
  private void useWal() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode=WAL")) {
      String mode = r.next() ? r.getString(1) : null;
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new SQLException("the file cannot use WAL journal mode (it stays in " + mode + " mode; is it on a"
            + " network file system?)");
      }
    }
  }

  /**
   * Opens the store for the bot process: like {@link #open}, and for an SQLite file also takes an exclusive lock on
   * {@code <file>.lock} held until {@link #close()}, so a second bot process cannot run on the same file (its start-up
   * recovery would take the first one's live trades for dead; two replicas need PostgreSQL). The OS releases the lock
   * when the process dies. {@code --export-audit} reads without it.
   *
   * @param url the {@code storage.url}
   * @param env the environment
   * @return the open store
   * @throws StoreException as {@link #open}, or another bot process holds the SQLite file
   */
  public static JdbcStore openForBot(String url, Map<String, String> env) {
    JdbcStore store = open(url, env);
    if (url.startsWith(SQLITE)) {
      java.nio.file.Path lockFile = java.nio.file.Path.of(url.substring(SQLITE.length()) + ".lock");
      try {
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          ch.close();
          throw new StoreException("storage.url: another bot process is already using " + store.describe()
              + " (one bot per SQLite file; two replicas need PostgreSQL)", null);
        }
        store.lock = lock;
      } catch (java.io.IOException e) {
        throw new StoreException("storage.url: cannot lock " + SafeText.oneLine(lockFile.toString()) + ": "
            + store.reason(e), e);
      }
    }
    return store;
  }

  @Override
  public void append(StoredEvent stored) {
    AuditEvent e = stored.event();
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (id, at_micros, seq,"
        + " kind, user_id, user_name, command, args, outcome, order_ids, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, UUID.randomUUID().toString());
      s.setLong(2, micros(stored.at()));
      s.setLong(3, SEQ.incrementAndGet());
      s.setString(4, cut(e.kind(), 32));
      s.setLong(5, e.userId());
      s.setString(6, cut(e.userName(), 200));
      s.setString(7, cut(e.command(), 64));
      s.setString(8, JSON.writeValueAsString(e.args()));
      s.setString(9, e.outcome() == null ? "" : e.outcome());
      s.setString(10, JSON.writeValueAsString(e.orderIds()));
      s.setLong(11, e.latencyMs());
      s.executeUpdate();
    } catch (SQLException | JsonProcessingException ex) {
      throw failure("append an audit event", ex);
    }
  }

  @Override
  public List<StoredEvent> recent(OptionalLong userId, int count) {
    String sql = "SELECT at_micros, kind, user_id, user_name, command, args, outcome, order_ids, latency_ms FROM audit_event"
        + (userId.isPresent() ? " WHERE user_id = ?" : "") + " ORDER BY at_micros DESC, seq DESC LIMIT ?";
    List<StoredEvent> out = new ArrayList<>();
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (userId.isPresent()) {
        s.setLong(i++, userId.getAsLong());
      }
      s.setInt(i, Math.max(0, Math.min(count, MAX_COUNT)));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(event(r));
        }
      }
    } catch (SQLException e) {
      throw failure("read the audit trail", e);
    }
    return out;
  }

  @Override
  public void export(Instant from, Instant to, Consumer<StoredEvent> sink) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT at_micros, kind, user_id, user_name,"
        + " command, args, outcome, order_ids, latency_ms FROM audit_event WHERE at_micros >= ? AND at_micros < ?"
        + " ORDER BY at_micros, seq")) {
      c.setAutoCommit(false); // one snapshot; PostgreSQL streams by the fetch size only inside a transaction
      s.setLong(1, micros(from));
      s.setLong(2, micros(to));
      s.setFetchSize(500);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sink.accept(event(r));
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw failure("export the audit trail", e);
    }
  }

  @Override
  public HaltState halt() {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "SELECT halted, reason, by_user_id, by_user_name, since_micros FROM halt_state WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("halt_state has no row 1");
      }
      long since = r.getLong(5);
      boolean neverSet = r.wasNull();
      return new HaltState(r.getInt(1) != 0, r.getString(2), r.getLong(3), r.getString(4),
          neverSet ? null : Instant.EPOCH.plus(since, ChronoUnit.MICROS));
    } catch (SQLException e) {
      throw failure("read the halt state", e);
    }
  }

  @Override
  public void setHalt(HaltState state) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE halt_state SET halted = ?, reason = ?,"
        + " by_user_id = ?, by_user_name = ?, since_micros = ? WHERE id = 1")) {
      s.setInt(1, state.halted() ? 1 : 0);
      s.setString(2, state.reason());
      s.setLong(3, state.byUserId());
      s.setString(4, state.byUserName() == null ? null : cut(state.byUserName(), 200));
      if (state.since() == null) {
        s.setNull(5, Types.BIGINT);
      } else {
        s.setLong(5, micros(state.since()));
      }
      if (s.executeUpdate() != 1) {
        throw new SQLException("halt_state has no row 1");
      }
    } catch (SQLException e) {
      throw failure("write the halt state", e);
    }
  }

  @Override
  public boolean resumeHalt(HaltState resumed, Instant haltedSince) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE halt_state SET halted = 0, reason = ?,"
        + " by_user_id = ?, by_user_name = ?, since_micros = ? WHERE id = 1 AND halted = 1 AND since_micros = ?")) {
      s.setString(1, resumed.reason());
      s.setLong(2, resumed.byUserId());
      s.setString(3, resumed.byUserName() == null ? null : cut(resumed.byUserName(), 200));
      s.setLong(4, micros(resumed.since()));
      s.setLong(5, micros(haltedSince));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("write the halt state", e);
    }
  }

  private static final String PENDING_COLUMNS = "id, command, user_id, user_name, role_ids, options, mode, created_micros,"
      + " expires_micros, state, claim_interaction, claim_token, lease_micros";

  @Override
  public void addPending(PendingRow row) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO pending_action (" + PENDING_COLUMNS
        + ", updated_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?)")) {
      s.setString(1, row.id());
      s.setString(2, cut(row.command(), 64));
      s.setLong(3, row.userId());
      s.setString(4, cut(row.userName(), 200));
      s.setString(5, JSON.writeValueAsString(row.roleIds()));
      s.setString(6, row.options());
      s.setString(7, cut(row.mode(), 8));
      s.setLong(8, micros(row.createdAt()));
      s.setLong(9, micros(row.expiresAt()));
      s.setString(10, PendingState.PENDING.name());
      s.setLong(11, micros(row.createdAt()));
      s.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw failure("record a pending confirmation", e);
    }
  }

  @Override
  public PendingRow pending(String id) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT " + PENDING_COLUMNS
        + " FROM pending_action WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? pendingRow(r) : null;
      }
    } catch (SQLException e) {
      throw failure("read a pending confirmation", e);
    }
  }

  @Override
  public boolean claimPending(String id, long userId, String interactionId, String token, Instant now, Instant leaseUntil) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE pending_action SET state = ?,"
        + " claim_interaction = ?, claim_token = ?, lease_micros = ?, updated_micros = ?"
        + " WHERE id = ? AND state = ? AND user_id = ? AND expires_micros > ?")) {
      s.setString(1, PendingState.CONFIRMED.name());
      s.setString(2, cut(interactionId, 32));
      s.setString(3, token);
      s.setLong(4, micros(leaseUntil));
      s.setLong(5, micros(now));
      s.setString(6, id);
      s.setString(7, PendingState.PENDING.name());
      s.setLong(8, userId);
      s.setLong(9, micros(now));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("claim a pending confirmation", e);
    }
  }

  @Override
  public boolean unclaimPending(String id, String interactionId, Instant now) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE pending_action SET state = ?,"
        + " claim_interaction = NULL, claim_token = NULL, lease_micros = NULL, updated_micros = ?"
        + " WHERE id = ? AND state = ? AND claim_interaction = ?")) {
      s.setString(1, PendingState.PENDING.name());
      s.setLong(2, micros(now));
      s.setString(3, id);
      s.setString(4, PendingState.CONFIRMED.name());
      s.setString(5, cut(interactionId, 32));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("undo a refused claim", e);
    }
  }

  @Override
  public boolean movePending(String id, PendingState from, PendingState to, Instant now) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE pending_action SET state = ?,"
        + " updated_micros = ?" + (to.isFinal() ? ", claim_token = NULL" : "") + " WHERE id = ? AND state = ?")) {
      s.setString(1, to.name());
      s.setLong(2, micros(now));
      s.setString(3, id);
      s.setString(4, from.name());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("update a pending confirmation", e);
    }
  }

  @Override
  public boolean endPending(String id, PendingState to, String interactionId, Instant now) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE pending_action SET state = ?,"
        + " claim_interaction = ?, claim_token = NULL, updated_micros = ? WHERE id = ? AND state = ?")) {
      s.setString(1, to.name());
      s.setString(2, cut(interactionId, 32));
      s.setLong(3, micros(now));
      s.setString(4, id);
      s.setString(5, PendingState.PENDING.name());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("update a pending confirmation", e);
    }
  }

  @Override
  public List<PendingRow> staleClaims(Instant now, Instant claimedBefore) {
    List<PendingRow> out = new ArrayList<>();
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT " + PENDING_COLUMNS
        + " FROM pending_action WHERE state = ? AND (lease_micros < ? OR updated_micros < ?)"
        + " ORDER BY lease_micros LIMIT 100")) {
      s.setString(1, PendingState.CONFIRMED.name());
      s.setLong(2, micros(now));
      s.setLong(3, micros(claimedBefore));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(pendingRow(r));
        }
      }
    } catch (SQLException e) {
      throw failure("read the claims in flight", e);
    }
    return out;
  }

  @Override
  public int prunePending(Instant before) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("DELETE FROM pending_action WHERE"
        + " (state NOT IN (?, ?) AND updated_micros < ?) OR (state = ? AND expires_micros < ?)")) {
      s.setString(1, PendingState.PENDING.name());
      s.setString(2, PendingState.CONFIRMED.name());
      s.setLong(3, micros(before));
      s.setString(4, PendingState.PENDING.name());
      s.setLong(5, micros(before));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failure("prune old pending confirmations", e);
    }
  }

  @Override
  public java.util.OptionalLong boardMessage(long channelId) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "SELECT message_id FROM board_message WHERE channel_id = ?")) {
      s.setLong(1, channelId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? java.util.OptionalLong.of(r.getLong(1)) : java.util.OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw failure("read the board message", e);
    }
  }

  @Override
  public void setBoardMessage(long channelId, long messageId) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO board_message (channel_id,"
        + " message_id) VALUES (?, ?) ON CONFLICT (channel_id) DO UPDATE SET message_id = excluded.message_id")) {
      s.setLong(1, channelId);
      s.setLong(2, messageId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the board message", e);
    }
  }

  @Override
  public boolean leadBoard(long channelId, String owner, Instant now, Instant leaseUntil) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO board_lease (channel_id, owner,"
        + " lease_micros) VALUES (?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET owner = excluded.owner,"
        + " lease_micros = excluded.lease_micros WHERE board_lease.owner = excluded.owner"
        + " OR board_lease.lease_micros < ?")) {
      s.setLong(1, channelId);
      s.setString(2, cut(owner, 64));
      s.setLong(3, micros(leaseUntil));
      s.setLong(4, micros(now));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("take the board lease", e);
    }
  }

  @Override
  public void releaseBoard(long channelId, String owner) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "DELETE FROM board_lease WHERE channel_id = ? AND owner = ?")) {
      s.setLong(1, channelId);
      s.setString(2, cut(owner, 64));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("release the board lease", e);
    }
  }

  @Override
  public boolean tripDailyLoss(String mode, String account, String sessionDay, Instant at) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO daily_loss_trip (mode,"
        + " account, session_day, at_micros) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (mode, account, session_day) DO NOTHING")) {
      s.setString(1, cut(mode, 8));
      s.setString(2, tripAccount(account));
      s.setString(3, sessionDay);
      s.setLong(4, micros(at));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("record a daily loss limit", e);
    }
  }

  @Override
  public void untripDailyLoss(String mode, String account, String sessionDay) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "DELETE FROM daily_loss_trip WHERE mode = ? AND account = ? AND session_day = ?")) {
      s.setString(1, cut(mode, 8));
      s.setString(2, tripAccount(account));
      s.setString(3, sessionDay);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("forget a daily loss limit", e);
    }
  }

  /** @return the account as a trip key: lowercased ({@link Locale#ROOT}), at most 200 characters */
  private static String tripAccount(String account) {
    return cut(account.toLowerCase(Locale.ROOT), 200);
  }

  @Override
  public boolean shared() {
    return url.startsWith(POSTGRESQL);
  }

  private static PendingRow pendingRow(ResultSet r) throws SQLException {
    try {
      java.util.Set<Long> roles = JSON.readValue(r.getString(5), new TypeReference<java.util.Set<Long>>() { });
      long lease = r.getLong(13);
      boolean noLease = r.wasNull();
      return new PendingRow(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), roles, r.getString(6),
          r.getString(7), Instant.EPOCH.plus(r.getLong(8), ChronoUnit.MICROS),
          Instant.EPOCH.plus(r.getLong(9), ChronoUnit.MICROS), PendingState.valueOf(r.getString(10)), r.getString(11),
          r.getString(12), noLease ? null : Instant.EPOCH.plus(lease, ChronoUnit.MICROS));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SQLException("unreadable pending_action row", e);
    }
  }

  @Override
  public String describe() {
    return display(url);
  }

  /**
   * @param url a JDBC URL
   * @return it without query, parameters or user info, on one line (safe to log)
   */
  public static String display(String url) {
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    if (u.startsWith(POSTGRESQL)) {
      String rest = u.substring(POSTGRESQL.length());
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      u = POSTGRESQL + authority.substring(authority.lastIndexOf('@') + 1) + (slash < 0 ? "" : rest.substring(slash));
    }
    return SafeText.oneLine(u);
  }

  @Override
  public void close() {
    // a connection per operation: nothing to release but the bot's SQLite lock
    java.nio.channels.FileLock l = lock;
    lock = null;
    if (l != null) {
      try {
        l.acquiredBy().close(); // closing the channel releases the lock
      } catch (java.io.IOException e) {
        // the process ends soon; the OS releases it then
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  private StoreException failure(String what, Exception e) {
    return new StoreException("cannot " + what + " in " + describe() + ": " + reason(e), e);
  }

  /** The innermost cause's type and message, one line, without the password. */
  private String reason(Throwable e) {
    Throwable root = e;
    for (Throwable c = e.getCause(); c != null && c != root; c = c.getCause()) {
      root = c;
    }
    String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return SafeText.scrubbed(text.length() > 400 ? text.substring(0, 400) + "…" : text, secrets);
  }

  private static StoredEvent event(ResultSet r) throws SQLException {
    try {
      Map<String, String> args = JSON.readValue(r.getString(6), new TypeReference<Map<String, String>>() { });
      List<String> ids = JSON.readValue(r.getString(8), new TypeReference<List<String>>() { });
      return new StoredEvent(Instant.EPOCH.plus(r.getLong(1), ChronoUnit.MICROS), new AuditEvent(r.getString(2),
          r.getLong(3), r.getString(4), r.getString(5), args, r.getString(7), ids, r.getLong(9)));
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable audit row: " + e.getOriginalMessage(), e);
    }
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  private static String cut(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** The store's connections as a {@link DataSource}, for Flyway. */
  private final class Source implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return connect();
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

    @Override
    public int getLoginTimeout() {
      return 0;
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
