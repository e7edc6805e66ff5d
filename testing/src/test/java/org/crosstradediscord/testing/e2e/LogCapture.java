package org.crosstradediscord.testing.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log line of this JVM (Logback root) so tests can assert on them. */
final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** @return every line so far: level, logger, formatted message and any exception text */
  List<String> lines() {
    return List.copyOf(appender.list).stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " "
        + e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
  }

  /** @return lines at ERROR or WARN from JDA (a malformed payload is logged, not thrown) */
  List<String> jdaProblems() {
    return lines().stream().filter(l -> (l.startsWith("ERROR") || l.startsWith("WARN")) && l.contains("net.dv8tion")).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
