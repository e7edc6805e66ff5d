package org.crosstradediscord.bot.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
