package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: JDA's gateway thread never waits on the store, and a Confirm refused because the store could not record
 * it never makes a later click read "already confirmed once". The bot's own SQLite file is write-locked by another
 * connection (as a long transaction or a stuck writer would), so every store write of the bot waits.
 */
class ClickWhileTheStoreIsBusyEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aConfirmWhileTheStoreIsLocked_holdsNoOneElseUp_isRefused_andTheNextClickTrades() throws Exception {
    try (Sandbox s = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5))) {
      StandInGuild guild = s.guild();
      StandInGuild.Member alice = guild.member("alice");
      StandInInteraction cmd = s.discord().slash(guild, alice, "flatplace",
          BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", 1));
      StandInMessage card = cmd.awaitOriginal(m -> !m.buttons().isEmpty(), WAIT);
      s.awaitReviewReadsIdle();

      StandInInteraction click;
      try (Connection lock = writeLocked(s.config().storage().url())) {
        click = s.discord().click(guild, alice, card, "Place order");
        click.awaitCallback(WAIT);
        StandInInteraction other = s.discord().slash(guild, guild.member("bob"), "positions", Map.of());
        other.awaitCallback(WAIT);
        assertThat(answered(click)).as("bob was answered while the click still waited on the store: the gateway"
            + " thread is not held by the click's store calls").isFalse();
        assertThat(answer(click).text()).contains("storage unavailable").contains("Nothing was sent");
        assertThat(card(s, card).buttons()).as("the card keeps its buttons").isNotEmpty();
      }

      StandInInteraction again = s.discord().click(guild, alice, card(s, card), "Place order");
      String end = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text();
      assertThat(end).contains("Done: Flat-place order").doesNotContain("already confirmed");
      assertThat(answered(again) && !end.contains("Done")).isFalse();
      assertThat(s.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).count()).isEqualTo(1);
    }
  }

  /** @return whether the click got an answer of its own: a reply (callback type 4) or a follow-up */
  private static boolean answered(StandInInteraction click) {
    return click.callbackType() == 4 || !click.followUps().isEmpty();
  }

  /** @return the click's own answer, a reply or a follow-up (whichever the bot used) */
  private static StandInMessage answer(StandInInteraction click) {
    return click.callbackType() == 4 ? click.original(WAIT) : click.awaitFollowUp(m -> !m.text().isBlank(), WAIT);
  }

  private static StandInMessage card(Sandbox s, StandInMessage card) {
    return s.discord().message(card.id());
  }

  /** @return a connection holding the database's write lock until it is closed */
  private static Connection writeLocked(String storageUrl) throws Exception {
    Properties p = new Properties();
    p.setProperty("transaction_mode", "EXCLUSIVE");
    Connection c = DriverManager.getConnection(storageUrl, p);
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE pending_action SET updated_micros = updated_micros WHERE 1 = 0");
    }
    return c;
  }
}
