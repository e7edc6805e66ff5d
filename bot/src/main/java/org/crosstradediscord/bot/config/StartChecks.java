package org.crosstradediscord.bot.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;

/**
 * What {@code --check-config} checks beyond the file itself: that the places a real start writes to can be written
 * by the user running the check (run it as the service user: {@code sudo -u crosstrade-bot … --check-config}), so a
 * config that passes does not then stop the start with SQLite's {@code SQLITE_CANTOPEN}. Creates nothing.
 *
 * <ul>
 *   <li>{@code storage.url} SQLite: the file's directory exists and is writable (the bot creates the file, its
 *       {@code -wal}/{@code -shm} files and {@code <file>.lock} there), and each of those that already exists is a
 *       writable file. The database is not opened: opening could create it.
 *   <li>{@code storage.url} PostgreSQL: a read-only session is opened and closed ({@link JdbcStore#openReadOnly};
 *       needs {@code STORAGE_USER}/{@code STORAGE_PASSWORD}). A schema the bot has not made yet, or an older one, is
 *       fine: a start creates or upgrades it.
 *   <li>{@code logging.file}: its directory exists and is writable (the log is rolled there), and the file, when it
 *       exists, is writable.
 * </ul>
 *
 * <p>Every failure is one line: a {@link ConfigException} naming the key, or the store's {@link StoreException}
 * (both exit 2).
 */
public final class StartChecks {
  private StartChecks() {}

  /**
   * @param config the loaded config
   * @param env the environment (for a PostgreSQL {@code storage.url}'s credentials)
   * @throws ConfigException a path the start writes to is missing or not writable by this user
   * @throws StoreException a PostgreSQL {@code storage.url} cannot be opened
   */
  public static void check(BotConfig config, Map<String, String> env) {
    String url = config.storage().url();
    if (url.startsWith(StorageUrl.SQLITE)) {
      sqlite(Path.of(url.substring(StorageUrl.SQLITE.length())));
    } else {
      postgres(url, env);
    }
    config.logging().file().ifPresent(StartChecks::logFile);
  }

  private static void sqlite(Path file) {
    String key = "storage.url";
    directory(key, file, "the bot creates " + shown(file.getFileName()) + ", its -wal and -shm files and "
        + shown(file.getFileName()) + ".lock there");
    for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
      Path p = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(p) && !(Files.isRegularFile(p) && Files.isReadable(p) && Files.isWritable(p))) {
        throw new ConfigException(key + ": " + shown(p) + " is not a file that user " + user()
            + " can read and write (chown or chmod it, or check as the user that runs the bot)");
      }
    }
  }

  private static void logFile(Path file) {
    String key = "logging.file";
    directory(key, file, "the log file is written and rolled there");
    if (Files.exists(file) && !(Files.isRegularFile(file) && Files.isWritable(file))) {
      throw new ConfigException(key + ": " + shown(file) + " is not a file that user " + user()
          + " can write (chown or chmod it, or check as the user that runs the bot)");
    }
  }

  /** The file's directory exists and this user may create files in it. */
  private static void directory(String key, Path file, String why) {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ConfigException(key + ": directory " + shown(dir) + " does not exist (or is not a directory): create"
          + " it, writable by the user that runs the bot (" + why + ")");
    }
    if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
      throw new ConfigException(key + ": directory " + shown(dir) + " is not writable by user " + user() + " ("
          + why + "): chown or chmod it, or check as the user that runs the bot");
    }
  }

  private static void postgres(String url, Map<String, String> env) {
    try {
      JdbcStore.openReadOnly(url, env).close();
    } catch (StoreException e) {
      // openReadOnly also refuses a schema the bot has not made yet, or an older one (no cause: it connected and
      // read flyway's history); a start creates or upgrades those, so only a failure to connect counts here.
      if (e.getCause() != null) {
        throw e;
      }
    }
  }

  private static String shown(Path p) {
    return p == null ? "(none)" : SafeText.oneLine(p.toString());
  }

  private static String user() {
    return SafeText.oneLine(System.getProperty("user.name", "?"));
  }
}
