package org.crosstradediscord.bot.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops one known, harmless JDA log event: when JDA shuts its REST pool down (e.g. after Discord refused the token at
 * start-up), a rate-limit worker still finishing a request is interrupted and JDA logs "Unable to acquire lock while
 * thread is interrupted!" at ERROR with a stack trace. Nothing is lost (the request had already been answered), and
 * the line would sit between the bot's own one-line start-up failure and the exit. Registered by {@link LogConfigurator}.
 */
public final class JdaShutdownNoise extends TurboFilter {
  static final String MESSAGE = "Unable to acquire lock while thread is interrupted!";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    Throwable thrown = t != null ? t : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable x
        ? x : null;
    if (thrown instanceof IllegalStateException && MESSAGE.equals(thrown.getMessage()) && logger != null
        && logger.getName().startsWith("net.dv8tion.jda.api.requests")) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
