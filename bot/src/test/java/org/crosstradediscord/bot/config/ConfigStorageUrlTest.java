package org.crosstradediscord.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code storage.url}: PostgreSQL parameters from a fixed list with safe values, TLS to any host not on this one,
 * SQLite without parameters. Each refusal is one line naming {@code storage.url} (and the parameter), never a value.
 */
class ConfigStorageUrlTest {
  private static final String MINIMAL = "guild_ids: [1]\naccounts: {allowed: [Sim101]}\nmode: paper\n";

  private static String load(String url) {
    return ConfigLoader.parse(MINIMAL + "storage: {url: \"" + url + "\"}\n", "config.yaml").storage().url();
  }

  private static void refused(String url, String... messageParts) {
    var thrown = assertThatThrownBy(() -> load(url)).as(url).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("storage.url: ");
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void timeoutsOfZero_orOutOfRange_areRefused_namingTheParameter() {
    refused("jdbc:postgresql://localhost/desk?socketTimeout=0", "parameter 'socketTimeout' must be whole seconds from 1"
        + " to 300 (0 would wait forever)");
    refused("jdbc:postgresql://localhost/desk?connectTimeout=0", "'connectTimeout'");
    refused("jdbc:postgresql://localhost/desk?loginTimeout=0", "'loginTimeout'");
    refused("jdbc:postgresql://localhost/desk?socketTimeout=301", "'socketTimeout'");
    refused("jdbc:postgresql://localhost/desk?socketTimeout=-1", "'socketTimeout'");
    refused("jdbc:postgresql://localhost/desk?socketTimeout=1.5", "'socketTimeout'");
    refused("jdbc:postgresql://localhost/desk?socketTimeout=%30", "'socketTimeout'"); // decoded as the driver does
    refused("jdbc:postgresql://localhost/desk?socketTimeout=10&socketTimeout=0", "'socketTimeout' is given twice");
    assertThat(load("jdbc:postgresql://localhost/desk?socketTimeout=1&connectTimeout=300&loginTimeout=5"))
        .isEqualTo("jdbc:postgresql://localhost/desk?socketTimeout=1&connectTimeout=300&loginTimeout=5");
  }

  @Test
  void parametersOutsideTheList_areRefused_namingThem_withoutTheirValue() {
    for (String p : new String[] {"socketFactory=org.example.Evil", "sslfactory=org.example.Factory", "sslpassword=hunter2secret",
        "options=-c%20statement_timeout%3D0", "host=elsewhere.example", "readOnly=true", "SOCKETTIMEOUT=0",
        "loggerFile=/tmp/pg.log", "authenticationPluginClassName=org.example.Plugin"}) {
      String name = p.substring(0, p.indexOf('='));
      refused("jdbc:postgresql://localhost/desk?" + p, "parameter '" + name + "' is not allowed (allowed: "
          + "ApplicationName, connectTimeout, currentSchema, loginTimeout, socketTimeout, sslcert, sslkey, sslmode,"
          + " sslrootcert, targetServerType");
      assertThatThrownBy(() -> load("jdbc:postgresql://localhost/desk?" + p))
          .hasMessageNotContaining(p.substring(p.indexOf('=') + 1));
    }
    refused("jdbc:postgresql://localhost/desk?sslmode=require&&ApplicationName=x", "an empty parameter");
    refused("jdbc:postgresql://localhost/desk?targetServerType=secondary", "'targetServerType' must be any or primary");
    refused("jdbc:postgresql://localhost/desk?currentSchema=a;drop", "'currentSchema'");
  }

  @Test
  void credentials_stayOutOfTheUrl() {
    refused("jdbc:postgresql://db.example/desk?sslmode=require&password=pw", "must not contain credentials",
        "STORAGE_PASSWORD");
    refused("jdbc:postgresql://desk:pw@db.example/desk?sslmode=require", "must not contain credentials");
    refused("jdbc:postgresql://localhost/desk?User=desk", "must not contain credentials");
  }

  @Test
  void aHostNotOnThisMachine_needsTls() {
    for (String url : new String[] {"jdbc:postgresql://db.example.internal:5432/desk",
        "jdbc:postgresql://db.example.internal/desk?sslmode=prefer", "jdbc:postgresql://10.0.0.5/desk?sslmode=disable",
        "jdbc:postgresql://localhost,db.example.internal/desk?sslmode=allow", "jdbc:postgresql://[::2]:5432/desk"}) {
      refused(url, "is not on this host: add ?sslmode=require (or verify-ca or verify-full)");
    }
    for (String mode : new String[] {"require", "verify-ca", "verify-full"}) {
      String url = "jdbc:postgresql://db.example.internal:5432/desk?sslmode=" + mode
          + "&sslrootcert=/etc/ssl/pg-root.crt&ApplicationName=desk-bot&currentSchema=bot&targetServerType=primary";
      assertThat(load(url)).isEqualTo(url);
    }
    assertThat(load("jdbc:postgresql://localhost:5432/desk")).isEqualTo("jdbc:postgresql://localhost:5432/desk");
    assertThat(load("jdbc:postgresql://127.0.0.1/desk?sslmode=disable")).endsWith("sslmode=disable");
    assertThat(load("jdbc:postgresql://[::1]:5432/desk")).isEqualTo("jdbc:postgresql://[::1]:5432/desk");
  }

  @Test
  void malformedPostgresUrls_areRefused() {
    refused("jdbc:postgresql://localhost/", "must be jdbc:postgresql://HOST[:PORT]/DATABASE");
    refused("jdbc:postgresql://localhost:0/desk", "port 1..65535");
    refused("jdbc:postgresql://localhost:99999/desk", "port 1..65535");
    refused("jdbc:postgresql://localhost:x/desk", "port 1..65535");
    refused("jdbc:postgresql://localhost/desk?sslmode=%zz", "malformed %-escape");
  }

  @Test
  void sqlite_takesNoParameters() {
    refused("jdbc:sqlite:bot.db?journal_mode=DELETE", "must name an SQLite file", "no file: URI or parameters");
    refused("jdbc:sqlite:file:bot.db?mode=rwc", "must name an SQLite file");
    refused("jdbc:sqlite::memory:", "must name an SQLite file");
    assertThat(load("jdbc:sqlite:/var/lib/bot/bot.db")).isEqualTo("jdbc:sqlite:/var/lib/bot/bot.db");
  }
}
