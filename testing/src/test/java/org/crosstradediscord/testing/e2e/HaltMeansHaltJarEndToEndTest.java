package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.hostile.HostileUpstream;
import org.crosstradediscord.testing.hostile.RestMode;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, end to end with the bot started from its jar: a halt is never queued behind CrossTrade, and an order
 * that was confirmed but still waits for a rate-limiter token is not sent once {@code /halt} was answered.
 */
class HaltMeansHaltJarEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Issue 20: /halt and /resume are answered within 2 s, whatever CrossTrade and the read threads do. */
  private static final long HALT_ANSWER_MS = 2_000;

  @Test
  void anOrderWaitingInTheRateLimiter_isNotSentAfterHalt() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false);
        BotProcess bot = BotProcess.start(jar, BotJvm.options("-Xmx128m"), world.configFile(), Sandbox.secrets(),
            Path.of("target", "halt-limiter-e2e.log"))) {
      world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, WAIT);
      StandInGuild guild = world.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInInteraction cmd = world.discord().slash(guild, alice, "flatplace",
          BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", 1));
      StandInMessage card = cmd.awaitOriginal(m -> !m.text().contains("reading…"), WAIT);

      // A burst of reads by one member drains the SDK's rate limiter (burst 18, 3 per second).
      int before = gets(world);
      List<StandInInteraction> reads = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        reads.add(world.discord().slash(guild, alice, "positions", Map.of()));
      }
      Poll.until(() -> gets(world) - before >= 18 && unanswered(reads) >= 4 ? Optional.of(true) : Optional.empty(),
          WAIT, () -> "the reads never drained the limiter: " + (gets(world) - before) + " GETs");

      // The reviewer's scenario: /halt right after the Confirm click was acknowledged (the order is on its way).
      world.discord().click(guild, alice, card, "Place order").awaitCallback(WAIT);
      StandInInteraction halt = world.discord().slash(guild, guild.member("rita"), "halt", Map.of("reason", "test"));

      halt.awaitOriginal(m -> m.text().contains("halted"), WAIT);
      long haltMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - halt.dispatchedNanos());
      String end = cmd.awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT).text();

      assertThat(world.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).toList())
          .as("no order reaches CrossTrade after /halt was answered").isEmpty();
      assertThat(end).contains("halted").contains("Nothing was sent");
      assertThat(haltMs).as("/halt answered %d ms after it was sent", haltMs).isLessThan(HALT_ANSWER_MS);
    }
  }

  @Test
  void haltAndResume_areAnsweredWithin2s_whileCrossTradeReadsHangAndTheReadThreadsAreFull() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (HostileUpstream up = HostileUpstream.start();
        Sandbox world = Sandbox.startForProcessAgainst(Duration.ofSeconds(60), Duration.ofSeconds(5), up.baseUrl());
        BotProcess bot = BotProcess.start(jar, BotJvm.options("-Xmx128m"), world.configFile(), Sandbox.secrets(),
            Path.of("target", "halt-hanging-reads-e2e.log"))) {
      up.rest(RestMode.stallBeforeHeaders());
      world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, WAIT);
      StandInGuild guild = world.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInGuild.Member rita = guild.member("rita");
      for (int i = 0; i < 8; i++) {
        world.discord().slash(guild, alice, "positions", Map.of());
      }
      Poll.until(() -> up.recorded().requestCount() >= 4 ? Optional.of(true) : Optional.empty(), WAIT,
          () -> "the reads never reached the upstream");

      StandInInteraction halt = world.discord().slash(guild, rita, "halt", Map.of("reason", "upstream hangs"));
      halt.awaitOriginal(m -> m.text().contains("Trading halted"), WAIT);
      long haltMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - halt.dispatchedNanos());
      assertThat(haltMs).as("/halt answered %d ms after it was sent", haltMs).isLessThan(HALT_ANSWER_MS);

      StandInInteraction order = world.discord().slash(guild, alice, "flatplace",
          BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", 1));
      assertThat(order.original(WAIT).text()).contains("halted").contains("Nothing was sent");
      long orderMs = TimeUnit.NANOSECONDS.toMillis(order.callbackNanos() - order.dispatchedNanos());
      assertThat(orderMs).as("a /flatplace after /halt is refused at once (%d ms)", orderMs).isLessThan(HALT_ANSWER_MS);

      StandInInteraction resume = world.discord().slash(guild, rita, "resume", Map.of());
      resume.awaitOriginal(m -> m.text().contains("Trading resumed"), WAIT);
      long resumeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resume.dispatchedNanos());
      assertThat(resumeMs).as("/resume answered %d ms after it was sent", resumeMs).isLessThan(HALT_ANSWER_MS);
      assertThat(up.recorded().requests().stream().filter(r -> !"GET".equals(r.method())).toList())
          .as("nothing but reads reached the upstream").isEmpty();
    }
  }

  private static int gets(Sandbox world) {
    return (int) world.simulator().requests().stream().filter(r -> "GET".equals(r.method())).count();
  }

  private static long unanswered(List<StandInInteraction> reads) {
    return reads.stream().filter(r -> r.callbackType() == -1 || !answered(r)).count();
  }

  private static boolean answered(StandInInteraction read) {
    try {
      return !read.original(Duration.ofMillis(1)).embedTexts().isEmpty();
    } catch (AssertionError | RuntimeException e) {
      return false;
    }
  }
}
