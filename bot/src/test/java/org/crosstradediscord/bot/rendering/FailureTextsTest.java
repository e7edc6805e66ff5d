package org.crosstradediscord.bot.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.SdkFailures;
import org.crosstradediscord.client.UnreachableException;
import org.crosstradediscord.client.api.Operations;
import org.junit.jupiter.api.Test;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 23: every text a member reads about a CrossTrade failure (the failure card of a confirmed action, the card of
 * a failed read, a read's per-account problem line, the audit channel line and {@code /audit}'s row) is walked for
 * every failure kind the SDK throws for every operationId: no Java class name, no operationId, and
 * "CrossTrade said" only when CrossTrade's answer carried words.
 */
class FailureTextsTest {
  private static final Pattern CLASS_NAME = Pattern.compile("\\w+Exception\\b");
  private static final Pattern OPERATION_ID = Pattern.compile("(?<![/\\w])(?:" + Operations.ALL.stream()
      .map(Operations.Operation::operationId).map(Pattern::quote).collect(Collectors.joining("|")) + ")(?!\\w)");
  private static final Review ORDER = new Review("Buy 1 MES 12-25 on Sim101", "Places a market order.",
      List.of(new Review.Field("Account", "Sim101"), new Review.Field("Instrument", "MES 12-25")), "Buy", null);

  static List<SdkFailures.Case> failures() {
    return SdkFailures.everyOperation();
  }

  @Test
  void theWalkCoversEveryOperationAndEveryKind() {
    List<SdkFailures.Case> all = failures();
    assertThat(Operations.ALL).hasSizeGreaterThanOrEqualTo(12);
    assertThat(all.stream().map(c -> c.failure().getClass().getSimpleName()).distinct())
        .contains("RequestRejectedException", "NoPositionException", "UnauthorizedException",
            "NinjaTraderNotConnectedException", "RateLimitedException", "OutcomeUnknownException",
            "UnreachableException", "NotSentException");
    assertThat(all.stream().map(c -> ((CrossTradeException) c.failure()).operationId()).distinct())
        .containsExactlyInAnyOrderElementsOf(Operations.ALL.stream().map(Operations.Operation::operationId).toList());
    // the SDK's own messages do carry what must not reach a member: the walk is not vacuous
    assertThat(all).anySatisfy(c -> assertThat(c.failure().getMessage()).containsPattern(CLASS_NAME));
    assertThat(all).allSatisfy(c -> assertThat(c.failure().getMessage()).containsPattern(OPERATION_ID));
  }

  @TestFactory
  Stream<DynamicTest> failureCard_namesNoClassNorOperation_andQuotesCrossTradeOnlyWhenItSpoke() {
    return each(c -> failureCard_namesNoClassNorOperation_andQuotesCrossTradeOnlyWhenItSpoke_one(c));
  }

  private static void failureCard_namesNoClassNorOperation_andQuotesCrossTradeOnlyWhenItSpoke_one(SdkFailures.Case c) {
    MessageEmbed card = Cards.failure(ORDER, c.failure());
    String text = card.getTitle() + "\n" + ResultCardsTest.text(card);

    assertPlain(text, c);
    if (c.failure() instanceof OutcomeUnknownException) {
      assertThat(text).contains("Outcome unknown — check NinjaTrader before retrying").doesNotContain("nothing was");
    } else if (!(c.failure() instanceof RateLimitedException && c.failure().status() > 0)) {
      assertThat(text).containsPattern("[Nn]othing was (sent|executed)").doesNotContainIgnoringCase("outcome unknown");
    }
  }

  @TestFactory
  Stream<DynamicTest> readFailureCard_namesNoClassNorOperation_andQuotesCrossTradeOnlyWhenItSpoke() {
    return each(c -> readFailureCard_namesNoClassNorOperation_andQuotesCrossTradeOnlyWhenItSpoke_one(c));
  }

  private static void readFailureCard_namesNoClassNorOperation_andQuotesCrossTradeOnlyWhenItSpoke_one(SdkFailures.Case c) {
    MessageEmbed card = Tables.readFailure("Positions", c.failure());
    String text = card.getTitle() + "\n" + card.getDescription();

    assertPlain(text, c);
    assertThat(text).contains("This was only a read: nothing was changed");
  }

  @TestFactory
  Stream<DynamicTest> auditChannelLine_andAuditTable_showAPlainSummary() {
    return each(c -> auditChannelLine_andAuditTable_showAPlainSummary_one(c));
  }

  private static void auditChannelLine_andAuditTable_showAPlainSummary_one(SdkFailures.Case c) {
    AuditEvent event = new AuditEvent("result", 123, "alice", "flatplace", Map.of("account", "Sim101"),
        FailureWords.auditOutcome(c.failure()), null, 412);

    String line = AuditLog.summary(event);
    String table = AuditTable.render(List.of(new StoredEvent(Instant.EPOCH, event)), OptionalLong.empty(), 1)
        .getDescription();
    String problem = FailureWords.summary(c.failure()); // a read's per-account problem line

    for (String text : List.of(line, table, problem)) {
      assertThat(text).doesNotContainPattern(CLASS_NAME).doesNotContainPattern(OPERATION_ID);
    }
    for (String text : List.of(line, problem)) { // the table cuts the outcome at 40 characters
      if (c.upstreamWords()) {
        assertThat(text).contains("CrossTrade said");
      } else {
        assertThat(text).doesNotContain("CrossTrade said");
      }
    }
    assertThat(line).startsWith("`result` /flatplace by alice (123): " + firstWords(problem));
    // the metrics still read the failure type from the stored outcome
    assertThat(event.outcome()).startsWith(c.failure().getClass().getSimpleName() + ": ");
  }

  @Test
  void timeout_saysHowLongItWaited_andOutcomeUnknown() {
    CrossTradeException e = SdkFailures.forOperation("flatPlaceOrder").stream()
        .filter(c -> c.label().contains("ws timeout")).findFirst().orElseThrow().failure();

    String card = ResultCardsTest.text(Cards.failure(ORDER, e));

    assertThat(card).contains("What happened: no answer within 5 s.")
        .contains("**Outcome unknown — check NinjaTrader before retrying.**").doesNotContain("CrossTrade said");
    assertThat(AuditLog.summary(new AuditEvent("result", 1, "a", "flatplace", Map.of(), FailureWords.auditOutcome(e),
        null, 5000))).contains(": no answer within 5 s ");
  }

  @Test
  void restTimeout_saysTheRequestTimeout_whenTheBotKnowsIt() {
    CrossTradeException e = SdkFailures.forOperation("flatPlaceOrder").stream()
        .filter(c -> c.label().startsWith("flatPlaceOrder timeout")).findFirst().orElseThrow().failure();

    assertThat(ResultCardsTest.text(Cards.failure(ORDER, e, java.time.Duration.ofSeconds(5))))
        .contains("What happened: no answer within 5 s.");
    assertThat(ResultCardsTest.text(Cards.failure(ORDER, e))).contains("What happened: no answer within the request"
        + " timeout.");
    assertThat(Tables.readFailure("Orders", e, java.time.Duration.ofMillis(2500)).getDescription())
        .contains("no answer within 2.5 s");
    assertThat(FailureWords.auditOutcome(e, java.time.Duration.ofSeconds(20)))
        .isEqualTo("OutcomeUnknownException: no answer within 20 s");
  }

  @Test
  void notConnected_auditLine_isRefusedByCrossTrade_withItsWords() {
    CrossTradeException e = SdkFailures.forOperation("flatPlaceOrder").stream()
        .filter(c -> c.label().contains("408 words")).findFirst().orElseThrow().failure();

    String line = AuditLog.summary(new AuditEvent("result", 1, "a", "flatplace", Map.of(),
        FailureWords.auditOutcome(e), null, 30));

    assertThat(line).contains(": refused by CrossTrade: NinjaTrader not connected (HTTP 408) — CrossTrade said:"
        + " NinjaTrader is not connected (not\\_connected)");
    assertThat(FailureWords.technical(e)).startsWith("NinjaTraderNotConnectedException: flatPlaceOrder: HTTP 408");
  }

  @Test
  void plain_dropsTheTechnicalPrefixesOfOlderStoredOutcomes() {
    assertThat(AuditLog.plain("NinjaTraderNotConnectedException: flatPlaceOrder: HTTP 408: not_connected"))
        .isEqualTo("HTTP 408: not_connected");
    assertThat(AuditLog.plain("OutcomeUnknownException: no answer within 5 s")).isEqualTo("no answer within 5 s");
    assertThat(AuditLog.plain("not sent: trading is halted")).isEqualTo("not sent: trading is halted");
    assertThat(AuditLog.plain("ok")).isEqualTo("ok");
    assertThat(AuditLog.plain(null)).isEmpty();
    assertThat(AuditLog.plain("internal error IllegalStateException"))
        .isEqualTo("internal error (the bot's log has the details)");
  }

  @Test
  void theJsonLine_keepsTheTechnicalDetail_theTrailAndTheChannelDoNot() throws Exception {
    CrossTradeException e = SdkFailures.forOperation("flatPlaceOrder").stream()
        .filter(c -> c.label().contains("408 words")).findFirst().orElseThrow().failure();
    AuditLog audit = new AuditLog();
    List<String> channel = new java.util.ArrayList<>();
    List<StoredEvent> trail = new java.util.ArrayList<>();
    audit.setChannel(channel::add);
    audit.setTrail(trail::add);

    String json = audit.result(new org.crosstradediscord.bot.access.Invoker(7, "alice", java.util.Set.of()), "flatplace",
        Map.of("account", "Sim101"), FailureWords.auditOutcome(e), FailureWords.technical(e), null, 40);

    com.fasterxml.jackson.databind.JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertThat(line.path("detail").asText()).startsWith("NinjaTraderNotConnectedException: flatPlaceOrder: HTTP 408");
    assertThat(line.path("outcome").asText()).isEqualTo("NinjaTraderNotConnectedException: refused by CrossTrade:"
        + " NinjaTrader not connected (HTTP 408) — CrossTrade said: NinjaTrader is not connected (not_connected)");
    assertThat(trail).singleElement().satisfies(t -> assertThat(t.event().outcome()).doesNotContain("flatPlaceOrder"));
    assertThat(channel).singleElement().satisfies(l -> assertThat(l).doesNotContainPattern(CLASS_NAME)
        .doesNotContain("flatPlaceOrder").contains("refused by CrossTrade: NinjaTrader not connected (HTTP 408)"));
  }

  @Test
  void unreachableAndNotSent_sayNothingWasSent() {
    List<SdkFailures.Case> cases = SdkFailures.forOperation("closePosition");
    assertThat(cases).filteredOn(c -> c.failure() instanceof UnreachableException || c.failure() instanceof NotSentException)
        .isNotEmpty().allSatisfy(c -> assertThat(ResultCardsTest.text(Cards.failure(ORDER, c.failure())))
            .contains("nothing was sent").doesNotContain("CrossTrade said"));
  }

  private static Stream<DynamicTest> each(Consumer<SdkFailures.Case> check) {
    return failures().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> check.accept(c)));
  }

  private static void assertPlain(String text, SdkFailures.Case c) {
    assertThat(text).as(c.label()).doesNotContainPattern(CLASS_NAME).doesNotContainPattern(OPERATION_ID);
    if (c.upstreamWords()) {
      assertThat(text).as(c.label()).contains("CrossTrade said");
    } else {
      assertThat(text).as(c.label()).doesNotContain("CrossTrade said");
    }
  }

  private static String firstWords(String s) {
    String escaped = s.replace("_", "\\_").replace("*", "\\*");
    return escaped.substring(0, Math.min(escaped.length(), 20));
  }
}
