package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The alert desk from the jar: a PLACE whose answer is lost (simulator latency past the request timeout, or a 5xx) is
 * "outcome unknown", never sent again, and looked up by the bot's own orderId: reported placed or not placed.
 */
class AlertOutcomeFollowUpEndToEndTest extends AlertDeskJarFixture {
  @Test
  void aPlaceWhoseAnswerIsLost_isLookedUpByOurId_neverSentAgain_andReportedPlacedOrNotPlaced() throws Exception {
    int before = orders().size();
    String executed = post("key=" + KEY + ";\n" + PLACE + "qty=7;").body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(executed, "PLACE BUY 7");
    sandbox.simulator().faults().latency(Duration.ofSeconds(5)); // executed, answered after the bot's 3 s timeout
    try {
      sandbox.discord().click(guild, guild.member("rita"), card, "Approve");
      awaitCard(executed, "OUTCOME UNKNOWN");
    } finally {
      sandbox.simulator().faults().clear();
    }
    StandInMessage placed = awaitCard(executed, "It was placed");
    assertThat(placed.text()).contains("Filled").contains("alert-" + executed.toLowerCase(Locale.ROOT));

    String lost = post("key=" + KEY + ";\n" + PLACE + "qty=8;").body().strip().substring("accepted ".length());
    StandInMessage second = awaitCard(lost, "PLACE BUY 8");
    sandbox.simulator().faults().serverError(500, 1); // refused before executing, but a 5xx is outcome unknown
    sandbox.discord().click(guild, guild.member("rita"), second, "Approve");
    awaitCard(lost, "OUTCOME UNKNOWN");
    awaitCard(lost, "It was not placed");

    assertThat(orders().subList(before, orders().size())).extracting(RecordedRequest::operationId)
        .as("each sent once, never again").containsExactly("placeOrder", "placeOrder");
  }
}
