package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 25, end to end with the bot from its jar (one process for the class, 2 s request timeout, the desk board in
 * #trading): a confirmed /flatplace whose outcome is unknown is never sent again, and is followed up by reads only —
 * compared with the review card's position read — into its card ("Checked afterwards"), one {@code reconciled} audit
 * line, and the board's list of unresolved unknown outcomes (listed until the follow-up resolved it).
 */
class TradeOutcomeFollowUpEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final String LISTED = "Outcome unknown, not resolved";
  private static Sandbox world;
  private static BotProcess bot;
  private static StandInGuild guild;

  @BeforeAll
  static void startTheBot() throws Exception {
    world = Sandbox.startForProcessWithBoard(REQUEST_TIMEOUT, Duration.ofSeconds(1));
    bot = BotProcess.start(BotJarEndToEndTest.jar(), BotJvm.options("-Xmx128m"), world.configFile(), Sandbox.secrets(),
        Path.of("target", "trade-follow-up-e2e.log"));
    world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, WAIT);
    guild = world.guild();
  }

  @AfterAll
  static void stopTheBot() {
    if (bot != null) {
      bot.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aFlatPlaceExecutedButAnsweredLate_isVeryLikelyExecuted_neverSentAgain_andLeavesTheBoard() {
    StandInInteraction cmd = reviewed("Sim101", 1);
    world.simulator().faults().latency(Duration.ofSeconds(4)); // executed at once, answered after the bot's 2 s
    try {
      world.discord().click(guild, guild.member("alice"), cmd.original(WAIT), "Place order");
      cmd.awaitOriginal(m -> m.text().contains("OUTCOME UNKNOWN"), WAIT);
    } finally {
      world.simulator().faults().clear();
    }

    String card = cmd.awaitOriginal(m -> m.text().contains("Checked afterwards"), WAIT).text();
    assertThat(card).contains("OUTCOME UNKNOWN")
        .contains("Very likely executed: Sim101 went from Flat to Long 1 (MES 12-25) — based on the position read 3 s"
            + " after the failure.");
    assertThat(orders("Sim101")).extracting(RecordedRequest::operationId).as("sent once, never again")
        .containsExactly("flatPlaceOrder");
    assertThat(reconciled("Sim101")).singleElement().asString().contains("/flatplace by alice")
        .contains("reconciled: Very likely executed: Sim101 went from Flat to Long 1");
    awaitBoard(b -> !b.contains(LISTED), "the board without unresolved unknown outcomes");
  }

  @Test
  void aFlatPlaceRefusedWithA5xx_isNoChangeSeen_afterTwoReads_andListedOnTheBoardUntilThen() {
    StandInInteraction cmd = reviewed("Sim102", 2);
    world.simulator().faults().serverError(500, 1); // refused before executing; a 5xx is outcome unknown
    world.discord().click(guild, guild.member("alice"), cmd.original(WAIT), "Place order");
    cmd.awaitOriginal(m -> m.text().contains("OUTCOME UNKNOWN"), WAIT);

    Poll.until(() -> world.discord().calls().stream().filter(c -> "PATCH".equals(c.method()) && c.body() != null
        && c.body().toString().contains(LISTED) && c.body().toString().contains("account=Sim102")).findFirst(), WAIT,
        () -> "the board listing the unknown outcome of Sim102");
    String card = cmd.awaitOriginal(m -> m.text().contains("Checked afterwards"), WAIT).text();
    assertThat(card).containsPattern("No change seen: likely not executed \\(Sim102 is still Flat in MES 12-25\\)"
        + " — based on the position read 3 s and [5-9] s after the failure\\.");
    assertThat(orders("Sim102")).extracting(RecordedRequest::operationId).as("sent once, never again")
        .containsExactly("flatPlaceOrder");
    assertThat(reconciled("Sim102")).singleElement().asString().contains("reconciled: No change seen");
    awaitBoard(b -> !b.contains(LISTED), "the board without unresolved unknown outcomes");
  }

  /** @return a /flatplace BUY of {@code quantity} MES by alice, its review card's position read */
  private static StandInInteraction reviewed(String account, long quantity) {
    StandInInteraction cmd = world.discord().slash(guild, guild.member("alice"), "flatplace",
        BotEndToEndTest.marketOrder(account, "MES 12-25", "BUY", quantity));
    assertThat(cmd.awaitOriginal(m -> !m.text().contains("reading…"), WAIT).text()).contains("Now: Flat");
    return cmd;
  }

  private static List<RecordedRequest> orders(String account) {
    return world.simulator().requests().stream().filter(r -> !"GET".equals(r.method()) && account.equals(r.account()))
        .toList();
  }

  private static List<String> reconciled(String account) {
    return Poll.until(() -> {
      List<String> lines = world.discord().channelMessages(world.auditChannelId()).stream().map(StandInMessage::content)
          .filter(l -> l.contains("reconciled") && l.contains("account=" + account)).toList();
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines);
    }, WAIT, () -> "a reconciled audit line for " + account);
  }

  private static void awaitBoard(java.util.function.Predicate<String> shows, String what) {
    Poll.until(() -> world.discord().channelMessages(trading()).stream().map(StandInMessage::text)
        .filter(t -> t.contains("Desk board") && shows.test(t)).findFirst(), WAIT, () -> what + ": "
        + world.discord().channelMessages(trading()).stream().map(StandInMessage::text).toList());
  }

  private static long trading() {
    return guild.channels().stream().filter(c -> c.name().equals("trading")).findFirst().orElseThrow().id();
  }
}
