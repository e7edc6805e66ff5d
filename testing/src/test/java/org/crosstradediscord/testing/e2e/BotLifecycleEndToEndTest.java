package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.crosstradediscord.bot.BotMain;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.ConfigException;
import org.crosstradediscord.bot.config.CrossTradeConfig;
import org.crosstradediscord.bot.config.StorageConfig;
import org.crosstradediscord.bot.discord.DiscordBot;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expiry of confirmations and start-up failures, each on a bot of its own. */
class BotLifecycleEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void expiredConfirmation_marksTheCardExpired_andIsRefusedWithNoUpstreamCall() {
    StandInGuild guild = sandbox.guild();
    StandInGuild.Member alice = guild.member("alice");
    StandInInteraction cmd = sandbox.discord().slash(guild, alice, "flatplace", Map.of("account", "Sim101",
        "instrument", "ES 12-25", "action", "BUY", "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY"));
    StandInMessage card = cmd.original(WAIT);

    StandInMessage expired = cmd.awaitOriginal(m -> m.text().contains("Expired"), WAIT);
    assertThat(expired.buttons()).isEmpty();

    StandInInteraction late = sandbox.discord().click(guild, alice, card, "Place order");
    assertThat(late.awaitFollowUp(m -> !m.text().isBlank(), WAIT).text()).contains("expired").contains("Nothing was sent");
    assertThat(sandbox.simulator().requests()).as("only the review card's read").allMatch(r -> "GET".equals(r.method()));
  }

  @Test
  void wrongDiscordToken_stopsStartUpWithAClearMessage_withoutTheToken() {
    String wrong = "wrong-discord-token-123456";
    // Its own store: the sandbox's bot holds the sandbox's SQLite file (one bot process per file).
    BotConfig c = sandbox.config();
    CrossTradeConfig ct = c.crosstrade();
    BotConfig own = c.withCrossTrade(new CrossTradeConfig(ct.baseUrl(), ct.connectTimeout(), ct.requestTimeout(),
            ct.transport(), ct.maxResponseBytes(), ct.allowInsecureHttp(), false))
        .withStorage(new StorageConfig(c.storage().url().replace("crosstrade-bot.db", "wrong-token.db")));
    assertThatThrownBy(() -> BotMain.start(own, Map.of("DISCORD_TOKEN", wrong, "CROSSTRADE_TOKEN", "x")))
        .isInstanceOf(DiscordBot.StartupException.class)
        .hasMessageContaining("Discord rejected DISCORD_TOKEN")
        .hasMessageNotContaining(wrong);
  }

  @Test
  void missingCrossTradeToken_stopsStartUpNamingTheVariable() {
    assertThatThrownBy(() -> BotMain.start(sandbox.config(), Map.of("DISCORD_TOKEN", Sandbox.DISCORD_TOKEN)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("CROSSTRADE_TOKEN");
  }
}
