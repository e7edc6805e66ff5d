package org.crosstradediscord.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** Only JDA's interrupted-worker event at shutdown is dropped; everything else, from JDA or the bot, is kept. */
class JdaShutdownNoiseTest {
  private final LoggerContext context = new LoggerContext();
  private final JdaShutdownNoise filter = new JdaShutdownNoise();

  @Test
  void dropsOnlyJdasInterruptedWorker() {
    Logger jda = context.getLogger("net.dv8tion.jda.api.requests.RestRateLimiter");
    Logger bot = context.getLogger("org.crosstradediscord.bot.BotMain");
    IllegalStateException noise = new IllegalStateException(JdaShutdownNoise.MESSAGE);
    assertThat(filter.decide(null, jda, Level.ERROR, "Encountered exception trying to execute request", null, noise))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, jda, Level.ERROR, "x", new Object[] {noise}, null)).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, jda, Level.ERROR, "x", null, new IllegalStateException("other")))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, bot, Level.ERROR, "x", null, noise)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, jda, Level.WARN, "no throwable", null, null)).isEqualTo(FilterReply.NEUTRAL);
  }
}
