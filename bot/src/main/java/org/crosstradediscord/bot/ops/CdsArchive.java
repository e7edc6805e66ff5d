package org.crosstradediscord.bot.ops;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's half of the launcher's class-data archive ({@code bin/crosstrade-bot}, AppCDS; docs/setup.md):
 * <ul>
 *   <li>{@link #registered()}, as soon as the commands are registered: on a start without an archive, it creates the
 *       empty file named by {@code -D}{@value #TRAINED}: the launcher's
 *       sign that this configuration starts. After a start that left {@code STEM.ready}, the next one makes the
 *       archive ({@code -XX:ArchiveClassesAtExit=STEM.PID.dump}, and {@value #TRAINED} names {@code STEM.PID.ok}): the
 *       archive the JVM writes at exit then holds the classes of a whole start, and the next launch renames it to
 *       {@code STEM.SIZE.jsa}. A start that fails never creates the file, so its partial archive is dropped;</li>
 *   <li>{@link #started()}, once started: on a start that was given an archive ({@code -XX:SharedArchiveFile=FILE} and
 *       {@code -D}{@value #MAPPED}
 *       {@code =FILE}), it checks in {@code /proc/self/maps} that the JVM mapped it. One the JVM refused without a word
 *       (a jar or JDK changed in a way the archive's name does not show) is deleted, so the next start makes a new one
 *       instead of starting without one for ever. Where {@code /proc/self/maps} cannot be read, nothing is checked.</li>
 * </ul>
 */
public final class CdsArchive {
  /** System property naming the file to create after a successful start; absent when the launcher has an archive. */
  public static final String TRAINED = "crosstrade.cds.trained";
  /** System property naming the archive the launcher asked the JVM to map; absent when none. */
  public static final String MAPPED = "crosstrade.cds.archive";
  private static final Logger log = LoggerFactory.getLogger(CdsArchive.class);

  private CdsArchive() {}

  /** Creates the file {@value #TRAINED} names, if set (see the class comment). Never throws. */
  public static void registered() {
    marked(System.getProperty(TRAINED));
  }

  /** Checks that the archive {@value #MAPPED} names, if set, was mapped (see the class comment). Never throws. */
  public static void started() {
    checked(System.getProperty(MAPPED), Path.of("/proc/self/maps"));
  }

  /**
   * @param marker the {@code .ok} file to create, or null
   * @return true when it exists now, false when there is none to create or it cannot be created (then: no archive,
   *     logged at DEBUG)
   */
  static boolean marked(@Nullable String marker) {
    if (marker == null || marker.isBlank()) {
      return false;
    }
    try {
      Files.createFile(Path.of(marker));
      return true;
    } catch (FileAlreadyExistsException e) {
      return true;
    } catch (IOException | InvalidPathException | UnsupportedOperationException | SecurityException e) {
      log.debug("no class-data archive this time: cannot create {}: {}", marker, e.toString());
      return false;
    }
  }

  /**
   * @param archive the archive the JVM was given, or null
   * @param maps this process's memory map ({@code /proc/self/maps})
   * @return true when the archive was given but is not mapped, and was deleted (logged at INFO)
   */
  static boolean checked(@Nullable String archive, Path maps) {
    if (archive == null || archive.isBlank() || !Files.isReadable(maps)) {
      return false;
    }
    try (Stream<String> lines = Files.lines(maps)) {
      String mapped = " " + Path.of(archive).toRealPath(); // the kernel shows the path with symlinks resolved
      if (lines.anyMatch(l -> l.endsWith(mapped))) {
        return false;
      }
      Files.deleteIfExists(Path.of(archive));
    } catch (IOException | InvalidPathException | java.io.UncheckedIOException | SecurityException e) {
      log.debug("cannot check the class-data archive {}: {}", archive, e.toString());
      return false;
    }
    log.info("class-data archive {} was not used by this JVM (it was made for another jar, JDK or options): removed;"
        + " the next start makes a new one", archive);
    return true;
  }
}
