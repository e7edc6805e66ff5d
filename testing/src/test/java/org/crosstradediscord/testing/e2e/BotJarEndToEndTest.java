package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as an operator runs it ({@code java -jar crosstrade-bot-…-all.jar --config FILE}, tokens in the
 * environment): it starts, registers the four commands, trades, and shuts down cleanly on SIGTERM; with a bad
 * config it exits 2 with one line naming the key.
 */
class BotJarEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  static Path jar() {
    Path jar = Path.of(System.getProperty("bot.jar", "../bot/target/crosstrade-bot-0.1.0-SNAPSHOT-all.jar"));
    assumeTrue(Files.exists(jar), "the shaded bot jar is built by `mvn verify` (package phase): " + jar);
    return jar;
  }

  @Test
  void jar_startsRegistersTradesAndStopsCleanlyOnSigterm() throws Exception {
    Path jar = jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false);
        BotProcess bot = BotProcess.start(jar, BotJvm.options("-Xmx128m"), world.configFile(), Sandbox.secrets(),
            Path.of("target", "bot-jar-e2e.log"))) {
      world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, WAIT);
      assertThat(world.discord().registeredCommands(world.guild().id())).hasSize(10);

      StandInGuild guild = world.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInInteraction cmd = world.discord().slash(guild, alice, "flatplace", Map.of("account", "Sim101",
          "instrument", "ES 12-25", "action", "BUY", "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY"));
      StandInMessage card = cmd.original(WAIT);
      world.discord().click(guild, alice, card, "Place order");
      assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Flat-place order");
      assertThat(world.simulator().book().position("Sim101", "ES 12-25")).isEqualTo(1);

      int exit = bot.terminate(40);
      assertThat(exit).as("SIGTERM: the JVM's 143 after the shutdown hook ran").isIn(0, 143);
      String output = bot.output();
      assertThat(output).contains("registered 10 slash commands").contains("DiscordBot - stopped")
          .contains("\"kind\":\"result\"")
          .doesNotContain(Sandbox.DISCORD_TOKEN).doesNotContain(Sandbox.CROSSTRADE_TOKEN);
    }
  }

  @Test
  void jar_withABadConfig_exits2_withOneLineNamingTheKey() throws Exception {
    Path jar = jar();
    Path bad = Files.createTempFile("bad-config", ".yaml");
    Files.writeString(bad, "guild_ids: [1]\naccounts: {allowed: [Sim101]}\nconfirmation_timeout_seconds: 0\nmode: paper\n");
    try (BotProcess bot = BotProcess.start(jar, BotJvm.options(), bad, Sandbox.secrets(), Path.of("target", "bot-jar-bad.log"))) {
      assertThat(bot.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(bot.process().exitValue()).isEqualTo(2);
      assertThat(bot.output().strip()).isEqualTo(
          "crosstrade-discord: confirmation_timeout_seconds: 0 is out of range (1 to 600)");
    }
  }
}
