package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * Pending confirmations live in the bot's store (SQLite here): a review card made before a restart is confirmed after
 * it, once; a paper card never sends after the bot went live; and a trade that was being sent when the bot process was
 * killed (SIGKILL, no shutdown hook) is found at the next start and its card edited to "outcome unknown".
 */
class BotDurableConfirmationsEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  static Map<String, Object> flatPlace(String instrument) {
    return Map.of("account", "Sim101", "instrument", instrument, "action", "BUY", "quantity", 1L, "order_type", "MARKET",
        "time_in_force", "DAY");
  }

  static long posts(Sandbox s) {
    return s.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).count();
  }

  @Test
  void aCardMadeBeforeARestart_isConfirmedAfterIt_once() {
    try (Sandbox sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(2))) {
      StandInGuild guild = sandbox.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInInteraction cmd = sandbox.discord().slash(guild, alice, "flatplace", flatPlace("MES 12-25"));
      StandInMessage card = cmd.original(WAIT);
      assertThat(card.text()).contains("Review: Flat-place order");
      sandbox.awaitReviewReadsIdle();

      sandbox.restartBot();

      StandInInteraction click = sandbox.discord().click(guild, alice, card, "Place order");
      StandInMessage done = click.awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT);
      assertThat(done.text()).contains("Done: Flat-place order");
      assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(1);
      assertThat(posts(sandbox)).isEqualTo(1);

      StandInMessage again = sandbox.discord().click(guild, alice, card, "Place order")
          .awaitFollowUp(m -> !m.text().isBlank(), WAIT);
      assertThat(again.text()).contains("already confirmed once");
      assertThat(posts(sandbox)).as("never twice").isEqualTo(1);
    }
  }

  @Test
  void aPaperCard_clickedAfterTheBotWentLive_sendsNothing() {
    try (Sandbox sandbox = Sandbox.startPaper(Duration.ofSeconds(60), Duration.ofSeconds(2))) {
      StandInGuild guild = sandbox.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInMessage card = sandbox.discord().slash(guild, alice, "flatplace", flatPlace("MES 12-25")).original(WAIT);
      assertThat(card.text()).contains("PAPER");
      sandbox.awaitReviewReadsIdle();

      sandbox.restartBot("live");

      StandInMessage refused = sandbox.discord().click(guild, alice, card, "Place order")
          .awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
      assertThat(refused.text()).contains("Not sent").contains("switched from paper to live mode")
          .contains("Nothing was sent");
      assertThat(posts(sandbox)).isZero();
      assertThat(sandbox.bot().auditTrail().flush(Duration.ofSeconds(10))).as("the audit writer caught up").isTrue();
      assertThat(sandbox.bot().auditTrail().store().recent(java.util.OptionalLong.empty(), 5))
          .anySatisfy(e -> assertThat(e.event().outcome()).contains("switched from paper to live mode"));
    }
  }

  @Test
  void aTradeBeingSentWhenTheProcessWasKilled_isReportedOutcomeUnknownAtTheNextStart() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(8), "rest", false)) {
      StandInGuild guild = world.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInMessage card;
      try (BotProcess first = BotProcess.start(jar, BotJvm.options("-Xmx128m"), world.configFile(), Sandbox.secrets(),
          Path.of("target", "bot-killed-while-sending.log"))) {
        world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, WAIT);
        StandInInteraction cmd = world.discord().slash(guild, alice, "flatplace", flatPlace("ES 12-25"));
        card = cmd.original(WAIT);
        Poll.until(() -> world.simulator().requests().stream().anyMatch(r -> "GET".equals(r.method()))
            ? Optional.of(true) : Optional.empty(), WAIT, () -> "the review card's read");
        world.simulator().faults().latency(Duration.ofSeconds(6)); // the order is placed, its answer is late

        StandInInteraction click = world.discord().click(guild, alice, card, "Place order");
        assertThat(click.awaitOriginal(m -> m.text().contains("Sending"), WAIT).text()).contains("Sending");
        Poll.until(() -> posts(world) == 1 ? Optional.of(true) : Optional.empty(), WAIT, () -> "the order reached CrossTrade");
        first.process().destroyForcibly(); // SIGKILL while the call is in flight: no shutdown hook, no result
        assertThat(first.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }
      world.simulator().faults().clear();
      assertThat(world.simulator().book().position("Sim101", "ES 12-25")).as("it WAS executed").isEqualTo(1);

      try (BotProcess second = BotProcess.start(jar, BotJvm.options("-Xmx128m"), world.configFile(), Sandbox.secrets(),
          Path.of("target", "bot-after-kill.log"))) {
        StandInMessage reported = Poll.until(() -> Optional.of(world.discord().message(card.id()))
            .filter(m -> m.text().contains("OUTCOME UNKNOWN")), WAIT, () -> "the card after the restart");
        assertThat(reported.text()).contains("the bot restarted while sending; check NinjaTrader")
            .doesNotContain("Nothing was sent");
        assertThat(reported.buttons()).isEmpty();
        Poll.until(() -> world.discord().channelMessages(world.auditChannelId()).stream()
            .filter(m -> m.content().contains("restarted while sending")).findFirst(), WAIT,
            () -> "the audit channel line");
        assertThat(posts(world)).as("never sent again").isEqualTo(1);
        assertThat(second.output()).contains("outcome unknown").doesNotContain(Sandbox.CROSSTRADE_TOKEN)
            .doesNotContain(Sandbox.DISCORD_TOKEN);
      }
    }
  }
}
