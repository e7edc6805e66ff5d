package org.crosstradediscord.bot.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.jspecify.annotations.Nullable;

/**
 * The bot's default Logback configuration, in code: found by Logback through {@code META-INF/services} before it looks
 * for XML, so no XML parser and none of Logback's XML configuration classes are loaded at start (about 500 classes
 * fewer than a {@code logback.xml}; measured in docs/benchmarks.md). {@link LogSetup} then applies the config's
 * {@code logging} section.
 *
 * <p>What it sets up: one appender, {@value #CONSOLE} (stdout), writing {@link #PATTERN}; levels INFO for
 * {@code audit}, {@code net.dv8tion} and {@code org.crosstradediscord}, WARN for everything else; the
 * {@link JdaShutdownNoise} filter.
 *
 * <p>Every event is exactly one line, so no text from a member, Discord or the upstream (a close reason, an error
 * body) can forge a line of its own: line breaks in the message and in an exception's stack trace become
 * {@code " ⏎ "}, other control characters (but tab) {@code "?"}, control characters in the thread name too. A message
 * without them (every audit JSON line) is written unchanged.
 *
 * <p>An operator's own XML still wins: with {@code -Dlogback.configurationFile=FILE}, or a {@code logback-test.xml} on
 * the class path (the tests), this does nothing and Logback reads that file as usual. No {@code @ConfiguratorRank}: it is
 * the only configurator service in the jar, and an annotation would cost Logback a reflective proxy at start.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** Name of the console appender (stdout). */
  public static final String CONSOLE = "STDOUT";

  /**
   * The text line: local time with offset, level, thread, logger (shortened to 30 characters), message, and the
   * stack trace on the same line.
   */
  public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%replace(%thread){'\\p{Cntrl}', '?'}]"
      + " %logger{30} - %replace(%replace(%msg){'\\r\\n|[\\r\\n\\u0085\\u2028\\u2029]', ' \u23CE '})"
      + "{'[\\p{Cntrl}&&[^\\t]]', '?'}%replace(%replace(%ex{full}){'(?s)^(.)', ' \u23CE $1'})"
      + "{'\\r\\n|[\\r\\n\\u0085\\u2028\\u2029]', ' \u23CE '}%nopex%n";

  /** Logback's system property naming an XML configuration file. */
  static final String XML_PROPERTY = "logback.configurationFile";

  /** For Logback's service loader. */
  public LogConfigurator() {}

  /**
   * @param context Logback's context, fresh or reset
   * @return {@link ExecutionStatus#DO_NOT_INVOKE_NEXT_IF_ANY} once configured;
   *     {@link ExecutionStatus#INVOKE_NEXT_IF_ANY} (nothing done) when an XML configuration was asked for
   */
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (xmlWanted(System.getProperty(XML_PROPERTY), LogConfigurator.class.getClassLoader())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    JdaShutdownNoise noise = new JdaShutdownNoise();
    noise.setContext(context);
    noise.start();
    context.addTurboFilter(noise);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(CONSOLE);
    console.setEncoder(encoder);
    console.start();
    context.getLogger("audit").setLevel(Level.INFO); // one JSON line per command, denial, confirmation, result …
    context.getLogger("net.dv8tion").setLevel(Level.INFO);
    context.getLogger("org.crosstradediscord").setLevel(Level.INFO);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * @param configurationFile the value of {@value #XML_PROPERTY}, or null
   * @param loader where Logback looks for {@code logback-test.xml}
   * @return true when Logback should read XML instead
   */
  static boolean xmlWanted(@Nullable String configurationFile, ClassLoader loader) {
    return configurationFile != null || loader.getResource("logback-test.xml") != null;
  }
}
