package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only commands ({@code /positions}, {@code /orders}), {@code /cancel} and the buttons and autocomplete built
 * on the reads, through the real bot, the Discord stand-in (which enforces the 3 s rule) and the simulator.
 */
class BotReadCommandsEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static LogCapture logs;
  static Sandbox sandbox;
  static StandInGuild guild;

  @BeforeAll
  static void start() {
    logs = new LogCapture();
    sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(2));
    guild = sandbox.guild();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    logs.close();
  }

  @BeforeEach
  void reset() {
    sandbox.awaitReviewReadsIdle();
    sandbox.simulator().reset();
  }

  @AfterEach
  void discordAcceptedEveryPayload_andNoSecretLeaked() {
    BotEndToEndTest.assertNoSecretAnywhere_andJdaAcceptedEveryPayload(sandbox, logs);
  }

  static Map<String, Object> opts(Object... pairs) {
    return BotEndToEndTest.opts(pairs);
  }

  /** Runs a read-only command: the reply is deferred (ephemeral) at once, then edited with the answer. */
  static StandInMessage read(String member, String command, Map<String, Object> options) {
    StandInInteraction ix = sandbox.discord().slash(guild, guild.member(member), command, options);
    JsonNode ack = ix.awaitCallback(WAIT);
    assertThat(ack.path("type").asInt()).as("deferred reply").isEqualTo(5);
    assertThat(ack.path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    StandInMessage answer = ix.awaitOriginal(m -> !m.raw().path("embeds").isEmpty(), WAIT);
    assertThat(answer.ephemeral()).isTrue();
    return answer;
  }

  static List<RecordedRequest> posts() {
    return sandbox.simulator().requests().stream().filter(r -> !r.operationId().startsWith("get")
        && !r.operationId().startsWith("list")).toList();
  }

  /** Clicks Confirm on a review card and waits for the result card. */
  static StandInMessage confirm(String member, StandInMessage card, String label) {
    assertThat(card.button(label).styleName()).isEqualTo("danger");
    StandInInteraction click = sandbox.discord().click(guild, guild.member(member), card, label);
    assertThat(click.awaitCallback(WAIT).path("type").asInt()).as("acknowledged at once, card unchanged").isEqualTo(6);
    return click.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
  }

  static long audited(String kind, String command) {
    return sandbox.discord().channelMessages(sandbox.auditChannelId()).stream()
        .filter(m -> m.content().startsWith("`" + kind + "` /" + command + " ")).count();
  }

  @Test
  void positions_afterAFlatPlace_showTheOpenPosition_withNonZeroUnrealizedPnl_onceThePriceMoved() {
    StandInInteraction place = sandbox.discord().slash(guild, guild.member("alice"), "flatplace", opts("account", "Sim101",
        "instrument", "MES 12-25", "action", "BUY", "quantity", 2L, "order_type", "MARKET", "time_in_force", "DAY"));
    confirm("alice", place.original(WAIT), "Place order");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(2);
    sandbox.simulator().book().setPrice("MES 12-25", 6010.5); // +10.25 points × 2 × $5
    sandbox.simulator().clearRequestLogForTest();

    StandInMessage answer = read("alice", "positions", opts());

    String text = answer.text();
    assertThat(text).contains("Positions").contains("Sim101").contains("MES 12-25").contains("Long").contains("6000.25")
        .contains("6010.5").contains("102.50");
    assertThat(text).as("per-account P&L of both of alice's accounts").contains("Realized P&L: 0.00 · Unrealized P&L: 102.50")
        .contains("Sim102");
    assertThat(answer.buttons()).extracting(StandInMessage.Button::label).containsExactly("Close Sim101 MES 12-25");
    assertThat(posts()).as("a read sends no order").isEmpty();
    assertThat(sandbox.simulator().requests()).extracting(RecordedRequest::operationId)
        .containsExactlyInAnyOrder("getAllPositions", "getAccount", "getAccount");
  }

  @Test
  void orders_showARestingLimit_andCancelCancelsIt_withOneUpstreamCallAfterOneConfirmation() {
    String id = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
    sandbox.simulator().book().addWorkingLimitOrder("Sim101", id, "ES 12-25", "BUY", 2, 5790.25);

    StandInMessage orders = read("alice", "orders", opts("account", "sim101"));
    assertThat(orders.text()).contains("Working orders").contains("0a1b2c3d").contains("ES 12-25").contains("Buy")
        .contains("Limit").contains("L 5790.25").contains("Working").doesNotContain(id);
    assertThat(orders.buttons()).extracting(StandInMessage.Button::label).containsExactly("Cancel 0a1b2c3d ES 12-25");

    StandInInteraction cmd = sandbox.discord().slash(guild, guild.member("alice"), "cancel", opts("account", "Sim101", "order_id", id));
    StandInMessage card = cmd.original(WAIT);
    assertThat(card.text()).contains("Review: Cancel order").contains(id);
    assertThat(posts()).as("nothing is sent before Confirm").isEmpty();

    StandInMessage result = confirm("alice", card, "Cancel order");

    assertThat(result.text()).contains("Done: Cancel order").contains(id);
    assertThat(posts()).singleElement().satisfies(r -> {
      assertThat(r.operationId()).isEqualTo("cancelOrder");
      assertThat(r.path()).endsWith("/orders/" + id + "/cancel");
    });
    assertThat(sandbox.simulator().book().orderState("Sim101", id)).isEqualTo("Cancelled");
    sandbox.discord().awaitCall(c -> c.route().equals("/channels/" + sandbox.auditChannelId() + "/messages")
        && c.body().path("content").asText().startsWith("`result` /cancel by alice"), WAIT);
    assertThat(audited("confirmed", "cancel")).isEqualTo(1);
    assertThat(read("alice", "orders", opts("account", "Sim101")).text()).contains("No working orders");
  }

  @Test
  void cancelButtonOfOrders_startsTheCancelConfirmation() {
    String id = "ffeeddccbbaa40718293a4b5c6d7e8f9";
    sandbox.simulator().book().addWorkingLimitOrder("Sim102", id, "NQ 12-25", "SELL", 1, 21100.0);
    StandInMessage orders = read("bob", "orders", opts());

    StandInInteraction click = sandbox.discord().click(guild, guild.member("bob"), orders, "Cancel ffeeddcc NQ 12-25");
    assertThat(click.awaitCallback(WAIT).path("type").asInt()).as("a new ephemeral review card, deferred").isEqualTo(5);
    StandInMessage card = click.original(WAIT);
    assertThat(card.ephemeral()).isTrue();
    assertThat(card.text()).contains("Review: Cancel order").contains(id).contains("Sim102");
    assertThat(posts()).isEmpty();

    assertThat(confirm("bob", card, "Cancel order").text()).contains("Done: Cancel order");
    assertThat(posts()).extracting(RecordedRequest::operationId).containsExactly("cancelOrder");
    assertThat(sandbox.simulator().book().orderState("Sim102", id)).isEqualTo("Cancelled");
  }

  @Test
  void closeButtonOfPositions_leadsToACloseReviewCard_andConfirmingClosesThePosition() {
    sandbox.simulator().book().setPosition("Sim102", "ES 12-25", -3, 5810.0);
    StandInMessage positions = read("alice", "positions", opts("account", "Sim102"));
    assertThat(positions.text()).contains("ES 12-25").contains("Short");

    StandInInteraction click = sandbox.discord().click(guild, guild.member("alice"), positions, "Close Sim102 ES 12-25");
    StandInMessage card = click.original(WAIT);
    assertThat(click.callbackType()).isEqualTo(5);
    assertThat(card.text()).contains("Review: Close position").contains("Closes the whole position").contains("ES 12-25")
        .contains("Sim102");
    assertThat(posts()).as("the click itself sends nothing").isEmpty();

    StandInMessage result = confirm("alice", card, "Close position");

    assertThat(result.text()).contains("Done: Close position").contains("Closed positions");
    assertThat(posts()).singleElement().satisfies(r -> {
      assertThat(r.operationId()).isEqualTo("closePosition");
      assertThat(r.account()).isEqualTo("Sim102");
      assertThat(r.body().toString()).isEqualTo("{\"instrument\":\"ES 12-25\"}");
    });
    assertThat(sandbox.simulator().book().position("Sim102", "ES 12-25")).isZero();
  }

  @Test
  void closeButton_isDeniedAtTheClick_whenTheRoleLostClose() {
    sandbox.simulator().book().setPosition("Sim101", "ES 12-25", 1, 5800.0);
    StandInGuild.Member bob = guild.member("bob");
    List<Long> roles = bob.roleIds();
    StandInMessage positions = read("bob", "positions", opts("account", "Sim101"));
    try {
      bob.setRoles(List.of());
      StandInInteraction click = sandbox.discord().click(guild, bob, positions, "Close Sim101 ES 12-25");
      assertThat(click.original(WAIT).text()).contains("Not allowed").contains("/close");
      assertThat(posts()).isEmpty();
    } finally {
      bob.setRoles(roles);
    }
  }

  @Test
  void aMemberWithoutView_isRefused_withNoUpstreamCall() {
    for (String command : List.of("positions", "orders")) {
      StandInInteraction ix = sandbox.discord().slash(guild, guild.member("carol"), command, opts());
      StandInMessage reply = ix.original(WAIT);
      assertThat(ix.callbackType()).as("refused at once, not deferred").isEqualTo(4);
      assertThat(reply.ephemeral()).isTrue();
      assertThat(reply.text()).contains("Not allowed").contains("/" + command);
    }
    assertThat(sandbox.simulator().requests()).isEmpty();
  }

  @Test
  void anAccountTheMemberMayNotUse_isRefused_withNoUpstreamCall() {
    StandInMessage reply = sandbox.discord().slash(guild, guild.member("alice"), "positions", opts("account", "Live-A"))
        .original(WAIT);

    assertThat(reply.text()).contains("Not allowed").contains("Live-A").contains("Sim101, Sim102")
        .contains("is not an account you may view").doesNotContain("may trade");
    assertThat(sandbox.simulator().requests()).isEmpty();
  }

  @Test
  void aFailedRead_showsAClearError_withTheUpstreamsWords() {
    sandbox.simulator().faults().disconnected(true);

    StandInMessage answer = read("alice", "orders", opts("account", "Sim101"));

    assertThat(answer.text()).contains("Could not read: Orders").contains("not connected").contains("nothing was changed")
        .contains("HTTP 408").doesNotContainPattern("\\w+Exception").doesNotContain("listOrders");
    assertThat(answer.buttons()).isEmpty();
  }

  @Test
  void instrumentAndOrderIdAutocomplete_offerTheMembersPositionsAndWorkingOrders() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
    sandbox.simulator().book().addWorkingLimitOrder("Sim101", "1234567890abcdef1234567890abcdef", "NQ 12-25", "BUY", 1, 20900.0);
    StandInGuild.Member alice = guild.member("alice");

    assertThat(sandbox.discord().autocomplete(guild, alice, "close", opts("account", "Sim101", "instrument", ""), "instrument", WAIT))
        .containsExactly("MES 12-25", "NQ 12-25");
    assertThat(sandbox.discord().autocomplete(guild, alice, "flatplace", opts("account", "Sim101", "instrument", "nq"), "instrument", WAIT))
        .containsExactly("NQ 12-25");
    assertThat(sandbox.discord().autocomplete(guild, alice, "cancel", opts("account", "Sim101", "order_id", ""), "order_id", WAIT))
        .containsExactly("Buy 1 NQ 12-25 Limit L 20900 · 12345678");
    assertThat(sandbox.discord().autocomplete(guild, guild.member("carol"), "close",
        opts("account", "Sim101", "instrument", ""), "instrument", WAIT)).as("no grant: no suggestion").isEmpty();
  }

  @Test
  void autocomplete_answersEmptyWithinDiscordsThreeSeconds_whenCrossTradeIsSlow() {
    sandbox.simulator().book().setPosition("Sim102", "ES 12-25", 1, 5800.0);
    sandbox.simulator().faults().latency(Duration.ofMillis(4_000));

    long start = System.nanoTime();
    List<String> choices = sandbox.discord().autocomplete(guild, guild.member("alice"), "reverse",
        opts("account", "Sim102", "instrument", ""), "instrument", WAIT);
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(choices).isEmpty();
    assertThat(ms).as("answered within the 2 s bound, before Discord's 3 s").isLessThan(2_900);
  }
}
