package org.crosstradediscord.bot.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.crosstradediscord.bot.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code logging} section to Logback after the config is loaded. {@link LogConfigurator}'s set-up
 * (human-readable, one line per event on stdout) stays as it is for {@link LoggingConfig#DEFAULT}. {@code format: json} swaps the
 * console encoder for logstash-logback-encoder's (one JSON object per line: {@code @timestamp}, {@code level},
 * {@code logger_name}, {@code thread_name}, {@code message}, {@code stack_trace}); the {@code audit} logger's
 * message, already a JSON line, is carried unchanged in {@code message}. {@code file} adds a rolling file in the
 * same format: daily and at {@value #MAX_FILE_MB} MiB, {@value #DAYS_KEPT} days and {@value #TOTAL_MB} MiB kept,
 * old files gzipped. Logger names and levels are those of {@link LogConfigurator}.
 */
public final class LogSetup {
  /** Size at which the log file rolls, MiB. */
  public static final int MAX_FILE_MB = 10;
  /** Days of rolled files kept. */
  public static final int DAYS_KEPT = 14;
  /** Cap on all rolled files together, MiB. */
  public static final int TOTAL_MB = 200;
  private static final String CONSOLE = LogConfigurator.CONSOLE;

  private LogSetup() {}

  /**
   * @param logging the {@code logging} section
   * @return false when Logback is not the SLF4J binding (nothing changed), else true
   */
  public static boolean apply(LoggingConfig logging) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return false;
    }
    if (logging.equals(LoggingConfig.DEFAULT)) {
      return true;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    String pattern = textPattern(root);
    if (logging.format() == LoggingConfig.Format.JSON) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(context);
      console.setName(CONSOLE);
      console.setEncoder(encoder(context, LoggingConfig.Format.JSON, pattern));
      console.start();
      Appender<ILoggingEvent> old = root.getAppender(CONSOLE);
      root.addAppender(console);
      if (old != null) {
        root.detachAppender(old);
        old.stop();
      }
    }
    if (logging.file().isPresent()) {
      root.addAppender(file(context, logging.file().get(), encoder(context, logging.format(), pattern)));
    }
    return true;
  }

  private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path file, Encoder<ILoggingEvent> encoder) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
    policy.setMaxFileSize(FileSize.valueOf(MAX_FILE_MB + "MB"));
    policy.setMaxHistory(DAYS_KEPT);
    policy.setTotalSizeCap(FileSize.valueOf(TOTAL_MB + "MB"));
    policy.start();
    appender.setRollingPolicy(policy);
    appender.start();
    return appender;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LoggingConfig.Format format, String pattern) {
    if (format == LoggingConfig.Format.JSON) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      json.setIncludeContext(false); // no host name or context properties: the same line on every host
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(pattern);
    text.start();
    return text;
  }

  /** The console's pattern (that of an operator's own XML, if any), so the text file is written exactly like it. */
  private static String textPattern(Logger root) {
    Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
    if (console instanceof ConsoleAppender<ILoggingEvent> c && c.getEncoder() instanceof PatternLayoutEncoder p) {
      return p.getPattern();
    }
    if (console instanceof ConsoleAppender<ILoggingEvent> c && c.getEncoder() instanceof LayoutWrappingEncoder<?> w
        && w.getLayout() instanceof ch.qos.logback.classic.PatternLayout l) {
      return l.getPattern();
    }
    return LogConfigurator.PATTERN;
  }
}
