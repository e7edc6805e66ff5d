package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bot configured with {@code crosstrade.transport: websocket} does the same over the simulator's /ws/stream. */
class BotOverWebSocketEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static Sandbox sandbox;
  static StandInGuild guild;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(2), "websocket");
    guild = sandbox.guild();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.simulator().reset();
  }

  StandInMessage confirm(String member, String command, Map<String, Object> options, String label) {
    StandInInteraction cmd = sandbox.discord().slash(guild, guild.member(member), command, options);
    StandInMessage card = cmd.original(WAIT);
    sandbox.discord().click(guild, guild.member(member), card, label);
    return cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
  }

  @Test
  void flatplace_goesOverTheWebSocket() {
    StandInMessage result = confirm("alice", "flatplace", Map.of("account", "Sim101", "instrument", "ES 12-25",
        "action", "BUY", "quantity", 2L, "order_type", "MARKET", "time_in_force", "DAY"), "Place order");

    assertThat(result.text()).contains("Done: Flat-place order");
    assertThat(sandbox.simulator().requests()).filteredOn(r -> !"GET".equals(r.method())).singleElement().satisfies(r -> {
      assertThat(r.transport()).isEqualTo("websocket");
      assertThat(r.operationId()).isEqualTo("flatPlaceOrder");
    });
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).isEqualTo(2);
  }

  @Test
  void flattenEverything_isTheExplicitRpc_andErrorsShowAsOverRest() {
    sandbox.simulator().book().setPosition("Sim102", "ES 12-25", 1, 5790.0);
    StandInMessage done = confirm("rita", "flatten", Map.of(), "Flatten EVERYTHING");
    assertThat(done.text()).contains("Done: FLATTEN EVERYTHING").contains("ES 12-25");
    assertThat(sandbox.simulator().requests()).filteredOn(r -> !"GET".equals(r.method()))
        .extracting(RecordedRequest::transport).containsExactly("websocket");
    assertThat(sandbox.simulator().requests()).as("the review's reads too").extracting(RecordedRequest::transport)
        .containsOnly("websocket");

    StandInMessage refused = confirm("alice", "reverse", Map.of("account", "Sim101", "instrument", "ES 12-25",
        "action", "BUY", "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY"), "Reverse position");
    assertThat(refused.text()).contains("No position found for instrument 'ES 12-25' in account 'sim101'");
  }
}
