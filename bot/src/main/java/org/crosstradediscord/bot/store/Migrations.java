package org.crosstradediscord.bot.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema at {@link JdbcStore#open}: Flyway's {@code migrate()}, unless one query shows the schema is already
 * exactly the one this bot's migrations make, so a restart on a current schema neither loads Flyway nor scans for it.
 *
 * <p>Skipped only when every row of {@code flyway_schema_history} is a successful {@code SQL} migration, their versions
 * are exactly the {@code V<n>__*.sql} files in the bot's one {@code db/migration} directory (none missing, none newer),
 * and each row's checksum is the one Flyway computes for that file. Anything else — no history table, an older or a
 * newer schema, a failed or baseline row, an edited migration, an unreadable listing, a file that is not
 * {@code V<n>__*.sql} — goes through Flyway exactly as before (which migrates, or refuses, with its own message).
 */
final class Migrations {
  /** Where the migrations are, for Flyway. */
  static final String LOCATION = "classpath:db/migration";
  private static final String DIRECTORY = "db/migration";
  private static final Pattern VERSIONED = Pattern.compile("V([1-9][0-9]{0,8})__[A-Za-z0-9_]+\\.sql");
  private static final String HISTORY = "SELECT version, checksum, success, type FROM flyway_schema_history";

  private Migrations() {}

  /**
   * Brings the schema up to this bot's migrations.
   *
   * @param pool the store's connections
   * @return whether Flyway ran (false: the schema was current and Flyway was not loaded)
   * @throws RuntimeException Flyway's failure (a failed or newer migration, a database error)
   */
  static boolean migrate(DataSource pool) {
    if (current(pool, inJar())) {
      return false;
    }
    Flyway.configure().dataSource(pool).locations(LOCATION).connectRetries(0).load().migrate();
    return true;
  }

  /**
   * @param pool the store's connections
   * @param migrations version → checksum of this bot's migrations, or null when they could not be listed
   * @return true only when the history table holds exactly these migrations, all successful; false on any doubt
   */
  static boolean current(DataSource pool, Map<Integer, Integer> migrations) {
    if (migrations == null || migrations.isEmpty()) {
      return false;
    }
    Map<Integer, Integer> applied = new HashMap<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(HISTORY)) {
      while (r.next()) {
        String version = r.getString(1);
        int checksum = r.getInt(2);
        boolean noChecksum = r.wasNull();
        if (version == null || noChecksum || !r.getBoolean(3) || !"SQL".equals(r.getString(4))
            || !version.matches("[1-9][0-9]{0,8}") || applied.put(Integer.valueOf(version), checksum) != null) {
          return false;
        }
      }
    } catch (SQLException | RuntimeException e) {
      return false; // no history table yet, or anything unexpected: Flyway decides
    }
    return applied.equals(migrations);
  }

  /**
   * @return version → Flyway checksum of each {@code V<n>__*.sql} in the one {@code db/migration} directory on the
   *     class path; null when there is not exactly one such directory, it holds anything else, or it cannot be read
   */
  static Map<Integer, Integer> inJar() {
    try {
      List<URL> dirs = Collections.list(Migrations.class.getClassLoader().getResources(DIRECTORY));
      if (dirs.size() != 1) {
        return null;
      }
      List<String> names = names(dirs.get(0));
      if (names == null) {
        return null;
      }
      Map<Integer, Integer> out = new HashMap<>();
      for (String name : names) {
        Matcher m = VERSIONED.matcher(name);
        if (!m.matches()) {
          return null;
        }
        Integer checksum = checksum(DIRECTORY + "/" + name);
        if (checksum == null || out.put(Integer.valueOf(m.group(1)), checksum) != null) {
          return null;
        }
      }
      return out;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** @return the file names directly in the directory (a {@code file:} or {@code jar:} URL), or null */
  private static List<String> names(URL dir) throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    if (dir.getProtocol().equals("file")) {
      try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
        for (Path p : (Iterable<Path>) files::iterator) {
          names.add(p.getFileName().toString());
        }
      }
      return names;
    }
    if (!dir.getProtocol().equals("jar")) {
      return null;
    }
    JarURLConnection connection = (JarURLConnection) dir.openConnection();
    connection.setUseCaches(false); // our own JarFile, closed here; the class loader's stays untouched
    try (JarFile jar = connection.getJarFile()) {
      String prefix = DIRECTORY + "/";
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
          String rest = name.substring(prefix.length());
          if (e.isDirectory() || rest.contains("/")) {
            return null; // Flyway scans sub-directories too: let it
          }
          names.add(rest);
        }
      }
    }
    return names;
  }

  /**
   * Flyway's checksum of a migration (its {@code ChecksumCalculator}): CRC32 over the UTF-8 bytes of each line,
   * without line ends, a byte-order mark dropped. {@code MigrationsTest} checks it against Flyway's own.
   *
   * @return the checksum, or null when the resource is missing
   */
  static Integer checksum(String resource) throws IOException {
    InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      return null;
    }
    CRC32 crc = new CRC32();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        crc.update(text.getBytes(StandardCharsets.UTF_8));
      }
    }
    return (int) crc.getValue();
  }
}
