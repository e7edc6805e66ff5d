package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.CapturedCall;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * The live desk board end to end, with the simulator's P&amp;L stream: one message in #trading, edited in place as
 * prices move (never more than once per refresh), STALE when the stream stops, found again after a restart; its
 * Flatten button goes through the normal review card and flattens only that account; a daily loss limit halts new
 * risk and (when configured) flattens the account.
 */
class BotDeskBoardEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  static long trading(Sandbox s) {
    return s.guild().channels().stream().filter(c -> c.name().equals("trading")).findFirst().orElseThrow().id();
  }

  static List<StandInMessage> boards(Sandbox s) {
    return s.discord().channelMessages(trading(s)).stream().filter(m -> m.text().contains("Desk board")).toList();
  }

  static StandInMessage awaitBoard(Sandbox s, String contains) {
    return Poll.until(() -> boards(s).stream().filter(m -> m.text().contains(contains)).findFirst(), WAIT,
        () -> "a board saying '" + contains + "': " + boards(s).stream().map(StandInMessage::text).toList());
  }

  static List<Instant> boardEdits(Sandbox s, long messageId) {
    return s.discord().calls().stream().filter(c -> c.method().equals("PATCH")
        && c.route().equals("/channels/" + trading(s) + "/messages/" + messageId)).map(CapturedCall::at).toList();
  }

  @Test
  void theBoardFollowsPrices_editedInPlace_atMostOncePerRefresh_staleWhenTheStreamStops_andSurvivesARestart() {
    try (Sandbox s = Sandbox.startWithBoard(Duration.ofSeconds(1), "")) {
      StandInMessage first = awaitBoard(s, "Sim101");
      assertThat(first.buttons()).extracting(StandInMessage.Button::label)
          .contains("Flatten Sim101", "Flatten Sim102", "Halt new risk");

      s.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
      s.simulator().book().setPrice("MES 12-25", 6010.0);
      StandInMessage moved = awaitBoard(s, "mkt 6010.00");
      assertThat(moved.text()).contains("MES 12-25").contains("LONG 2").contains("+100.00");
      s.simulator().book().setPrice("MES 12-25", 6020.0);
      StandInMessage again = awaitBoard(s, "mkt 6020.00");
      assertThat(again.id()).as("edited in place").isEqualTo(first.id());
      assertThat(boards(s)).as("never re-posted").hasSize(1);

      List<Instant> edits = boardEdits(s, first.id());
      assertThat(edits).hasSizeGreaterThanOrEqualTo(2);
      for (int i = 1; i < edits.size(); i++) {
        assertThat(Duration.between(edits.get(i - 1), edits.get(i))).as("edit %d after %d", i, i - 1)
            .isGreaterThanOrEqualTo(Duration.ofMillis(900));
      }

      // Discord answers 429 with retry_after 1.5 s: the edit is retried after that wait, not sooner, and not lost.
      int before = s.discord().calls().size();
      s.discord().rateLimitNextEdit(Duration.ofMillis(1500));
      s.simulator().book().setPrice("MES 12-25", 6025.0);
      awaitBoard(s, "mkt 6025.00");
      List<CapturedCall> since = s.discord().calls().subList(before, s.discord().calls().size()).stream()
          .filter(c -> c.method().equals("PATCH") && c.route().endsWith("/messages/" + first.id())).toList();
      CapturedCall limited = since.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
      CapturedCall retried = since.stream().filter(c -> c.status() == 200 && c.at().isAfter(limited.at())).findFirst()
          .orElseThrow();
      assertThat(Duration.between(limited.at(), retried.at())).as("waited for retry_after")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1400));

      s.simulator().faults().pausePnl(true); // the stream stays connected but says nothing
      StandInMessage stale = awaitBoard(s, "STALE");
      assertThat(stale.text()).doesNotContain("mkt 6020.00").contains("Numbers are hidden");
      s.simulator().faults().pausePnl(false);
      awaitBoard(s, "live");

      s.restartBot();
      s.simulator().book().setPrice("MES 12-25", 6030.0);
      StandInMessage afterRestart = awaitBoard(s, "mkt 6030.00");
      assertThat(afterRestart.id()).as("found again after the restart").isEqualTo(first.id());
      assertThat(boards(s)).hasSize(1);
    }
  }

  @Test
  void theFlattenButton_asksForConfirmation_andFlattensOnlyThatAccount_forMembersAllowedTo() {
    try (Sandbox s = Sandbox.startWithBoard(Duration.ofSeconds(1), "")) {
      s.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
      s.simulator().book().setPosition("Sim102", "MES 12-25", 3, 6000.0);
      StandInMessage board = awaitBoard(s, "LONG 3");
      StandInGuild guild = s.guild();

      StandInMessage refused = s.discord().click(guild, guild.member("carol"), board, "Flatten Sim101").original(WAIT);
      assertThat(refused.text()).contains("Not allowed");

      StandInMessage review = s.discord().click(guild, guild.member("alice"), board, "Flatten Sim101").original(WAIT);
      assertThat(review.ephemeral()).isTrue();
      assertThat(review.text()).contains("Sim101");
      assertThat(s.simulator().book().position("Sim101", "MES 12-25")).as("nothing sent by the board click").isEqualTo(2);
      String confirm = review.buttons().stream().map(StandInMessage.Button::label).filter(l -> !l.equals("Cancel"))
          .findFirst().orElseThrow();
      var click = s.discord().click(guild, guild.member("alice"), review, confirm);
      click.awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT);
      assertThat(s.simulator().book().position("Sim101", "MES 12-25")).isZero();
      assertThat(s.simulator().book().position("Sim102", "MES 12-25")).as("only that account").isEqualTo(3);
    }
  }

  @Test
  void aDailyLossCrossed_haltsNewRisk_announcesIt_andFlattensThatAccountWhenConfigured() {
    try (Sandbox s = Sandbox.startWithBoard(Duration.ofSeconds(1),
        "daily_loss: {Sim101: 50}\nflatten_on_daily_loss: true")) {
      s.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
      s.simulator().book().setPosition("Sim102", "MES 12-25", 1, 6000.0);
      s.simulator().book().setPrice("MES 12-25", 6000.0);
      awaitBoard(s, "LONG 2");
      assertThat(s.bot().halt().current().halted()).isFalse();

      s.simulator().book().setPrice("MES 12-25", 5990.0); // Sim101: 2 × −10 points × $5 = −100 < −50
      Poll.until(() -> s.bot().halt().current().halted() ? Optional.of(true) : Optional.empty(), WAIT,
          () -> "the halt");
      assertThat(s.bot().halt().current().reason()).contains("daily loss limit on Sim101");
      Poll.until(() -> s.simulator().book().position("Sim101", "MES 12-25") == 0 ? Optional.of(true) : Optional.empty(),
          WAIT, () -> "Sim101 flattened by the bot");
      assertThat(s.simulator().book().position("Sim102", "MES 12-25")).as("another account untouched").isEqualTo(1);
      Poll.until(() -> s.discord().channelMessages(s.auditChannelId()).stream()
          .filter(m -> m.content().contains("daily loss limit on Sim101")).findFirst(), WAIT, () -> "announced");
      awaitBoard(s, "HALTED");
      assertThat(s.simulator().requests().stream().filter(r -> "flatten".equals(r.operationId())
          || r.path().endsWith("/positions/flatten")).count()).as("flattened once").isEqualTo(1);
    }
  }
}
