package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.junit.jupiter.api.Test;

/**
 * The alert desk end to end with the bot started from its jar: an alert posted to the listener makes one card in its
 * channel (with the position now and after); the same alert again is a duplicate; a wrong key posts nothing; only an
 * approver role with the command's grant may send it; Approve sends exactly one PlaceOrder with the bot's orderId;
 * Reject sends nothing; an approval after /halt sends nothing; an alert while halted is shown without Approve.
 */
class AlertDeskEndToEndTest extends AlertDeskJarFixture {
  @Test
  void anAlertMakesOneCard_onlyAnApproverMaySendIt_andItSendsOnePlaceOrderWithTheBotsOrderId() throws Exception {
    HttpResponse<String> accepted = post("key=" + KEY + ";\n" + PLACE + "qty=1;\n");
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(id, "PLACE BUY 1 MES 12-25");
    assertThat(card.buttons()).extracting(StandInMessage.Button::label).containsExactly("Approve", "Reject");
    assertThat(card.text()).doesNotContain(KEY).contains("Now: Flat").contains("After: Long 1");

    assertThat(post(PLACE + "qty=1;\nkey=" + KEY + ";").body()).isEqualTo("duplicate " + id + "\n");
    assertThat(post("key=wrong-key-wrong-key-0000;\n" + PLACE + "qty=9;").statusCode()).isEqualTo(401);

    StandInInteraction alice = sandbox.discord().click(guild, guild.member("alice"), card, "Approve");
    assertThat(alice.awaitFollowUp(m -> m.text().contains("Not allowed"), WAIT).ephemeral()).isTrue();
    // an approver role alone is not enough: the approver also needs the grant of the command (here flatplace)
    StandInGuild.Member pat = guild.addMember("pat", guild.role("Risk"));
    StandInInteraction noGrant = sandbox.discord().click(guild, pat, card, "Approve");
    assertThat(noGrant.awaitFollowUp(m -> m.text().contains("may run /flatplace"), WAIT).ephemeral()).isTrue();
    assertThat(orders()).isEmpty();

    sandbox.discord().click(guild, guild.member("rita"), card, "Approve");
    StandInMessage sent = awaitCard(id, "Sent — approved by rita");
    assertThat(sent.buttons()).isEmpty();
    assertThat(orders()).singleElement().satisfies(r -> {
      assertThat(r.operationId()).isEqualTo("placeOrder");
      assertThat(r.body().path("orderId").asText()).isEqualTo("alert-" + id.toLowerCase(java.util.Locale.ROOT));
      assertThat(r.body().path("quantity").asInt()).isEqualTo(1);
    });
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(1);
    assertThat(cards(id)).as("one card, edited in place").hasSize(1);
    assertThat(sandbox.discord().channelMessages(trading()).stream().filter(m -> m.text().contains("PLACE BUY 9 ")))
        .as("the wrong key posted nothing").isEmpty();

    StandInInteraction again = sandbox.discord().click(guild, guild.member("rita"), card, "Approve"); // a stale client
    assertThat(again.awaitFollowUp(m -> m.text().contains("Already handled"), WAIT).ephemeral()).isTrue();
    assertThat(orders()).as("a second click sends nothing").hasSize(1);
  }

  @Test
  void rejectSendsNothing_andAnApprovalAfterHaltSendsNothing() throws Exception {
    int before = orders().size();
    String rejected = post("key=" + KEY + ";\n" + PLACE + "qty=2;").body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(rejected, "PLACE BUY 2");
    sandbox.discord().click(guild, guild.member("rita"), card, "Reject");
    assertThat(awaitCard(rejected, "Rejected by rita").buttons()).isEmpty();

    String halted = post("key=" + KEY + ";\n" + PLACE + "qty=3;").body().strip().substring("accepted ".length());
    StandInMessage open = awaitCard(halted, "PLACE BUY 3");
    StandInInteraction halt = sandbox.discord().slash(guild, guild.member("rita"), "halt", Map.of("reason", "news"));
    halt.awaitOriginal(m -> m.text().contains("halted"), WAIT);
    try {
      sandbox.discord().click(guild, guild.member("rita"), open, "Approve");
      assertThat(awaitCard(halted, "Not sent — trading is halted").buttons()).isEmpty();
      assertThat(orders()).hasSize(before);

      String refused = post("key=" + KEY + ";\n" + PLACE + "qty=4;").body().strip().substring("accepted ".length());
      StandInMessage shown = awaitCard(refused, "Refused on arrival");
      assertThat(shown.buttons()).as("a refused alert still shows, without Approve").isEmpty();
    } finally {
      sandbox.discord().slash(guild, guild.member("rita"), "resume", Map.of()).awaitOriginal(
          m -> m.text().toLowerCase(java.util.Locale.ROOT).contains("resum"), WAIT);
    }
    assertThat(orders()).hasSize(before);
  }
}
