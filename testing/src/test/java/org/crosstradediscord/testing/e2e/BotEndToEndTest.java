package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.testing.discord.CapturedCall;
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
 * The real bot, started through its normal start-up path, against the Discord stand-in and the CrossTrade
 * simulator: slash command → ephemeral review card → click → exactly the expected upstream request → the card
 * replaced by the result, and every refusal path with zero upstream calls.
 */
class BotEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();
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
    sandbox.awaitReviewReadsIdle(); // a review card's read started just before the last test ended lands before the reset
    sandbox.simulator().reset();
  }

  /**
   * Waits until the bot's rate limiter holds enough tokens for a review read: a read never takes the last ones
   * (they stay for orders), and the tests before may have used them.
   */
  static void readBudget() {
    org.crosstradediscord.testing.Poll.until(() -> sandbox.bot().crossTrade().rateLimiter().available() >= 9
        ? java.util.Optional.of(true) : java.util.Optional.empty(), WAIT, () -> "the bot's rate limiter refills");
  }

  @AfterEach
  void noSecretAnywhere_andJdaAcceptedEveryPayload() {
    assertNoSecretAnywhere_andJdaAcceptedEveryPayload(sandbox, logs);
  }

  /** No token in any Discord call, member-visible message or log line; JDA and the stand-in accepted every call. */
  static void assertNoSecretAnywhere_andJdaAcceptedEveryPayload(Sandbox sandbox, LogCapture logs) {
    for (String secret : List.of(Sandbox.DISCORD_TOKEN, Sandbox.CROSSTRADE_TOKEN)) {
      for (CapturedCall c : sandbox.discord().calls()) {
        assertThat(String.valueOf(c.body())).as(c.toString()).doesNotContain(secret);
      }
      for (StandInGuild.Member m : sandbox.guild().members().values()) {
        sandbox.discord().messagesVisibleTo(m).forEach(msg -> assertThat(msg.raw().toString()).doesNotContain(secret));
      }
      assertThat(logs.lines()).noneMatch(l -> l.contains(secret));
    }
    assertThat(logs.jdaProblems()).isEmpty();
    assertThat(sandbox.discord().calls()).as("every Discord call accepted (3 s rule, limits)")
        .noneMatch(c -> c.status() >= 400);
  }

  static Map<String, Object> opts(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static Map<String, Object> marketOrder(String account, String instrument, String side, long qty) {
    return opts("account", account, "instrument", instrument, "action", side, "quantity", qty, "order_type", "MARKET",
        "time_in_force", "DAY");
  }

  static StandInInteraction slash(String member, String command, Map<String, Object> options) {
    return sandbox.discord().slash(guild, guild.member(member), command, options);
  }

  /** Runs a command, checks the review card, clicks its Confirm, and returns the final card. */
  static StandInMessage confirm(String member, String command, Map<String, Object> options, String confirmLabel) {
    StandInInteraction cmd = slash(member, command, options);
    StandInMessage card = cmd.original(WAIT);
    assertThat(cmd.callbackType()).as("deferred at once; the card follows once stored").isEqualTo(5);
    assertThat(card.ephemeral()).as("review card is ephemeral").isTrue();
    StandInMessage.Button confirm = card.button(confirmLabel);
    assertThat(confirm.styleName()).isEqualTo("danger");
    assertThat(card.button("Cancel").styleName()).isEqualTo("secondary");
    assertThat(confirm.customId().length()).isBetween(1, 100);
    assertThat(sandbox.simulator().requests()).as("nothing but reads is sent before Confirm")
        .allMatch(r -> "GET".equals(r.method()));

    StandInInteraction click = sandbox.discord().click(guild, guild.member(member), card, confirmLabel);
    JsonNode ack = click.awaitCallback(WAIT);
    assertThat(ack.path("type").asInt()).as("the click is acknowledged at once, the card left as it is").isEqualTo(6);
    StandInMessage end = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
    assertThat(sandbox.discord().calls()).as("the card said Sending… with its buttons disabled before the result")
        .anyMatch(c -> c.method().equals("PATCH") && c.route().contains("/webhooks/") && c.body() != null
            && c.body().toString().contains("\"disabled\":true"));
    return end;
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** @return the requests that may trade (every one but the review cards' reads) */
  static List<RecordedRequest> trades() {
    return sandbox.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).toList();
  }

  static RecordedRequest onlyRequest() {
    assertThat(trades()).hasSize(1);
    return trades().get(0);
  }

  @Test
  void commands_registerWithDiscordValidDefinitions() {
    JsonNode commands = sandbox.discord().registeredCommands(guild.id());
    assertThat(commands).extracting(c -> c.path("name").asText())
        .containsExactlyInAnyOrder("flatplace", "reverse", "close", "flatten", "cancel", "positions", "orders", "audit",
            "halt", "resume");
    assertThat(sandbox.discord().calls()).filteredOn(c -> c.route().endsWith("/commands") && c.method().equals("PUT"))
        .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  void flatplace_confirmed_placesExactlyTheReviewedOrder() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", -1, 6010.0);

    StandInMessage result = confirm("alice", "flatplace", marketOrder("sim101", "MES 12-25", "BUY", 2), "Place order");

    assertThat(result.text()).contains("Done: Flat-place order").contains("Order id");
    RecordedRequest r = onlyRequest();
    assertThat(r.operationId()).isEqualTo("flatPlaceOrder");
    assertThat(r.account()).isEqualTo("Sim101");
    assertThat(r.body()).isEqualTo(json("{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"quantity\":2,"
        + "\"orderType\":\"MARKET\",\"timeInForce\":\"DAY\"}"));
    assertThat(result.text()).contains(r.response().path("orderId").asText());
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(2);
  }

  @Test
  void reverse_confirmed_closesAndOpensTheOtherSide() {
    sandbox.simulator().book().setPosition("Sim102", "ES 12-25", 3, 5790.0);

    StandInMessage result = confirm("alice", "reverse", opts("account", "Sim102", "instrument", "ES 12-25",
        "action", "SELL", "quantity", 3L, "order_type", "LIMIT", "time_in_force", "GTC", "limit_price", 5810.25),
        "Reverse position");

    assertThat(result.text()).contains("Done: Reverse position");
    assertThat(onlyRequest().body()).isEqualTo(json("{\"instrument\":\"ES 12-25\",\"action\":\"SELL\",\"quantity\":3,"
        + "\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"limitPrice\":5810.25}"));
    assertThat(sandbox.simulator().book().position("Sim102", "ES 12-25")).isZero();
    assertThat(sandbox.simulator().book().workingOrders("Sim102")).hasSize(1);
  }

  @Test
  void close_confirmed_showsTheClosedPositionsTable() {
    sandbox.simulator().book().setPosition("Sim101", "ES 12-25", 4, 5790.0);

    StandInMessage result = confirm("bob", "close", opts("account", "Sim101", "instrument", "ES 12-25", "percent", 50.0),
        "Close position");

    assertThat(onlyRequest().body()).isEqualTo(json("{\"instrument\":\"ES 12-25\",\"percent\":0.5}"));
    assertThat(result.text()).contains("Closed positions").contains("ES 12-25").contains("Long").contains("5790")
        .contains("1050.00");
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).isEqualTo(2);
  }

  @Test
  void flatten_confirmed_flattensOnlyTheFilteredAccount() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", -2, 6005.0);
    sandbox.simulator().book().setPosition("Sim102", "MES 12-25", 1, 6005.0);

    StandInMessage result = confirm("alice", "flatten", opts("account", "Sim101"), "Flatten");

    assertThat(onlyRequest().body()).isEqualTo(json("{\"account\":\"Sim101\"}"));
    assertThat(result.text()).contains("MES 12-25").contains("Short");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isZero();
    assertThat(sandbox.simulator().book().position("Sim102", "MES 12-25")).isEqualTo(1);
  }

  /** Runs a command and waits until its review card shows what the read found (or that it is unknown). */
  static StandInInteraction reviewed(String member, String command, Map<String, Object> options) {
    readBudget();
    StandInInteraction cmd = slash(member, command, options);
    cmd.awaitOriginal(m -> !m.text().contains(": reading…"), WAIT);
    return cmd;
  }

  /** @return how many review cards were sent saying "Current position: reading…" so far */
  static long readingCards() {
    return sandbox.discord().calls().stream().filter(c -> c.method().equals("PATCH") && c.route().contains("/webhooks/")
        && c.body() != null && c.body().toString().contains("Current position: reading")).count();
  }

  @Test
  void reverseReviewCard_showsNowAndAfter_fromGetsOnly_andKeepsItsButtons() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
    sandbox.simulator().book().setPrice("MES 12-25", 6001.0);
    readBudget();
    long readingCards = readingCards();
    StandInInteraction cmd = slash("alice", "reverse", marketOrder("Sim101", "MES 12-25", "SELL", 1));
    cmd.awaitOriginal(m -> true, WAIT);
    assertThat(readingCards()).as("the card goes out at once, before the read").isGreaterThan(readingCards);

    StandInMessage card = cmd.awaitOriginal(m -> m.text().contains("After:"), WAIT);

    assertThat(card.text()).contains("What it affects").contains("Now: Long 2 @ 6000 (unrealized P&L 10.00)")
        .contains("After: Short 1 (Long 2 is closed first)");
    assertThat(card.button("Reverse position").disabled()).isFalse();
    assertThat(card.button("Cancel").disabled()).isFalse();
    assertThat(sandbox.simulator().requests()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.operationId()).isEqualTo("getPosition");
      assertThat(r.account()).isEqualTo("Sim101");
    });

    sandbox.discord().click(guild, guild.member("alice"), card, "Reverse position");
    assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Reverse position");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).as("as the card said").isEqualTo(-1);
  }

  @Test
  void failedRead_saysUnknown_andTheActionStillGoesThrough() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
    sandbox.simulator().faults().disconnected(true);
    readBudget();
    StandInInteraction cmd = slash("alice", "flatplace", marketOrder("Sim101", "MES 12-25", "SELL", 1));

    StandInMessage card = cmd.awaitOriginal(m -> m.text().contains("unknown ("), WAIT);

    assertThat(card.text()).contains("Current position: unknown (NinjaTrader or the CrossTrade add-on is not connected)")
        .contains("you can still confirm");
    assertThat(card.button("Place order").disabled()).isFalse();
    assertThat(trades()).isEmpty();
    sandbox.simulator().faults().clear();

    sandbox.discord().click(guild, guild.member("alice"), card, "Place order");
    assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Flat-place order");
    assertThat(onlyRequest().operationId()).isEqualTo("flatPlaceOrder");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(-1);
  }

  @Test
  void slowRead_saysUnknownWithinTheBound_andTheActionStillGoesThrough() {
    sandbox.simulator().faults().latency(Duration.ofMillis(2_600)); // the read gives up at 2 s (the request timeout)
    readBudget();
    StandInInteraction cmd = slash("bob", "close", opts("account", "Sim101", "instrument", "ES 12-25"));

    StandInMessage card = cmd.awaitOriginal(m -> m.text().contains("unknown ("), WAIT);
    assertThat(card.text()).contains("Current position: unknown (");
    sandbox.simulator().faults().clear();
    sandbox.simulator().book().setPosition("Sim101", "ES 12-25", 1, 5790.0);

    sandbox.discord().click(guild, guild.member("bob"), card, "Close position");
    assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Close position");
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).isZero();
  }

  @Test
  void closeHalfOfLong3_reviewSaysCloses2Leaves1_andTheResultShowsThePnl() {
    sandbox.simulator().book().setPosition("Sim101", "ES 12-25", 3, 5790.0);
    sandbox.simulator().book().setPrice("ES 12-25", 5800.0);
    StandInInteraction cmd = reviewed("bob", "close", opts("account", "Sim101", "instrument", "ES 12-25", "percent", 50.0));
    StandInMessage card = cmd.original(WAIT);

    assertThat(card.text()).contains("Now: Long 3 @ 5790 (unrealized P&L 1500.00)")
        .contains("After: closes 2, leaves Long 1").contains("Realizes about 1000.00 at the last price");

    sandbox.discord().click(guild, guild.member("bob"), card, "Close position");
    StandInMessage result = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
    assertThat(result.text()).contains("Closed positions: 1").contains("Realized P&L: about 1000.00")
        .doesNotContain("Order id");
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).isEqualTo(1);
  }

  @Test
  void flatten_reviewListsWhatItClosesAndCancels_andTheResultSaysWhichOrdersItCancelled() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", -2, 6005.0);
    sandbox.simulator().book().addWorkingLimitOrder("Sim101", "aaaa1111bbbb2222cccc3333dddd4444", "MES 12-25", "BUY", 1, 100.0);
    sandbox.simulator().book().addWorkingLimitOrder("Sim101", "eeee5555ffff6666aaaa7777bbbb8888", "NQ 12-25", "BUY", 1, 100.0);
    sandbox.simulator().book().setPosition("Sim102", "MES 12-25", 1, 6005.0);
    StandInInteraction cmd = reviewed("alice", "flatten", opts("account", "Sim101"));
    StandInMessage card = cmd.original(WAIT);

    assertThat(card.text()).contains("Closes 1 position:").contains("Sim101 · MES 12-25 · Short 2 @ 6005")
        .contains("Cancels 2 working orders:").contains("MES 12-25 · Buy 1 Limit @ 100 · id aaaa1111…")
        .contains("NQ 12-25 · Buy 1 Limit @ 100 · id eeee5555…").doesNotContain("Sim102");
    assertThat(sandbox.simulator().requests()).extracting(RecordedRequest::method).containsOnly("GET");

    sandbox.discord().click(guild, guild.member("alice"), card, "Flatten");
    StandInMessage result = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);

    String closingOrder = onlyRequest().response().path("orderIds").get(0).asText();
    assertThat(result.text()).contains("Done: Flatten").contains("Closed positions: 1").contains("Short")
        .contains("Cancelled orders: 2").contains("aaaa1111bbbb2222cccc3333dddd4444")
        .contains("eeee5555ffff6666aaaa7777bbbb8888").doesNotContain("Order id")
        .contains("Other orders in CrossTrade's answer").contains(closingOrder);
    assertThat(sandbox.simulator().book().workingOrders("Sim101")).isEmpty();
    assertThat(sandbox.simulator().book().position("Sim102", "MES 12-25")).isEqualTo(1);
  }

  @Test
  void flattenOfOnlyARestingOrder_saysItCancelledIt_notOrderId() {
    sandbox.simulator().book().addWorkingLimitOrder("Sim102", "1234567890abcdef1234567890abcdef", "ES 12-25", "BUY", 2, 100.0);
    StandInInteraction cmd = reviewed("alice", "flatten", opts("account", "Sim102"));
    StandInMessage card = cmd.original(WAIT);
    assertThat(card.text()).contains("Closes no position").contains("Cancels 1 working order:");

    sandbox.discord().click(guild, guild.member("alice"), card, "Flatten");
    StandInMessage result = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);

    assertThat(result.text()).contains("Closed positions: none").contains("Cancelled orders: 1")
        .contains("1234567890abcdef1234567890abcdef").doesNotContain("Order id").doesNotContain("Other orders");
  }

  @Test
  void flattenWithNoFilters_isDenied_toARoleWithoutFlattenEverything() {
    StandInMessage reply = slash("alice", "flatten", opts()).original(WAIT);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.text()).contains("Not allowed").contains("flatten_everything");
    assertThat(reply.buttons()).isEmpty();
    assertThat(sandbox.simulator().requests()).isEmpty();
  }

  @Test
  void flattenWithNoFilters_forFlattenEverything_saysSoAndFlattensEveryAccount() {
    sandbox.simulator().book().setPosition("Sim101", "MES 12-25", -2, 6005.0);
    sandbox.simulator().book().setPosition("Live-A", "NQ 12-25", 1, 20900.0);
    StandInMessage card = slash("rita", "flatten", opts()).original(WAIT);
    assertThat(card.text()).contains("FLATTEN EVERYTHING").contains("EVERY position").contains("EVERY account");

    StandInMessage result = confirm("rita", "flatten", opts(), "Flatten EVERYTHING");

    assertThat(onlyRequest().body()).isEqualTo(json("{}"));
    assertThat(result.text()).contains("MES 12-25").contains("NQ 12-25");
    assertThat(sandbox.simulator().book().position("Live-A", "NQ 12-25")).isZero();
  }

  @Test
  void anotherMemberClickingConfirm_isRefused_andTheInvokerCanStillConfirm() {
    StandInInteraction cmd = slash("alice", "flatplace", marketOrder("Sim101", "ES 12-25", "BUY", 1));
    StandInMessage card = cmd.original(WAIT);

    StandInInteraction bobClick = sandbox.discord().click(guild, guild.member("bob"), card, "Place order");
    StandInMessage refusal = bobClick.awaitFollowUp(m -> !m.text().isBlank(), WAIT);

    assertThat(refusal.ephemeral()).isTrue();
    assertThat(refusal.visibleTo()).isEqualTo(guild.member("bob").id());
    assertThat(refusal.text()).contains("Only the member who ran the command");
    assertThat(trades()).isEmpty();

    sandbox.discord().click(guild, guild.member("alice"), card, "Place order");
    cmd.awaitOriginal(m -> m.text().contains("Done"), WAIT);
    assertThat(trades()).hasSize(1);
  }

  @Test
  void memberWithoutTheRole_isDenied_withZeroUpstreamCalls_andTheDenialIsAudited() {
    StandInMessage reply = slash("carol", "flatplace", marketOrder("Sim101", "ES 12-25", "BUY", 1)).original(WAIT);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.text()).contains("Not allowed").contains("/flatplace");
    assertThat(sandbox.simulator().requests()).isEmpty();
    sandbox.discord().awaitCall(c -> c.route().equals("/channels/" + sandbox.auditChannelId() + "/messages")
        && c.body().path("content").asText().contains("`denied` /flatplace by carol"), WAIT);
  }

  @Test
  void twoConcurrentConfirmClicks_makeOneUpstreamCall() {
    StandInInteraction cmd = slash("alice", "flatplace", marketOrder("Sim101", "ES 12-25", "BUY", 1));
    StandInMessage card = cmd.original(WAIT);

    StandInInteraction first = sandbox.discord().click(guild, guild.member("alice"), card, "Place order");
    StandInInteraction second = sandbox.discord().click(guild, guild.member("alice"), card, "Place order");
    first.awaitCallback(WAIT);
    second.awaitCallback(WAIT);
    cmd.awaitOriginal(m -> m.text().contains("Done"), WAIT);

    assertThat(trades()).hasSize(1);
    StandInMessage refused = org.crosstradediscord.testing.Poll.until(() -> java.util.stream.Stream.of(first, second)
        .flatMap(c -> c.followUps().stream()).findFirst(), WAIT, () -> "one click is refused in a follow-up");
    assertThat(refused.text()).contains("already confirmed");
    assertThat(first.followUps().size() + second.followUps().size()).as("the other one traded").isEqualTo(1);
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).isEqualTo(1);
  }

  @Test
  void roleRemovedBetweenCommandAndConfirm_isDeniedAtTheClick() {
    StandInGuild.Member bob = guild.member("bob");
    List<Long> roles = bob.roleIds();
    StandInInteraction cmd = slash("bob", "flatplace", marketOrder("Sim101", "ES 12-25", "BUY", 1));
    StandInMessage card = cmd.original(WAIT);
    try {
      bob.setRoles(List.of());
      sandbox.discord().click(guild, bob, card, "Place order");
      StandInMessage denied = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
      assertThat(denied.text()).contains("Not allowed any more").contains("flatplace");
      assertThat(trades()).isEmpty();
    } finally {
      bob.setRoles(roles);
    }
  }

  @Test
  void cancel_sendsNothing() {
    StandInInteraction cmd = slash("alice", "close", opts("account", "Sim101", "instrument", "ES 12-25"));
    StandInMessage card = cmd.original(WAIT);

    sandbox.discord().click(guild, guild.member("alice"), card, "Cancel");

    assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Cancelled");
    assertThat(trades()).isEmpty();
  }

  @Test
  void invalidOptions_makeNoUpstreamCall_andNameTheOption() {
    StandInMessage reply = slash("alice", "flatplace", opts("account", "Sim101", "instrument", "ES 12-25",
        "action", "BUY", "quantity", 0L, "order_type", "LIMIT", "time_in_force", "DAY")).original(WAIT);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.text()).contains("`quantity`").contains("`limit_price` is required when order_type is LIMIT");
    assertThat(reply.buttons()).isEmpty();
    assertThat(sandbox.simulator().requests()).isEmpty();
  }

  @Test
  void accountAutocomplete_offersOnlyTheMembersAccounts() {
    assertThat(sandbox.discord().autocomplete(guild, guild.member("alice"), "flatplace", opts("account", "sim"), "account", WAIT))
        .containsExactly("Sim101", "Sim102");
    assertThat(sandbox.discord().autocomplete(guild, guild.member("alice"), "close", opts("account", "102"), "account", WAIT))
        .containsExactly("Sim102");
    assertThat(sandbox.discord().autocomplete(guild, guild.member("carol"), "flatplace", opts("account", ""), "account", WAIT))
        .isEmpty();
  }

  @Test
  void upstream400_isShownVerbatim() {
    StandInMessage result = confirm("alice", "reverse", marketOrder("Sim101", "ES 12-25", "SELL", 1), "Reverse position");

    assertThat(result.text()).contains("No position found for instrument 'ES 12-25' in account 'sim101'")
        .contains("nothing was executed");
  }

  @Test
  void upstream408_saysNinjaTraderIsNotConnected() {
    sandbox.simulator().faults().disconnected(true);

    StandInMessage result = confirm("alice", "flatplace", marketOrder("Sim101", "ES 12-25", "BUY", 1), "Place order");

    assertThat(result.text()).contains("NinjaTrader 8 or the CrossTrade add-on is not connected").contains("HTTP 408")
        .contains("nothing was executed").doesNotContain("flatPlaceOrder").doesNotContainPattern("\\w+Exception");
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).isZero();
  }

  @Test
  void upstream429_saysRateLimitedTryAgainShortly() {
    readBudget(); // the bot's own limiter must not be what makes the close wait for the upstream's refill
    // the upstream's bucket empty and staying so: a slow machine's refill cannot let the close through
    sandbox.simulator().faults().rateLimitExhausted();

    StandInMessage result = confirm("alice", "close", opts("account", "Sim101", "instrument", "ES 12-25"), "Close position");

    assertThat(result.text()).contains("Rate limited").contains("Try again shortly").contains("Rate limit exceeded");
  }

  @Test
  void upstreamTimeout_saysOutcomeUnknown_andIsNotResent() {
    sandbox.simulator().faults().latency(Duration.ofMillis(3_000));

    StandInMessage result = confirm("alice", "flatplace", marketOrder("Sim101", "ES 12-25", "BUY", 1), "Place order");

    assertThat(result.text()).contains("OUTCOME UNKNOWN").contains("check NinjaTrader before retrying")
        .contains("What happened: no answer within ").doesNotContain("CrossTrade said").doesNotContain("flatPlaceOrder")
        .doesNotContainPattern("\\w+Exception");
    assertThat(trades()).hasSize(1);
    assertThat(sandbox.simulator().book().position("Sim101", "ES 12-25")).as("it did execute upstream").isEqualTo(1);
    sandbox.simulator().faults().clear();
    sandbox.awaitReviewReadsIdle(); // the follow-up's read (3 s later) lands in this test, never the next
    assertThat(trades()).as("followed up by reads, never re-sent").hasSize(1);
  }

  @Test
  void everyStep_isAuditedInTheAuditChannel() {
    confirm("alice", "flatplace", marketOrder("Sim101", "MES 12-25", "SELL", 1), "Place order");

    sandbox.discord().awaitCall(c -> c.route().equals("/channels/" + sandbox.auditChannelId() + "/messages")
        && c.body().path("content").asText().contains("`result` /flatplace by alice"), WAIT);
    List<String> lines = sandbox.discord().channelMessages(sandbox.auditChannelId()).stream().map(StandInMessage::content).toList();
    assertThat(lines).anyMatch(l -> l.startsWith("`command` /flatplace by alice"))
        .anyMatch(l -> l.startsWith("`confirmed` /flatplace by alice"))
        .anyMatch(l -> l.startsWith("`result` /flatplace by alice") && l.contains("orders=["));
    assertThat(logs.lines()).anyMatch(l -> l.contains("audit") && l.contains("\"kind\":\"result\""));
  }

  static final String HOSTILE = "[Verify your key](https://evil.example) @everyone ||x||";

  /** The audit channel's messages that contain {@code marker}, once one from {@code kind} has arrived. */
  static List<StandInMessage> auditMessages(String kind, String marker) {
    sandbox.discord().awaitCall(c -> c.route().equals("/channels/" + sandbox.auditChannelId() + "/messages")
        && c.body().path("content").asText().startsWith("`" + kind + "`")
        && c.body().path("content").asText().contains(marker), WAIT);
    return sandbox.discord().channelMessages(sandbox.auditChannelId()).stream()
        .filter(m -> m.content().contains(marker)).toList();
  }

  static void assertInert(String text) {
    assertThat(text).as("no live masked link").doesNotContainPattern("(?<!\\\\)\\]\\(")
        .as("no spoiler").doesNotContain("||x||").as("no mention").doesNotContain("@everyone")
        .as("no automatic link").doesNotContain("https://evil");
  }

  @Test
  void hostileInstrument_fromAMemberWithNoRole_reachesTheAuditChannelInert_andMentionsNobody() {
    StandInMessage reply = slash("carol", "flatplace", marketOrder("Sim101", HOSTILE, "BUY", 1)).original(WAIT);
    assertThat(reply.text()).contains("Not allowed");

    List<StandInMessage> audit = auditMessages("denied", "Verify your key");
    assertThat(audit).extracting(StandInMessage::content)
        .anyMatch(l -> l.startsWith("`command` /flatplace by carol")).anyMatch(l -> l.startsWith("`denied` /flatplace by carol"))
        .allSatisfy(BotEndToEndTest::assertInert)
        .allSatisfy(l -> assertThat(l).contains("instrument=\\[Verify your key\\](https\\://evil.example) @\u200Beveryone \\|\\|x\\|\\|"));
    assertThat(sandbox.discord().calls()).filteredOn(c -> c.route().equals("/channels/" + sandbox.auditChannelId() + "/messages")
        && c.body().path("content").asText().contains("Verify your key"))
        .isNotEmpty().allSatisfy(c -> assertThat(c.body().path("allowed_mentions").path("parse").isArray()
            && c.body().path("allowed_mentions").path("parse").isEmpty()).as("allowed_mentions.parse is [] in %s", c.body()).isTrue());
    assertThat(sandbox.simulator().requests()).isEmpty();
  }

  @Test
  void hostileInstrument_echoedInAnUpstreamError_isInertOnTheCard_andInTheAuditChannel() {
    StandInMessage result = confirm("alice", "reverse", marketOrder("Sim101", HOSTILE + " ```\n# pwned", "SELL", 1),
        "Reverse position");

    String description = result.raw().path("embeds").get(0).path("description").asText();
    assertThat(description.split("```", -1)).as("the upstream's words stay in one code block: %s", description).hasSize(3);
    assertThat(description).contains("No position found for instrument '[Verify your key]").doesNotContain("@everyone")
        .doesNotContain("\n# pwned");
    assertThat(result.raw().path("embeds").get(0).path("fields").toString()).doesNotContain("||x||");
    auditMessages("result", "Verify your key").stream().map(StandInMessage::content)
        .forEach(BotEndToEndTest::assertInert);
  }

  @Test
  void threeBackticksInAnInstrument_doNotBreakTheClosedPositionsBlock() {
    sandbox.simulator().book().setPosition("Sim101", "ES```x", 3, 5790.0);

    StandInMessage result = confirm("bob", "close", opts("account", "Sim101", "instrument", "ES```x"), "Close position");

    String description = result.raw().path("embeds").get(0).path("description").asText();
    assertThat(description.split("```", -1)).as("exactly one closed-positions block: %s", description).hasSize(3);
    String block = description.substring(description.indexOf("```") + 3, description.lastIndexOf("```"));
    assertThat(block).contains("ES\u02CB\u02CB\u02CBx").contains("Long").contains("3");
    assertThat(result.text()).contains("Closed positions");
    assertThat(sandbox.simulator().book().position("Sim101", "ES```x")).isZero();
  }
}
