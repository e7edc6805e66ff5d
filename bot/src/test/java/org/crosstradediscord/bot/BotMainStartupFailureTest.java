package org.crosstradediscord.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.CrossTradeConfig;
import org.crosstradediscord.bot.config.StorageConfig;
import org.crosstradediscord.bot.config.ConfigLoader;
import org.crosstradediscord.bot.discord.DiscordBot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up failures past the config: each is exit code 1 and exactly one line on stderr, never a stack trace,
 * never a token. Discord is pointed at a loopback port nothing listens on.
 */
class BotMainStartupFailureTest {
  private static final String DISCORD_TOKEN = "discord-token-abc123";
  private static final String CROSSTRADE_TOKEN = "crosstrade-token-xyz789";

  private static final Map<String, String> ENV =
      Map.of("DISCORD_TOKEN", DISCORD_TOKEN, "CROSSTRADE_TOKEN", CROSSTRADE_TOKEN);

  private record Run(int code, String stdout, String stderr) {}

  private static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    // Libraries log to System.out/System.err; capture those too so a stack trace anywhere is seen.
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(o);
    System.setErr(e);
    try {
      return new Run(BotMain.run(args, env, o, e), out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Path config(Path dir, String crosstrade, int discordPort) throws Exception {
    return Files.writeString(dir.resolve("config.yaml"), """
        guild_ids: [1]
        mode: live
        accounts: {allowed: [Sim101]}
        crosstrade: {%s}
        discord:
          rest_base_url: http://127.0.0.1:%d/api/v10/
          gateway_url: ws://127.0.0.1:%d/
        """.formatted(crosstrade.isEmpty() ? "check_at_start: false" : "check_at_start: false, " + crosstrade,
        discordPort, discordPort)); // these are about Discord: no CrossTrade read at start
  }

  private static void assertOneCleanLine(Run r) {
    assertThat(r.stderr()).as(r.stderr()).hasLineCount(1).startsWith("crosstrade-discord: cannot start: ");
    for (String output : new String[] {r.stdout(), r.stderr()}) {
      assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread")
          .doesNotContain(DISCORD_TOKEN).doesNotContain(CROSSTRADE_TOKEN);
    }
  }

  @Test
  @Timeout(60)
  void unreachableDiscord_exits1_withOneLine(@TempDir Path dir) throws Exception {
    Path file = config(dir, "connect_timeout_ms: 200", closedPort());
    Run r = run(ENV, "--config", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertOneCleanLine(r);
    assertThat(r.stderr()).contains("cannot reach Discord at http://127.0.0.1:")
        .contains(": connection refused by 127.0.0.1 (check discord.rest_base_url").doesNotContain("Exception");
  }

  @Test
  @Timeout(60)
  void discordRefusingTheToken_exits1_withOneLine(@TempDir Path dir) throws Exception {
    HttpServer discord = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    discord.createContext("/", exchange -> {
      byte[] body = "{\"message\": \"401: Unauthorized\", \"code\": 0}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    discord.start();
    try {
      Run r = run(ENV, "--config", config(dir, "", discord.getAddress().getPort()).toString());
      assertThat(r.code()).isEqualTo(1);
      assertOneCleanLine(r);
      assertThat(r.stderr()).contains("Discord rejected DISCORD_TOKEN");
    } finally {
      discord.stop(0);
    }
  }

  @Test
  void configProblems_stayExit2_withOneLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("dup.yaml"), "guild_ids: [1]\naccounts: {allowed: [Sim101]}\nguild_ids: [2]\n");
    Run dup = run(ENV, "--config", file.toString());
    assertThat(dup.code()).isEqualTo(2);
    assertThat(dup.stderr()).hasLineCount(1).endsWith("dup.yaml line 3: duplicate key 'guild_ids'" + System.lineSeparator());

    Run badPath = run(ENV, "--config", "bad\0path.yaml");
    assertThat(badPath.code()).isEqualTo(2);
    assertThat(badPath.stderr()).hasLineCount(1).contains("config file path is not valid").doesNotContain("\tat ");

    Run badArg = run(ENV, "--config\n" + DISCORD_TOKEN);
    assertThat(badArg.code()).isEqualTo(2);
    assertThat(badArg.stderr()).hasLineCount(1).contains("unknown argument").doesNotContain(DISCORD_TOKEN);
  }

  @Test
  void sdkRefusingASetting_isAOneLineStartupException_notARawIllegalArgumentException(@TempDir Path dir) {
    BotConfig valid = ConfigLoader.parse("guild_ids: [1]\naccounts: {allowed: [Sim101]}\nmode: live\n", "test");
    CrossTradeConfig ct = valid.crosstrade();
    BotConfig slipped = valid.withCrossTrade(new CrossTradeConfig(java.net.URI.create("http://example.com"),
        ct.connectTimeout(), ct.requestTimeout(), ct.transport(), 1, false, false))
        .withStorage(new StorageConfig("jdbc:sqlite:" + dir.resolve("bot.db")));
    assertThatThrownBy(() -> BotMain.start(slipped, ENV))
        .isInstanceOf(DiscordBot.StartupException.class)
        .hasMessageStartingWith("the CrossTrade SDK refused a setting: ")
        .hasMessageNotContaining(CROSSTRADE_TOKEN)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static void assertOneStorageLine(Run r) {
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).as(r.stderr()).hasLineCount(1).startsWith("crosstrade-discord: storage.url: ");
    for (String output : new String[] {r.stdout(), r.stderr()}) {
      assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread")
          .doesNotContain(DISCORD_TOKEN).doesNotContain(CROSSTRADE_TOKEN).doesNotContain("pg-password-42");
    }
  }

  @Test
  @Timeout(60)
  void unwritableSqlitePath_exits2_withOneLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("plain-file"), "not a directory");
    Path file = config(dir, "", closedPort());
    Files.writeString(file, Files.readString(file) + "storage: {url: \"jdbc:sqlite:plain-file/bot.db\"}\n");
    Run r = run(ENV, "--config", file.toString());
    assertOneStorageLine(r);
    assertThat(r.stderr()).contains("cannot open jdbc:sqlite:" + dir.resolve("plain-file/bot.db"));
  }

  @Test
  @Timeout(60)
  void unreachablePostgres_exits2_withOneLine_andNoPassword(@TempDir Path dir) throws Exception {
    int port = closedPort();
    Path file = config(dir, "", closedPort());
    Files.writeString(file, Files.readString(file) + "storage: {url: \"jdbc:postgresql://127.0.0.1:" + port + "/desk\"}\n");
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.put("STORAGE_USER", "desk");
    env.put("STORAGE_PASSWORD", "pg-password-42");
    Run r = run(env, "--config", file.toString());
    assertOneStorageLine(r);
    assertThat(r.stderr()).contains("cannot open jdbc:postgresql://127.0.0.1:" + port + "/desk");
  }

  @Test
  void unsupportedOrCredentialCarryingStorageUrls_areConfigErrors_exit2(@TempDir Path dir) throws Exception {
    for (String url : new String[] {"jdbc:h2:mem:x", "jdbc:postgresql://desk:pw@db.example/desk",
        "jdbc:postgresql://db.example/desk?password=pw", "jdbc:sqlite::memory:"}) {
      Path file = config(dir, "", closedPort());
      Files.writeString(file, Files.readString(file) + "storage: {url: \"" + url + "\"}\n");
      Run r = run(ENV, "--config", file.toString());
      assertOneStorageLine(r);
      assertThat(r.stderr()).doesNotContain("pw");
    }
  }

  @Test
  void defaultStorage_isAnSqliteFileBesideTheConfig(@TempDir Path dir) throws Exception {
    BotConfig c = ConfigLoader.load(config(dir, "", 1));
    assertThat(c.storage().url()).isEqualTo("jdbc:sqlite:" + dir.resolve("crosstrade-bot.db"));
  }

  @Test
  void exportAudit_writesJsonLinesForTheDateRange(@TempDir Path dir) throws Exception {
    Path file = config(dir, "", 1);
    BotConfig c = ConfigLoader.load(file);
    try (var store = org.crosstradediscord.bot.store.JdbcStore.open(c.storage().url(), Map.of())) {
      store.append(new org.crosstradediscord.bot.audit.StoredEvent(java.time.Instant.parse("2026-01-31T23:59:59Z"),
          new org.crosstradediscord.bot.audit.AuditEvent("result", 7, "alice", "flatplace", Map.of("account", "Sim101"),
              "ok", java.util.List.of("abc"), 5)));
      store.append(new org.crosstradediscord.bot.audit.StoredEvent(java.time.Instant.parse("2026-02-01T00:00:00Z"),
          new org.crosstradediscord.bot.audit.AuditEvent("command", 7, "alice", "close", Map.of(), "received", null, -1)));
    }
    Run r = run(Map.of(), "--config", file.toString(), "--export-audit", "2026-01-01", "2026-01-31");
    assertThat(r.code()).as(r.stderr()).isEqualTo(0);
    assertThat(r.stdout().lines().filter(l -> l.startsWith("{")).toList()).containsExactly(
        "{\"at\":\"2026-01-31T23:59:59Z\",\"kind\":\"result\",\"user_id\":7,\"user_name\":\"alice\","
            + "\"command\":\"flatplace\",\"args\":{\"account\":\"Sim101\"},\"outcome\":\"ok\",\"order_ids\":[\"abc\"],"
            + "\"latency_ms\":5}");
    Run bad = run(Map.of(), "--config", file.toString(), "--export-audit", "yesterday", "today");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.stderr()).hasLineCount(1).contains("ISO dates");
  }
}
