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
        """.formatted(crosstrade, discordPort, discordPort));
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
    assertThat(r.stderr()).contains("cannot reach Discord at http://127.0.0.1:").contains("ConnectException");
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
  void sdkRefusingASetting_isAOneLineStartupException_notARawIllegalArgumentException() {
    BotConfig valid = ConfigLoader.parse("guild_ids: [1]\naccounts: {allowed: [Sim101]}\nmode: live\n", "test");
    BotConfig slipped = new BotConfig(valid.guildIds(), valid.policy(), valid.auditChannelId(),
        valid.confirmationTimeout(), java.net.URI.create("http://example.com"), valid.crossTradeConnectTimeout(),
        valid.crossTradeRequestTimeout(), valid.crossTradeTransport(), 1, false, valid.discordRestBaseUrl(),
        valid.discordGatewayUrl(), valid.limits(), valid.mode());
    assertThatThrownBy(() -> BotMain.start(slipped, ENV))
        .isInstanceOf(DiscordBot.StartupException.class)
        .hasMessageStartingWith("the CrossTrade SDK refused a setting: ")
        .hasMessageNotContaining(CROSSTRADE_TOKEN)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
