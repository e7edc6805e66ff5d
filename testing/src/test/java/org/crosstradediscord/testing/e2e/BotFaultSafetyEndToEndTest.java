package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Fault safety through the real bot and the Discord stand-in: a stalled upstream never gets an order late, every
 * card ends (never left "Sending…"), every confirmed trade has a {@code result} audit line, and shutdown neither
 * loses an outcome nor confirms a click it will not send.
 */
class BotFaultSafetyEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  private static Map<String, Object> order(long quantity) {
    return BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", quantity);
  }

  private static List<RecordedRequest> trades(Sandbox sandbox) {
    return sandbox.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).toList();
  }

  private static List<String> audit(Sandbox sandbox) {
    return sandbox.discord().channelMessages(sandbox.auditChannelId()).stream().map(StandInMessage::content).toList();
  }

  @Test
  void stalledUpstream_manyConfirmedOrders_noneIsSentLaterThanTheRequestTimeout_andEveryCardEnds() {
    try (Sandbox sandbox = Sandbox.start(Duration.ofSeconds(60), REQUEST_TIMEOUT)) {
      StandInGuild guild = sandbox.guild();
      sandbox.simulator().faults().latency(Duration.ofSeconds(4)); // executes, then answers after the bot gave up
      int n = 16; // 4 call threads: later clicks would have waited for a free thread
      List<StandInInteraction> commands = new ArrayList<>();
      List<StandInMessage> cards = new ArrayList<>();
      for (int q = 1; q <= n; q++) {
        StandInInteraction cmd = sandbox.discord().slash(guild, guild.member("alice"), "flatplace", order(q));
        commands.add(cmd);
        cards.add(cmd.original(WAIT));
      }
      long[] clickedAt = new long[n + 1];
      for (int q = 1; q <= n; q++) {
        StandInInteraction click = sandbox.discord().click(guild, guild.member("alice"), cards.get(q - 1), "Place order");
        clickedAt[q] = click.dispatchedNanos();
      }

      List<String> finals = new ArrayList<>();
      for (StandInInteraction cmd : commands) {
        finals.add(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text());
      }

      assertThat(finals).as("no card is left sending").noneMatch(t -> t.contains("Sending"))
          .allMatch(t -> t.contains("OUTCOME UNKNOWN") || t.contains("Not sent"));
      List<RecordedRequest> sent = trades(sandbox); // the review cards' reads (GET) are not orders
      assertThat(sent).as("one upstream request per card that says outcome unknown, none re-sent")
          .hasSize((int) finals.stream().filter(t -> t.contains("OUTCOME UNKNOWN")).count());
      for (RecordedRequest r : sent) {
        int q = r.body().path("quantity").asInt();
        long lateMs = TimeUnit.NANOSECONDS.toMillis(r.receivedNanos() - clickedAt[q]);
        assertThat(lateMs).as("order %d reached the upstream %d ms after its click", q, lateMs)
            .isLessThan(REQUEST_TIMEOUT.toMillis() + 1_000);
      }
      finals.stream().filter(t -> t.contains("Not sent"))
          .forEach(t -> assertThat(t).contains("never sent late").contains("Nothing was sent"));
      Poll.until(() -> audit(sandbox).stream().filter(l -> l.startsWith("`result` /flatplace")
          && !l.contains("reconciled: ")).count() == n // a follow-up's line is not the trade's result
          ? Optional.of(true) : Optional.empty(), WAIT, () -> "every confirmed order has a result audit line");
      assertThat(audit(sandbox).stream().filter(l -> l.startsWith("`confirmed` /flatplace")).count()).isEqualTo(n);
    }
  }

  @Test
  void shutdownWithACallInFlight_reportsItsOutcome_andAClickAfterShutdownBeganIsRefusedWithoutConfirming() throws Exception {
    try (Sandbox sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(3))) {
      StandInGuild guild = sandbox.guild();
      sandbox.simulator().faults().latency(Duration.ofMillis(1_500)); // answers during shutdown
      StandInInteraction first = sandbox.discord().slash(guild, guild.member("alice"), "flatplace", order(1));
      StandInMessage firstCard = first.original(WAIT);
      StandInInteraction second = sandbox.discord().slash(guild, guild.member("bob"), "flatplace", order(2));
      StandInMessage secondCard = second.original(WAIT);

      sandbox.discord().click(guild, guild.member("alice"), firstCard, "Place order").awaitCallback(WAIT);
      Poll.until(() -> trades(sandbox).isEmpty() ? Optional.empty() : Optional.of(true), WAIT,
          () -> "the first order reaches the upstream");
      Thread stopper = new Thread(sandbox.bot()::close, "test-shutdown");
      stopper.start();
      Poll.until(() -> sandbox.bot().isStopping() ? Optional.of(true) : Optional.empty(), WAIT, () -> "shutdown began");
      StandInInteraction lateClick = sandbox.discord().click(guild, guild.member("bob"), secondCard, "Place order");
      StandInMessage refused = lateClick.awaitFollowUp(m -> m.text().contains("shutting down"), WAIT);

      assertThat(refused.text()).contains("Nothing was sent");
      assertThat(refused.ephemeral()).isTrue();
      StandInMessage firstFinal = first.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
      assertThat(firstFinal.text()).contains("Done").doesNotContain("Sending");
      stopper.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(stopper.isAlive()).isFalse();
      assertThat(trades(sandbox)).as("only the first order was sent").hasSize(1);
      List<String> lines = audit(sandbox);
      assertThat(lines).anyMatch(l -> l.startsWith("`result` /flatplace by alice"))
          .noneMatch(l -> l.startsWith("`confirmed` /flatplace by bob"))
          .anyMatch(l -> l.startsWith("`refused`") && l.contains("shutting down"));
    }
  }

  @Test
  void aTradeStillQueuedWhenTradingIsHalted_isNotSent() {
    try (Sandbox sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5))) {
      StandInGuild guild = sandbox.guild();
      int n = 6;
      List<StandInInteraction> commands = new ArrayList<>();
      List<StandInMessage> cards = new ArrayList<>();
      for (int q = 1; q <= n; q++) {
        StandInInteraction cmd = sandbox.discord().slash(guild, guild.member("alice"), "flatplace", order(q));
        commands.add(cmd);
        cards.add(cmd.original(WAIT));
      }
      sandbox.simulator().faults().latency(Duration.ofMillis(2_500)); // the 4 call threads stay busy for 2.5 s
      for (int q = 1; q <= n; q++) {
        sandbox.discord().click(guild, guild.member("alice"), cards.get(q - 1), "Place order");
      }
      Poll.until(() -> trades(sandbox).size() >= 4 ? Optional.of(true) : Optional.empty(), WAIT,
          () -> "four orders in flight");
      Poll.until(() -> audit(sandbox).stream().filter(l -> l.startsWith("`confirmed` /flatplace")).count() == n
          ? Optional.of(true) : Optional.empty(), WAIT, () -> "every click confirmed (the last two queued for a thread)");
      sandbox.discord().slash(guild, guild.member("rita"), "halt", java.util.Map.of("reason", "queued test"))
          .awaitCallback(WAIT);

      List<String> finals = new ArrayList<>();
      for (StandInInteraction cmd : commands) {
        finals.add(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text());
      }

      assertThat(trades(sandbox)).as("only the orders already in flight were sent").hasSize(4);
      assertThat(finals.stream().filter(t -> t.contains("Not sent") && t.contains("halted")).count())
          .as("the queued ones are refused").isEqualTo(n - 4);
      Poll.until(() -> audit(sandbox).stream().filter(l -> l.startsWith("`result` /flatplace")
          && l.contains("not sent: trading was halted")).count() == n - 4 ? Optional.of(true) : Optional.empty(),
          WAIT, () -> "a result audit line for each refused one");
    }
  }
}
