package org.crosstradediscord.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --export-audit} beside a running bot on a real SQLite file: the export never holds off the bot's writes
 * (halt, claims, audit rows), and it never changes the file (no migration, no write).
 */
class ExportAuditTest {
  private static final Duration WRITE_BOUND = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  private record Run(int code, String stdout, String stderr) {}

  private Path config(Path db) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), """
        guild_ids: [1]
        mode: live
        accounts: {allowed: [Sim101]}
        crosstrade: {check_at_start: false}
        discord:
          rest_base_url: http://127.0.0.1:1/api/v10/
          gateway_url: ws://127.0.0.1:1/
        storage: {url: "jdbc:sqlite:%s"}
        """.formatted(db));
  }

  private Run export(Path config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BotMain.run(new String[] {"--config", config.toString(), "--export-audit", "2026-01-01", "2026-01-31"},
        Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static StoredEvent event(String at, String command) {
    return new StoredEvent(Instant.parse(at), new AuditEvent("result", 7, "alice", command, Map.of("account", "Sim101"),
        "ok", List.of(), 5));
  }

  /** Stdout that blocks at its first write until released, so the export's cursor stays open meanwhile. */
  private static final class BlockedSink extends OutputStream {
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writing.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IOException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
      synchronized (bytes) {
        bytes.write(b, off, len);
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  @Timeout(120)
  void aBlockedExport_neverHoldsOffTheBotsWrites() throws Exception {
    Path db = dir.resolve("bot.db");
    Path config = config(db);
    try (JdbcStore bot = JdbcStore.openForBot("jdbc:sqlite:" + db, Map.of())) { // the running bot's store
      bot.append(event("2026-01-10T10:00:00Z", "flatplace"));
      bot.append(event("2026-01-11T10:00:00Z", "close"));
      bot.append(event("2026-01-12T10:00:00Z", "reverse"));
      Instant now = Instant.now();
      bot.addPending(new PendingRow("card-1", "flatplace", 7, "alice", Set.of(10L), "{\"quantity\":1}", "live", now,
          now.plusSeconds(60), PendingState.PENDING, null, null, null));

      BlockedSink sink = new BlockedSink();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CompletableFuture<Integer> exporting = CompletableFuture.supplyAsync(() -> BotMain.run(new String[] {"--config",
          config.toString(), "--export-audit", "2026-01-01", "2026-01-31"}, Map.of(),
          new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
      try {
        assertThat(sink.writing.await(30, TimeUnit.SECONDS)).as("the export reached its first line; %s", err).isTrue();

        // While the export's SELECT is open: each write lands at once (the busy timeout is 5 s).
        HaltState halt = new HaltState(true, "news", 42, "rita", now);
        assertTimeoutPreemptively(WRITE_BOUND, () -> bot.setHalt(halt), "setHalt blocked by the export");
        assertThat(bot.halt().halted()).isTrue();
        assertThat(assertTimeoutPreemptively(WRITE_BOUND, () -> bot.claimPending("card-1", 7, "ix-1", "tok-1", now,
            now.plusSeconds(30)), "claimPending blocked by the export")).isTrue();
        for (int i = 0; i < 3; i++) {
          StoredEvent e = event("2026-01-20T10:00:0" + i + "Z", "positions");
          assertTimeoutPreemptively(WRITE_BOUND, () -> bot.append(e), "append blocked by the export");
        }
      } finally {
        sink.release.countDown();
      }

      assertThat(exporting.get(30, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
      List<String> commands = new ArrayList<>();
      for (String line : sink.text().lines().toList()) {
        commands.add(line.replaceAll(".*\"command\":\"([a-z]+)\".*", "$1"));
      }
      assertThat(commands).as("the rows as of the export's start, oldest first")
          .containsExactly("flatplace", "close", "reverse");
      assertThat(bot.recent(OptionalLong.empty(), 10)).hasSize(6);
      assertThat(bot.pending("card-1").state()).isEqualTo(PendingState.CONFIRMED);
    }
  }

  @Test
  void anOlderSchema_isRefusedInOneLine_andTheFileIsLeftAsItWas() throws Exception {
    Path db = dir.resolve("old.db");
    Flyway.configure().dataSource("jdbc:sqlite:" + db, null, null).locations("classpath:db/migration").target("2")
        .load().migrate(); // a file written by an older bot
    byte[] before = Files.readAllBytes(db);
    List<String> historyBefore = history(db);

    Run r = export(config(db));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).hasLineCount(1).startsWith("crosstrade-discord: storage.url: jdbc:sqlite:" + db)
        .contains("older than this bot (version 2, this bot needs ").contains("start this bot on it once");
    assertThat(r.stdout()).isEmpty();
    assertThat(Files.readAllBytes(db)).as("no migration, no write").isEqualTo(before);
    assertThat(history(db)).isEqualTo(historyBefore);
  }

  @Test
  void aNewerSchema_isRefusedInOneLine_andTheFileIsLeftAsItWas() throws Exception {
    Path db = dir.resolve("new.db");
    JdbcStore.open("jdbc:sqlite:" + db, Map.of()).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
          + " installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 1, 'x', 1, 1)");
    }
    byte[] before = Files.readAllBytes(db);

    Run r = export(config(db));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).hasLineCount(1).contains("newer than this bot (version 99, this bot knows up to ");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void aMissingFile_isRefusedInOneLine_andNotCreated() throws Exception {
    Path db = dir.resolve("typo.db");

    Run r = export(config(db));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).hasLineCount(1).isEqualTo("crosstrade-discord: storage.url: no SQLite file at jdbc:sqlite:"
        + db + " (nothing to export: check storage.url)\n");
    assertThat(db).doesNotExist();
  }

  @Test
  void aCurrentFile_isExported_withoutAWrite() throws Exception {
    Path db = dir.resolve("bot.db");
    try (JdbcStore bot = JdbcStore.open("jdbc:sqlite:" + db, Map.of())) {
      bot.append(event("2026-01-10T10:00:00Z", "flatplace"));
    }
    byte[] before = Files.readAllBytes(db);

    Run r = export(config(db));

    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines()).hasSize(1).allMatch(l -> l.contains("\"command\":\"flatplace\""));
    assertThat(Files.readAllBytes(db)).as("the export changed the file").isEqualTo(before);
  }

  private static List<String> history(Path db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
      while (r.next()) {
        rows.add(r.getString(1) + ":" + r.getInt(2));
      }
    }
    return rows;
  }
}
