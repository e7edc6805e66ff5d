package org.crosstradediscord.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bot's logback.xml (the shipped one) writes every event as exactly one line. */
class LogLinesTest {
  private Encoder<ILoggingEvent> encoder;
  private Logger logger;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void configure() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    joran.doConfigure(LogLinesTest.class.getResource("/logback.xml"));
    assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= 2);
    OutputStreamAppender<ILoggingEvent> stdout =
        (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
    encoder = stdout.getEncoder();
    logger = context.getLogger("org.crosstradediscord.bot.discord.DiscordBot");
  }

  private String line(String message, Throwable t) {
    LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, t, null);
    e.setThreadName("main");
    return new String(encoder.encode(e), StandardCharsets.UTF_8);
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
