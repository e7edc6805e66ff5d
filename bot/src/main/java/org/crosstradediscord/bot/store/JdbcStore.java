package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@link Store} over JDBC: an SQLite file ({@code jdbc:sqlite:PATH}, WAL journal) or PostgreSQL
 * ({@code jdbc:postgresql://HOST[:PORT]/DB}, credentials from {@value #USER_ENV} / {@value #PASSWORD_ENV}); schema by
 * the Flyway migrations in {@code db/migration} at {@link #open} ({@link #openReadOnly} never migrates nor writes).
 * Connections come from {@link StorePool} (SQLite: its one writer; PostgreSQL: a few), waited for at most
 * {@value StorePool#WAIT_MS} ms; nothing is cached. The SQL is in {@link AuditSql}, {@link PendingSql},
 * {@link ControlSql}, {@link AlertSql}, {@link ApprovalSql}, {@link UnknownSql} and {@link ReportSql}, run through
 * {@link Sql}.
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

  private final String url;
  private final HikariDataSource pool;
  private final Sql sql;
  private final AuditSql audit;
  private final PendingSql pending;
  private final ControlSql controls;
  private final AlertSql alerts;
  private final ApprovalSql approvals;
  private final UnknownSql unknowns;
  private final ReportSql reports;
  private volatile FileLock lock;
  private volatile String schemaTime = "";

  private JdbcStore(String url, HikariDataSource pool, List<String> secrets) {
    this.url = url;
    this.pool = pool;
    this.sql = new Sql(pool, StoreUrls.display(url), secrets);
    this.audit = new AuditSql(sql);
    this.pending = new PendingSql(sql);
    this.controls = new ControlSql(sql);
    this.alerts = new AlertSql(sql);
    this.approvals = new ApprovalSql(sql);
    this.unknowns = new UnknownSql(sql);
    this.reports = new ReportSql(sql);
  }

  /**
   * Opens the store, creates or upgrades its schema ({@link Migrations}: Flyway unless the schema is exactly current),
   * and checks that it can write. An SQLite file is switched to
   * WAL journal mode (kept in the file), so a long read such as {@code --export-audit} never holds off a write.
   *
   * @param url a {@code jdbc:sqlite:} or {@code jdbc:postgresql://} URL (the config's {@code storage.url}, with a
   *     relative SQLite path already resolved)
   * @param env the environment, for {@value #USER_ENV} and {@value #PASSWORD_ENV}
   * @return the open store; {@link #close()} closes its connections
   * @throws StoreException unsupported URL, unreachable database, refused credentials, unwritable file, a file
   *     that cannot use WAL
   */
  public static JdbcStore open(String url, Map<String, String> env) {
    JdbcStore store = start(url, env, false);
    try {
      if (url.startsWith(SQLITE)) {
        StorePool.useWal(store.sql);
      }
      long t0 = System.nanoTime();
      boolean flyway = Migrations.migrate(store.pool); // Flyway only when the schema is not exactly current
      store.schemaTime = (flyway ? "migrations " : "schema current ") + (System.nanoTime() - t0) / 1_000_000;
      if (store.sql.update("write", "UPDATE halt_state SET halted = halted WHERE id = 1") != 1) {
        throw new SQLException("halt_state has no row 1");
      }
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw new StoreException("storage.url: cannot open " + store.describe() + ": " + store.sql.reason(e), e);
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
   * @return the read-only store; {@link #close()} closes its connections
   * @throws StoreException one line starting {@code storage.url:}: unsupported URL, no such SQLite file,
   *     unreachable database, refused credentials, a schema missing, older or newer than this bot's
   */
  public static JdbcStore openReadOnly(String url, Map<String, String> env) {
    JdbcStore store = start(url, env, true);
    String problem;
    try {
      problem = SchemaCheck.problem(store.pool);
    } catch (RuntimeException e) {
      store.close();
      throw new StoreException("storage.url: cannot open " + store.describe() + ": " + store.sql.reason(e), e);
    }
    if (problem != null) {
      store.close();
      throw new StoreException("storage.url: " + store.describe() + ": " + problem, null);
    }
    return store;
  }

  /** Checks the URL (and that a read-only SQLite file exists), then starts the pool. */
  private static JdbcStore start(String url, Map<String, String> env, boolean readOnly) {
    List<String> secrets = new ArrayList<>();
    Properties properties = StorePool.properties(url, env, readOnly, secrets);
    if (readOnly && url.startsWith(SQLITE) && !Files.isRegularFile(Path.of(url.substring(SQLITE.length())))) {
      throw new StoreException("storage.url: no SQLite file at " + StoreUrls.display(url)
          + " (nothing to export: check storage.url)", null);
    }
    try {
      return new JdbcStore(url, StorePool.start(url, properties, readOnly), secrets);
    } catch (RuntimeException e) {
      throw new StoreException("storage.url: cannot open " + StoreUrls.display(url) + ": " + Sql.reason(e, secrets), e);
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
      try {
        store.lock = SqliteLock.forBot(Path.of(url.substring(SQLITE.length()) + ".lock"), store.sql, store.describe());
      } catch (StoreException e) {
        store.close();
        throw e;
      }
    }
    return store;
  }

  @Override
  public void append(StoredEvent stored) {
    audit.append(stored);
  }

  @Override
  public List<StoredEvent> recent(OptionalLong userId, int count) {
    return audit.recent(userId, count);
  }

  @Override
  public void export(Instant from, Instant to, Consumer<StoredEvent> sink) {
    audit.export(from, to, sink);
  }

  @Override
  public HaltState halt() {
    return controls.halt();
  }

  @Override
  public void setHalt(HaltState state) {
    controls.setHalt(state);
  }

  @Override
  public boolean resumeHalt(HaltState resumed, Instant haltedSince) {
    return controls.resumeHalt(resumed, haltedSince);
  }

  @Override
  public void addPending(PendingRow row) {
    pending.add(row);
  }

  @Override
  public PendingRow pending(String id) {
    return pending.get(id);
  }

  @Override
  public boolean claimPending(String id, long userId, String interactionId, String token, Instant now,
      Instant leaseUntil) {
    return pending.claim(id, userId, interactionId, token, now, leaseUntil);
  }

  @Override
  public boolean unclaimPending(String id, String interactionId, Instant now) {
    return pending.unclaim(id, interactionId, now);
  }

  @Override
  public boolean movePending(String id, PendingState from, PendingState to, Instant now) {
    return pending.move(id, from, to, now);
  }

  @Override
  public boolean endPending(String id, PendingState to, String interactionId, Instant now) {
    return pending.end(id, to, interactionId, now);
  }

  @Override
  public List<PendingRow> staleClaims(Instant now, Instant claimedBefore) {
    return pending.staleClaims(now, claimedBefore);
  }

  @Override
  public int prunePending(Instant before) {
    return pending.prune(before);
  }

  /** @return how {@link #open} found the schema, for the start-up line: {@code migrations 210} or {@code schema current
   *     9} (ms); empty for a read-only store */
  public String schemaTime() {
    return schemaTime;
  }

  @Override
  public ControlStore controls() {
    return controls;
  }

  @Override
  public AlertStore alerts() {
    return alerts;
  }

  @Override
  public ApprovalStore approvals() {
    return approvals;
  }

  @Override
  public UnknownOutcomes unknowns() {
    return unknowns;
  }

  @Override
  public ReportStore reports() {
    return reports;
  }

  @Override
  public boolean shared() {
    return url.startsWith(POSTGRESQL);
  }

  @Override
  public String describe() {
    return StoreUrls.display(url);
  }

  /**
   * Closes the pool's connections (a call in flight keeps its connection until it ends; later calls fail with a
   * {@link StoreException}), then releases the bot's SQLite lock. Idempotent.
   */
  @Override
  public void close() {
    pool.close();
    SqliteLock.release(lock); // twice is harmless: closing a closed channel does nothing
    lock = null;
  }
}
