package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.OnlineStatus;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The desk controls on durable state, through the real bot (its SQLite store in the sandbox's temp dir), the Discord
 * stand-in and the simulator: {@code /halt} and {@code /resume}, the halt surviving a restart of the bot, and
 * {@code /audit}. In the sandbox rita (Trader + Risk) holds {@code halt} and {@code audit}; alice (Trader) does not.
 */
class BotDeskControlsEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static Sandbox sandbox;
  static StandInGuild guild;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(2));
    guild = sandbox.guild();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void resumedAndReset() {
    sandbox.bot().halt().resume(new Invoker(1, "test-setup", Set.of())).join();
    sandbox.simulator().reset();
    sandbox.simulator().clearRequestLogForTest();
  }

  static Map<String, Object> opts(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static Map<String, Object> flatPlace() {
    return opts("account", "Sim101", "instrument", "MES 12-25", "action", "BUY", "quantity", 1L, "order_type", "MARKET",
        "time_in_force", "DAY");
  }

  /** An immediate command (read-only or /halt, /resume): deferred ephemeral reply, then the answer. */
  static StandInMessage answer(String member, String command, Map<String, Object> options) {
    StandInInteraction ix = sandbox.discord().slash(guild, guild.member(member), command, options);
    JsonNode ack = ix.awaitCallback(WAIT);
    assertThat(ack.path("type").asInt()).as("deferred reply").isEqualTo(5);
    StandInMessage answer = ix.awaitOriginal(m -> !m.raw().path("embeds").isEmpty(), WAIT);
    assertThat(answer.ephemeral()).isTrue();
    return answer;
  }

  static StandInMessage reply(String member, String command, Map<String, Object> options) {
    StandInMessage m = sandbox.discord().slash(guild, guild.member(member), command, options).original(WAIT);
    assertThat(m.ephemeral()).isTrue();
    return m;
  }

  static List<RecordedRequest> upstream() {
    return sandbox.simulator().requests();
  }

  /**
   * The order-changing calls (POSTs). A review card's preview reads (GETs) from an earlier test may still land while
   * a test runs, so "no upstream call" is asserted as no POST plus no call for the refused command's own instrument
   * read after its refusal (a refused command builds no card, hence reads nothing).
   */
  static List<RecordedRequest> posts() {
    return upstream().stream().filter(r -> !"GET".equals(r.method())).toList();
  }

  static List<String> auditChannel() {
    return sandbox.discord().channelMessages(sandbox.auditChannelId()).stream().map(StandInMessage::content).toList();
  }

  @Test
  void halt_refusesFlatPlaceAndReverse_withNoUpstreamCall_butFlattenStillGoesThrough() {
    StandInMessage halted = answer("rita", "halt", opts("reason", "fat finger on **ES** @everyone"));
    assertThat(halted.text()).contains("Trading halted").contains("fat finger on \\*\\*ES\\*\\*");
    String line = org.crosstradediscord.testing.Poll.until(() -> auditChannel().stream()
        .filter(l -> l.startsWith("`halt` /halt by rita") && l.contains("fat finger")).findFirst(), WAIT,
        () -> "the halt announced in the audit channel: " + auditChannel()); // the post is asynchronous
    assertThat(line).contains("HALTED").contains("reason=fat finger on \\*\\*ES\\*\\*").doesNotContain("@everyone ");

    StandInMessage refused = reply("alice", "flatplace", flatPlace());
    assertThat(refused.text()).contains("Trading is halted").contains("halted").contains("by rita")
        .contains("Nothing was sent");
    assertThat(refused.buttons()).isEmpty();
    StandInMessage reverse = reply("alice", "reverse", opts("account", "Sim101", "instrument", "MES 12-25", "action", "SELL",
        "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY"));
    assertThat(reverse.text()).contains("Trading is halted");
    assertThat(posts()).as("no upstream call for refused commands").isEmpty();

    StandInMessage card = reply("alice", "flatten", opts("account", "Sim101"));
    assertThat(card.text()).contains("Review: Flatten");
    StandInInteraction click = sandbox.discord().click(guild, guild.member("alice"), card, "Flatten");
    StandInMessage done = click.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
    assertThat(done.text()).contains("Done: Flatten");
    assertThat(upstream()).extracting(RecordedRequest::operationId).contains("flatten");

    answer("rita", "resume", opts());
    assertThat(reply("alice", "flatplace", flatPlace()).text()).contains("Review: Flat-place order");
  }

  @Test
  void aCardMadeBeforeTheHalt_isRefusedAtTheClick_withNoUpstreamCall() {
    StandInMessage card = reply("alice", "flatplace", flatPlace());
    assertThat(card.text()).contains("Review: Flat-place order");
    answer("rita", "halt", opts("reason", "news"));
    sandbox.simulator().clearRequestLogForTest(); // the card's own preview reads (GETs) happened before the halt

    StandInInteraction click = sandbox.discord().click(guild, guild.member("alice"), card, "Place order");
    StandInMessage result = click.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);

    assertThat(result.text()).contains("Not sent: Flat-place order").contains("halted").contains("news")
        .contains("Nothing was sent");
    assertThat(upstream()).extracting(RecordedRequest::operationId).doesNotContain("flatPlaceOrder");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isZero();
  }

  @Test
  void theHaltSurvivesARestartOfTheBot_andShowsInItsPresence() throws Exception {
    answer("rita", "halt", opts("reason", "end of day"));
    awaitStatus(OnlineStatus.DO_NOT_DISTURB);

    sandbox.restartBot();

    awaitStatus(OnlineStatus.DO_NOT_DISTURB);
    assertThat(sandbox.bot().jda().getPresence().getActivity().getName()).contains("HALTED");
    assertThat(reply("alice", "flatplace", flatPlace()).text()).contains("Trading is halted").contains("end of day");
    assertThat(posts()).isEmpty();

    answer("rita", "resume", opts());
    awaitStatus(OnlineStatus.ONLINE);
    assertThat(reply("alice", "flatplace", flatPlace()).text()).contains("Review: Flat-place order");
  }

  @Test
  void audit_listsTheEventsJustMade_andNeedsTheAuditGrant() {
    StandInMessage card = reply("bob", "flatplace", flatPlace());
    StandInInteraction cancel = sandbox.discord().click(guild, guild.member("bob"), card, "Cancel");
    cancel.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);

    StandInMessage table = answer("rita", "audit", opts("member", String.valueOf(guild.member("bob").id()), "count", 5L));
    String text = table.text();
    assertThat(text).contains("Audit trail").contains("bob").contains("/flatplace").contains("command")
        .contains("cancelled").contains("account=Sim101").doesNotContain("rita");
    assertThat(text.indexOf("cancelled")).as("newest first").isLessThan(text.indexOf("received"));

    StandInMessage everyone = answer("rita", "audit", opts());
    assertThat(everyone.text()).contains("/audit").contains("rita");

    StandInMessage denied = reply("alice", "audit", opts());
    assertThat(denied.text()).contains("Not allowed");
    StandInMessage noHalt = reply("alice", "halt", opts("reason", "mine"));
    assertThat(noHalt.text()).contains("Not allowed");
    assertThat(sandbox.bot().halt().current().halted()).isFalse();
  }

  private static void awaitStatus(OnlineStatus status) {
    org.crosstradediscord.testing.Poll.until(() -> sandbox.bot().jda().getPresence().getStatus() == status
        ? java.util.Optional.of(true) : java.util.Optional.empty(), WAIT,
        () -> "presence " + status + "; is " + sandbox.bot().jda().getPresence().getStatus());
  }
}
