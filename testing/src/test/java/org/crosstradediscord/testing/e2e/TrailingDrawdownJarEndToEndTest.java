package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The trailing-drawdown guard end to end with the bot started from its jar ({@code limits.trailing_drawdown: {Sim102:
 * 250}}, {@code flatten_on_trailing_drawdown: true}) against the simulator's Account Manager watermarks and moving
 * prices: the board shows the room left; a forced new high and a drop below the high minus the limit halt new risk
 * once, flatten Sim102 once (only it), and the board shows no room left.
 */
@AlertDeskJarFixture.WithDeskBoard
class TrailingDrawdownJarEndToEndTest extends AlertDeskJarFixture {
  private static StandInMessage board(String contains) {
    return Poll.until(() -> sandbox.discord().channelMessages(trading()).stream()
        .filter(m -> m.text().contains("Desk board") && m.text().contains(contains)).findFirst(), WAIT,
        () -> "a board saying '" + contains + "'");
  }

  private static List<RecordedRequest> flattens() {
    return sandbox.simulator().requests().stream().filter(r -> "flatten".equals(r.operationId())).toList();
  }

  @Test
  void aDropBelowTheHighMinusTheLimit_haltsOnce_flattensThatAccountOnce_andTheBoardShowsTheRoomLeft() {
    board("drawdown room 250.00 of 250.00");
    sandbox.simulator().book().setPosition("Sim102", "MES 12-25", 2, 6000.0);
    sandbox.simulator().book().setWatermarks("Sim102", 200.0, 100_200.0, 0.0); // a new high of 100,200.00
    sandbox.simulator().book().setPrice("MES 12-25", 5990.0); // net liquidation 99,900.00: 300 below the high

    StandInMessage halted = board("HALTED");
    assertThat(halted.text()).contains("trailing drawdown on Sim102");
    Poll.until(() -> flattens().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(true), WAIT,
        () -> "the flatten of Sim102");
    assertThat(flattens()).singleElement().satisfies(r -> assertThat(r.body().path("account").asText())
        .isEqualTo("Sim102"));
    assertThat(sandbox.simulator().book().position("Sim102", "MES 12-25")).isZero();
    board("drawdown room 0.00 of 250.00");
    assertThat(flattens()).as("once per account and day").hasSize(1);
  }
}
