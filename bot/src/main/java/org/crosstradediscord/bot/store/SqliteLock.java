package org.crosstradediscord.bot.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.crosstradediscord.bot.text.SafeText;

/** The bot process's exclusive lock beside its SQLite file ({@code <file>.lock}); see {@link JdbcStore#openForBot}. */
final class SqliteLock {
  private SqliteLock() {}

  /**
   * @param lockFile the lock file (created when missing)
   * @return the lock, held until its channel is closed (or the process dies); null when another process (or this
   *     one) holds it
   * @throws IOException the file cannot be created or opened
   */
  static FileLock tryTake(Path lockFile) throws IOException {
    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
    }
    return lock;
  }

  /**
   * The bot's lock on {@code lockFile}, as {@link JdbcStore#openForBot} needs it.
   *
   * @param lockFile the lock file beside the SQLite file
   * @param sql for the reason of a failure
   * @param where the store, as shown in messages
   * @return the lock
   * @throws StoreException the file cannot be locked, or another bot process holds it (one line each)
   */
  static FileLock forBot(Path lockFile, Sql sql, String where) {
    FileLock lock;
    try {
      lock = tryTake(lockFile);
    } catch (IOException e) {
      throw new StoreException("storage.url: cannot lock " + SafeText.oneLine(lockFile.toString()) + ": "
          + sql.reason(e), e);
    }
    if (lock == null) {
      throw new StoreException("storage.url: another bot process is already using " + where
          + " (one bot per SQLite file; two replicas need PostgreSQL)", null);
    }
    return lock;
  }

  /** @param lock a lock from {@link #tryTake}, or null; released by closing its channel (failures ignored) */
  static void release(FileLock lock) {
    if (lock != null) {
      try {
        lock.acquiredBy().close();
      } catch (IOException e) {
        // the process ends soon; the OS releases it then
      }
    }
  }
}
