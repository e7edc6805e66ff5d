package org.crosstradediscord.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.config.ConfigLoader;
import org.crosstradediscord.bot.config.LoggingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format: json} with {@code logging.file}, through the bot's real start-up path (BotMain, Discord
 * unreachable): every line on stdout and in the file is one parseable JSON object, the audit logger keeps its
 * name, a multi-line message with a stack trace is still one line, and neither token appears.
 */
class JsonLogTest {
  private static final String DISCORD_TOKEN = "discord-token-json-abc123";
  private static final String CROSSTRADE_TOKEN = "crosstrade-token-json-xyz789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void restoreLogbackXml() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static List<JsonNode> jsonLines(String text) {
    return text.lines().filter(l -> !l.isBlank()).map(l -> {
      try {
        return JSON.readTree(l);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + l, e);
      }
    }).toList();
  }

  @Test
  @Timeout(60)
  void jsonFormat_writesOneJsonObjectPerLine_toStdoutAndFile_withoutTokens(@TempDir Path dir) throws Exception {
    int port = closedPort();
    Path config = Files.writeString(dir.resolve("config.yaml"), """
        guild_ids: [1]
        mode: live
        accounts: {allowed: [Sim101]}
        crosstrade: {connect_timeout_ms: 200}
        discord:
          rest_base_url: http://127.0.0.1:%d/api/v10/
          gateway_url: ws://127.0.0.1:%d/
        logging:
          format: json
          file: logs/bot.log
        """.formatted(port, port));
    Files.createDirectories(dir.resolve("logs"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream realOut = System.out;
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(o);
    int code;
    try {
      Method run = org.crosstradediscord.bot.BotMain.class.getDeclaredMethod("run", String[].class, Map.class,
          PrintStream.class, PrintStream.class);
      run.setAccessible(true);
      code = (int) run.invoke(null, new String[] {"--config", config.toString()},
          Map.of("DISCORD_TOKEN", DISCORD_TOKEN, "CROSSTRADE_TOKEN", CROSSTRADE_TOKEN), o,
          new PrintStream(err, true, StandardCharsets.UTF_8));
      org.slf4j.Logger log = LoggerFactory.getLogger("org.crosstradediscord.bot.discord.DiscordBot");
      log.warn("two\nlines \"quoted\"", new IllegalStateException("boom\nsecond line"));
      LoggerFactory.getLogger("audit").info("{\"kind\":\"result\",\"outcome\":\"ok\"}");
    } finally {
      System.setOut(realOut);
    }
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);

    String stdout = out.toString(StandardCharsets.UTF_8);
    String file = Files.readString(dir.resolve("logs/bot.log"));
    for (String text : List.of(stdout, file)) {
      assertThat(text).doesNotContain(DISCORD_TOKEN).doesNotContain(CROSSTRADE_TOKEN);
      List<JsonNode> lines = jsonLines(text);
      assertThat(lines).anySatisfy(n -> {
        assertThat(n.path("logger_name").asText()).isEqualTo("org.crosstradediscord.bot.BotMain");
        assertThat(n.path("message").asText()).startsWith("starting with mode=live").contains("logging=json file=");
        assertThat(n.path("level").asText()).isEqualTo("INFO");
        assertThat(n.has("@timestamp")).isTrue();
      });
      assertThat(lines).anySatisfy(n -> {
        assertThat(n.path("message").asText()).isEqualTo("two\nlines \"quoted\"");
        assertThat(n.path("stack_trace").asText()).contains("IllegalStateException: boom\nsecond line");
      });
      assertThat(lines).anySatisfy(n -> {
        assertThat(n.path("logger_name").asText()).isEqualTo("audit");
        assertThat(JSON.readTree(n.path("message").asText()).path("kind").asText()).isEqualTo("result");
      });
    }
  }

  @Test
  void defaultLogging_leavesLogbackXmlAsItIs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var before = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
    assertThat(LogSetup.apply(LoggingConfig.DEFAULT)).isTrue();
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isSameAs(before);
  }

  @Test
  void configKeys_areValidated() {
    assertThat(ConfigLoader.parse("guild_ids: [1]\nmode: paper\naccounts: {allowed: [A]}\nlogging: {format: json}\n",
        "t").logging().format()).isEqualTo(LoggingConfig.Format.JSON);
  }
}
