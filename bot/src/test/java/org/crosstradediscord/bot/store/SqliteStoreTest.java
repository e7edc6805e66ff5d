package org.crosstradediscord.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, plus SQLite's own failure modes. */
class SqliteStoreTest extends StoreContract {
  @TempDir
  Path dir;

  @Override
  String url() {
    return JdbcStore.SQLITE + dir.resolve("bot.db");
  }

  @Override
  String user() {
    return null;
  }

  @Override
  Store store() {
    return JdbcStore.open(url(), Map.of());
  }

  @Override
  Store reopen() {
    return JdbcStore.open(url(), Map.of());
  }

  @Test
  void oneBotProcessPerFile_theSecondIsRefused_untilTheFirstCloses() {
    String url = "jdbc:sqlite:" + dir.resolve("locked.db");
    JdbcStore first = JdbcStore.openForBot(url, Map.of());
    assertThatThrownBy(() -> JdbcStore.openForBot(url, Map.of())).isInstanceOf(StoreException.class)
        .hasMessageContaining("another bot process is already using").hasMessageContaining("PostgreSQL");
    JdbcStore reader = JdbcStore.openReadOnly(url, Map.of()); // --export-audit still reads
    assertThat(reader.recent(java.util.OptionalLong.empty(), 1)).isEmpty();
    first.close();
    JdbcStore.openForBot(url, Map.of()).close();
  }

  @Test
  void theFileIsCreatedOnFirstOpen() {
    store();
    assertThat(dir.resolve("bot.db")).isRegularFile();
  }

  @Test
  void aPathUnderARegularFileCannotBeOpened() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> JdbcStore.open(JdbcStore.SQLITE + file.resolve("bot.db"), Map.of()))
        .isInstanceOf(StoreException.class).hasMessageStartingWith("storage.url: cannot open jdbc:sqlite:")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anUnsupportedUrlIsRefused() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:h2:mem:x", Map.of())).isInstanceOf(StoreException.class)
        .hasMessageContaining("unsupported");
  }
}
