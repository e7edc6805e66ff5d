package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert desk end to end with the bot started from its jar (real HTTP, the Discord stand-in, the simulator): an
 * alert posted to the listener makes one card in its channel; the same alert again is a duplicate; a wrong key posts nothing; only an
 * approver role may click; Approve sends exactly one PlaceOrder with the bot's orderId; Reject sends nothing; an
 * approval after /halt sends nothing.
 */
class AlertDeskEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String KEY = "tv-mes-key-0123456789abcdef";
  static final String FAST_KEY = "tv-fast-key-0123456789abcdef";
  static final String PLACE = "command=PLACE;\naccount=Sim101;\ninstrument=MES 12-25;\naction=BUY;\norder_type=MARKET;"
      + "\ntif=DAY;\n";
  static Sandbox sandbox;
  static BotProcess bot;
  static StandInGuild guild;
  static int port;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    sandbox = Sandbox.startForAlertProcesses("""
        alerts:
          listen: "127.0.0.1:%d"
          sources:
            tv-mes:
              secret_env: ALERT_KEY_TV_MES
              channel_id: "{trading}"
              accounts: [Sim101]
              approvers: ["{role:Risk}"]
              ttl_seconds: 60
            tv-fast:
              secret_env: ALERT_KEY_TV_FAST
              channel_id: "{trading}"
              accounts: [Sim101]
              approvers: ["{role:Risk}"]
              ttl_seconds: 10
        """.formatted(port), null);
    guild = sandbox.guild();
    Map<String, String> env = new java.util.HashMap<>(Sandbox.secrets());
    env.putAll(Map.of("ALERT_KEY_TV_MES", KEY, "ALERT_KEY_TV_FAST", FAST_KEY));
    bot = BotProcess.start(BotJarEndToEndTest.jar(), BotJvm.options("-Xmx128m"), sandbox.configFile(), env,
        Path.of("target", "alert-desk-e2e.log"));
    Poll.until(() -> { // the listener starts once the bot's commands are registered
      try {
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/tv-mes")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return java.util.Optional.of(true);
      } catch (java.io.IOException e) {
        return java.util.Optional.empty();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(60), () -> "the bot's alert listener on port " + port);
  }

  @AfterAll
  static void stop() {
    if (bot != null) {
      bot.close();
    }
    sandbox.close();
  }

  static HttpResponse<String> post(String body) throws Exception {
    return post("tv-mes", body);
  }

  static HttpResponse<String> post(String source, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/" + source))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long trading() {
    return guild.channels().stream().filter(c -> c.name().equals("trading")).findFirst().orElseThrow().id();
  }

  static List<StandInMessage> cards(String alertId) {
    return sandbox.discord().channelMessages(trading()).stream().filter(m -> m.text().contains("Alert " + alertId))
        .toList();
  }

  static StandInMessage awaitCard(String alertId, String contains) {
    return Poll.until(() -> cards(alertId).stream().filter(m -> m.text().contains(contains)).findFirst(), WAIT,
        () -> "a card of alert " + alertId + " saying '" + contains + "': " + cards(alertId).stream()
            .map(StandInMessage::text).toList());
  }

  static List<RecordedRequest> orders() {
    return sandbox.simulator().requests().stream().filter(r -> r.operationId() != null && r.method().equals("POST"))
        .toList();
  }

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

  @Test
  void aPlaceWhoseAnswerIsLost_isLookedUpByOurId_neverSentAgain_andReportedPlacedOrNotPlaced() throws Exception {
    int before = orders().size();
    String executed = post("key=" + KEY + ";\n" + PLACE + "qty=7;").body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(executed, "PLACE BUY 7");
    sandbox.simulator().faults().latency(Duration.ofSeconds(8)); // executed, answered after the bot's 5 s timeout
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
