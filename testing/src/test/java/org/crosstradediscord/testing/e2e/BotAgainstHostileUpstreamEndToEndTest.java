package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.hostile.HostileUpstream;
import org.crosstradediscord.testing.hostile.RestMode;
import org.crosstradediscord.testing.hostile.WsMode;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real bot, through the Discord stand-in, against a hostile CrossTrade upstream: each misbehaviour ends in the
 * right card within the request timeout (1 s) plus a margin, a {@code result} audit line, exactly one upstream
 * request, and nothing from the upstream rendered live or carrying the token.
 */
class BotAgainstHostileUpstreamEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** 1 s: most cases wait for it to pass (a stall, a drip, a half-open connection), so it sets this class's time. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final long BOUND_MS = REQUEST_TIMEOUT.toMillis() + 2_500; // + margin for a loaded 2-core machine
  private static final String FLATPLACE = "/v1/api/accounts/Sim101/orders/flatplace";
  private static final HostileUpstream UP = HostileUpstream.start();
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.startAgainst(Duration.ofSeconds(60), REQUEST_TIMEOUT, "rest", UP.baseUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    UP.close();
  }

  /** How many flat-place result lines the audit channel held before the test (they accumulate across tests). */
  private static long resultsBefore;

  @BeforeEach
  void reset() {
    UP.reset();
    resultsBefore = results(sandbox).size();
  }

  static List<String> results(Sandbox s) {
    return s.discord().channelMessages(s.auditChannelId()).stream().map(StandInMessage::content)
        .filter(l -> l.startsWith("`result` /flatplace") && !l.contains("reconciled: ")).toList(); // not follow-ups
  }

  /** Runs /flatplace as alice, confirms, and returns the final card's text; asserts click → final within the bound. */
  static String placeAndConfirm(Sandbox s) {
    StandInGuild guild = s.guild();
    StandInInteraction cmd = s.discord().slash(guild, guild.member("alice"), "flatplace",
        BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", 1));
    StandInMessage card = cmd.original(WAIT);
    StandInInteraction click = s.discord().click(guild, guild.member("alice"), card, "Place order");
    StandInMessage end = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - click.dispatchedNanos());
    assertThat(ms).as("the card ended %d ms after the click", ms).isLessThan(BOUND_MS);
    return end.text();
  }

  /** @return this test's flat-place result line, once it reached the audit channel */
  static String resultAuditLine(Sandbox s) {
    return Poll.until(() -> {
      List<String> all = results(s);
      return all.size() > resultsBefore ? Optional.of(all.get(all.size() - 1)) : Optional.empty();
    }, WAIT, () -> "a new result audit line");
  }

  static Stream<Arguments> outcomeUnknownModes() {
    return Stream.of(RestMode.stallBeforeHeaders(), RestMode.stallBody(), RestMode.dripBody(),
        RestMode.hugeBody(2L << 30), RestMode.halfOpen(), RestMode.redirect(302),
        RestMode.status(502, "<html>Bad gateway</html>"), RestMode.status(200, "{\"success\":false,\"error\":\"odd\"}"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomeUnknownModes")
  void misbehavingUpstream_cardSaysOutcomeUnknown_resultAudited_sentOnce(RestMode mode) {
    UP.rest(mode);

    String card = placeAndConfirm(sandbox);

    assertThat(card).contains("OUTCOME UNKNOWN").contains("check NinjaTrader").doesNotContain("nothing was executed")
        .doesNotContain("Sending");
    // issue 23: the audit channel reads in plain words, without the SDK's class or operation names
    assertThat(resultAuditLine(sandbox)).doesNotContainPattern("\\w+Exception").doesNotContain("flatPlaceOrder")
        .containsPattern(": (no answer within|the connection was lost|CrossTrade's answer could not be read|CrossTrade"
            + " answered with)");
    assertThat(card).doesNotContainPattern("\\w+Exception").doesNotContain("flatPlaceOrder");
    if (!mode.toString().contains("halfOpen")) {
      assertThat(UP.recorded().requestCount("POST", FLATPLACE)).as("sent exactly once").isEqualTo(1);
    }
  }

  @Test
  void upstreamErrorWithMarkdownAndMentions_isShownInert() {
    UP.rest(RestMode.markdown(400));

    String card = placeAndConfirm(sandbox);

    assertThat(card).contains("Refused").contains("Verify your key");
    List<StandInMessage> audit = sandbox.discord().channelMessages(sandbox.auditChannelId());
    String result = resultAuditLine(sandbox);
    assertThat(result).as("no live masked link").doesNotContainPattern("(?<!\\\\)\\]\\(").contains("\\](https\\://")
        .doesNotContain("||x||").doesNotContain("@everyone")
        .doesNotContain("<@&123>");
    assertThat(audit).isNotEmpty();
  }

  /** Runs a command as rita (all grants), confirms, and returns the final card's text. */
  static String confirmAs(String command, java.util.Map<String, Object> options, String confirmLabel) {
    StandInGuild guild = sandbox.guild();
    StandInInteraction cmd = sandbox.discord().slash(guild, guild.member("rita"), command, options);
    StandInMessage card = cmd.original(WAIT);
    sandbox.discord().click(guild, guild.member("rita"), card, confirmLabel);
    return cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text();
  }

  @Test
  void anAnswerTheBotCannotRender_stillEndsTheCard_andSaysToCheckNinjaTrader() {
    // A price of 1e400 reads as Infinity; a flatten answer far beyond Discord's 4096-character description.
    UP.rest(RestMode.status(200, "{\"success\":true,\"closedPositions\":[{\"instrument\":\"MES 12-25\","
        + "\"marketPosition\":\"Long\",\"quantity\":1,\"averagePrice\":1e400}]}"));
    String closed = confirmAs("close", BotEndToEndTest.opts("account", "Sim101", "instrument", "MES 12-25"),
        "Close position");
    assertThat(closed).doesNotContain("Sending").contains("MES 12-25");

    StringBuilder big = new StringBuilder("{\"success\":true,\"orderIds\":[");
    for (int i = 0; i < 20; i++) {
      big.append(i == 0 ? "" : ",").append('"').append("<".repeat(64)).append('"');
    }
    big.append("],\"closedPositions\":[");
    for (int i = 0; i < 26; i++) {
      big.append(i == 0 ? "" : ",").append("{\"instrument\":\"").append("*".repeat(40)).append(i)
          .append("\",\"marketPosition\":\"Long\",\"quantity\":1,\"averagePrice\":1.5}");
    }
    big.append("],\"warning\":\"").append("*".repeat(600)).append("\"}");
    UP.rest(RestMode.status(200, big.toString()));
    String flattened = confirmAs("flatten", BotEndToEndTest.opts("account", "Sim101"), "Flatten");
    assertThat(flattened).doesNotContain("Sending");
    Poll.until(() -> sandbox.discord().channelMessages(sandbox.auditChannelId()).stream()
        .filter(m -> m.content().startsWith("`result` /flatten")).findAny(), WAIT, () -> "flatten's result audit line");
  }

  @Test
  void upstreamEchoingTheToken_neverShowsItOnACardOrInTheAuditChannel() {
    UP.rest(RestMode.tokenEcho(400));

    String card = placeAndConfirm(sandbox);

    assertThat(card).contains("Refused").doesNotContain(Sandbox.CROSSTRADE_TOKEN);
    assertThat(resultAuditLine(sandbox)).doesNotContain(Sandbox.CROSSTRADE_TOKEN);
    sandbox.discord().calls().forEach(c -> assertThat(String.valueOf(c.body())).doesNotContain(Sandbox.CROSSTRADE_TOKEN));
  }

  /** The order-placing RPC frames (the review card's reads are GetPosition frames). */
  static java.util.List<com.fasterxml.jackson.databind.JsonNode> orders() {
    return UP.recorded().rpcFrames().stream().filter(f -> "FlatPlace".equals(f.path("api").asText())).toList();
  }

  @Test
  void overTheWebSocket_anUndocumentedErrorIsOutcomeUnknown_andAHalfOpenConnectionNeverHangsTheCard() {
    try (Sandbox ws = Sandbox.startAgainst(Duration.ofSeconds(60), REQUEST_TIMEOUT, "websocket", UP.baseUrl())) {
      UP.websocket(WsMode.errorReply("{\"error\":\"Timed out waiting for NinjaTrader response\"}"));
      String card = placeAndConfirm(ws);
      assertThat(card).contains("OUTCOME UNKNOWN").doesNotContain("nothing was executed");
      assertThat(orders()).hasSize(1);

      UP.websocket(WsMode.halfOpen());
      assertThat(placeAndConfirm(ws)).contains("OUTCOME UNKNOWN");
      Poll.until(() -> ws.discord().channelMessages(ws.auditChannelId()).stream()
          .filter(m -> m.content().startsWith("`result` /flatplace") && !m.content().contains("reconciled: ")).count()
          == 2 ? Optional.of(true) : Optional.empty(),
          WAIT, () -> "two result audit lines");
      assertThat(orders()).as("nothing re-sent").hasSize(2);
    }
  }

}
