package org.crosstradediscord.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.crosstradediscord.bot.ops.LogConfigurator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bot's Logback set-up (the shipped {@link LogConfigurator}) writes every event as exactly one line. */
class LogLinesTest {
  private Encoder<ILoggingEvent> encoder;
  private Logger logger;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void configure() throws Exception {
    LoggerContext context = new LoggerContext();
    assertThat(new LogConfigurator().configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= 2);
    assertThat(context.getLogger("audit").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("net.dv8tion").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.crosstradediscord").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getTurboFilterList()).hasSize(1);
    OutputStreamAppender<ILoggingEvent> stdout =
        (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
    encoder = stdout.getEncoder();
    logger = context.getLogger("org.crosstradediscord.bot.discord.DiscordBot");
  }

  private String line(String message, Throwable t) {
    return line(message, t, "main");
  }

  private String line(String message, Throwable t, String thread) {
    LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, t, null);
    e.setThreadName(thread);
    e.setTimeStamp(1_765_000_000_123L);
    return new String(encoder.encode(e), StandardCharsets.UTF_8);
  }

  @Test
  void aLine_isTimeLevelThreadShortLoggerAndMessage() {
    String time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault())
        .format(Instant.ofEpochMilli(1_765_000_000_123L));

    assertThat(line("ready as bot \u2014 tab\there", null, "JDA\nMain"))
        .isEqualTo(time + " WARN  [JDA?Main] o.c.bot.discord.DiscordBot - ready as bot \u2014 tab\there"
            + System.lineSeparator());
  }

  @Test
  void aMessageWithNewlines_isOneLine_andCannotForgeAnAuditLine() {
    String out = line("websocket closed: going away\n2025-01-01T00:00:00.000Z INFO  [main] audit - {\"kind\":\"result\"}"
        + "\r\nx\u2028y\u2029z\u0085w", null);

    assertThat(out).endsWith(System.lineSeparator());
    assertThat(out.strip()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").doesNotContain("\u2029")
        .doesNotContain("\u0085").contains("going away ⏎ 2025-01-01").contains("x ⏎ y ⏎ z ⏎ w");
    assertThat(out.lines()).hasSize(1);
  }

  @Test
  void otherControlCharacters_areEscapedToo() {
    assertThat(line("a\u001b[2Jb\u0000c\u0008d", null).lines().findFirst().orElseThrow()).endsWith("a?[2Jb?c?d")
        .doesNotContain("\u001b");
  }

  @Test
  void anExceptionWithItsStackTrace_isOneLine() {
    Exception e = new IllegalStateException("bad\nthing", new RuntimeException("cause\r\nline"));

    String out = line("call failed", e);

    assertThat(out.lines()).hasSize(1);
    assertThat(out).contains("call failed").contains("java.lang.IllegalStateException: bad ⏎ thing")
        .contains("Caused by: java.lang.RuntimeException: cause ⏎ line").contains("at org.crosstradediscord");
  }

  @Test
  void aPlainAuditJsonLine_isWrittenUnchanged() {
    String json = "{\"kind\":\"result\",\"userId\":1,\"userName\":\"alice\",\"args\":{\"instrument\":\"ES 12-25\"}}";

    assertThat(line(json, null)).endsWith(" - " + json + System.lineSeparator());
  }
}
