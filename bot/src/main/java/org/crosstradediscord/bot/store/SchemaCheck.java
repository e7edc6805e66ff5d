package org.crosstradediscord.bot.store;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Whether a database's schema is exactly the one this bot's migrations make, judged from Flyway's read-only
 * {@code info()} (the {@code flyway_schema_history} table against the migrations on the classpath). Used where the
 * schema must not be upgraded: {@link JdbcStore#openReadOnly}.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * @param pool the store's connections (read-only)
   * @return as {@link #problem(MigrationInfoService)}, from Flyway's read-only {@code info()}
   * @throws RuntimeException the database cannot be read
   */
  static String problem(DataSource pool) {
    return problem(Flyway.configure().dataSource(pool).locations(Migrations.LOCATION).connectRetries(0).load().info());
  }

  /**
   * @param info Flyway's view of the database
   * @return null when the schema is current, else one line saying what is wrong and what to do, e.g.
   *     {@code the schema is older than this bot (version 2, this bot needs 4): start this bot on it once to
   *     upgrade it, then export}
   */
  static String problem(MigrationInfoService info) {
    MigrationInfo[] all = info.all();
    MigrationVersion known = Arrays.stream(all).filter(m -> m.getState().isResolved() && m.isVersioned())
        .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
    MigrationInfo current = info.current();
    if (current == null) {
      return "it has no bot schema (the bot has never started on it): nothing to export";
    }
    for (MigrationInfo m : all) {
      if (m.getState().isFailed()) {
        return "the schema has a failed migration (version " + m.getVersion() + "): repair it before exporting";
      }
    }
    for (MigrationInfo m : all) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS) {
        return "the schema is newer than this bot (version " + current.getVersion() + ", this bot knows up to "
            + known + "): export with the bot version that wrote it";
      }
    }
    for (MigrationInfo m : all) {
      if (m.getState() == MigrationState.PENDING || m.getState() == MigrationState.IGNORED) {
        return "the schema is older than this bot (version " + current.getVersion() + ", this bot needs " + known
            + "): start this bot on it once to upgrade it, then export";
      }
    }
    return null;
  }
}
