package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.junit.jupiter.api.Test;

/** The alert desk from the jar: an alert not approved within its source's ttl_seconds expires and sends nothing. */
class AlertDeskExpiryEndToEndTest extends AlertDeskJarFixture {
  @Test
  void anAlertNotApprovedInTime_expires_andSendsNothing() throws Exception {
    int before = orders().size();
    HttpResponse<String> accepted = post("tv-fast", "key=" + FAST_KEY + ";\n" + PLACE + "qty=5;");
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(id, "PLACE BUY 5");

    StandInMessage expired = Poll.until(() -> cards(id).stream().filter(m -> m.text().contains("Expired — not sent"))
        .findFirst(), Duration.ofSeconds(30), () -> "the card of " + id + " expired: " + cards(id).stream()
        .map(StandInMessage::text).toList());
    assertThat(expired.buttons()).isEmpty();
    StandInInteraction late = sandbox.discord().click(guild, guild.member("rita"), card, "Approve"); // a stale client
    assertThat(late.awaitFollowUp(m -> m.text().contains("Already handled"), WAIT).ephemeral()).isTrue();
    assertThat(orders()).hasSize(before);
  }
}
