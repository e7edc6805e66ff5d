package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.crosstradediscord.bot.commands.Fixtures.POLICY;
import static org.crosstradediscord.bot.commands.Fixtures.TRADER_MEMBER;
import static org.crosstradediscord.bot.commands.Fixtures.marketOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Position;
import org.junit.jupiter.api.Test;

/**
 * A member's and the upstream's text, built into real review/success/failure cards (JDA embeds) and audit lines,
 * never renders as a masked link, spoiler, heading, mention or a broken code block.
 */
class HostileTextRenderingTest {
  static final String HOSTILE = "[Verify your key](https://evil.example) @everyone ||x||";
  /** An unescaped {@code ](}, i.e. a bracket not preceded by a backslash: a live masked link. */
  static final Pattern LIVE_LINK = Pattern.compile("(?<!\\\\)\\]\\(");
  static final Pattern LIVE_SPOILER = Pattern.compile("(?<!\\\\)\\|(?<!\\\\)\\|"); // crude: two unescaped pipes
  static final Pattern LIVE_MENTION = Pattern.compile("@(everyone|here)|<@|<#");

  static void assertInert(String rendered) {
    assertThat(rendered).doesNotContain("||x||").doesNotContainPattern(LIVE_LINK).doesNotContainPattern(LIVE_MENTION)
        .doesNotContain("https://evil").doesNotContain("\n# ").doesNotContain("\n> ");
    assertThat(LIVE_SPOILER.matcher(rendered).find()).as("no unescaped || in %s", rendered).isFalse();
  }

  static String text(MessageEmbed e) {
    StringBuilder b = new StringBuilder().append(e.getTitle()).append('\n').append(e.getDescription());
    e.getFields().forEach(f -> b.append('\n').append(f.getName()).append(": ").append(f.getValue()));
    return b.toString();
  }

  static OrderCommand.Action hostileOrder() {
    Prepared p = new FlatPlaceCommand().prepare(marketOrder("instrument", HOSTILE), TRADER_MEMBER, POLICY);
    return (OrderCommand.Action) ((Prepared.Ready) p).action();
  }

  @Test
  void reviewCard_ofAHostileInstrument_isInert_andStillShowsTheCharacters() {
    MessageEmbed card = Cards.review(hostileOrder().review(), Duration.ofSeconds(60));

    assertInert(text(card));
    assertThat(card.getDescription()).contains("**\\[Verify your key\\](https\\://evil.example) @\u200Beveryone \\|\\|x\\|\\|**");
    assertThat(card.getFields()).filteredOn(f -> "Instrument".equals(f.getName())).singleElement()
        .satisfies(f -> assertThat(f.getValue()).startsWith("\\[Verify your key\\]"));
  }

  @Test
  void closeAndFlattenReviews_ofAHostileInstrument_areInert() {
    Prepared close = new CloseCommand().prepare(Fixtures.options("account", "Sim101", "instrument", HOSTILE),
        TRADER_MEMBER, POLICY);
    Prepared flatten = new FlattenCommand().prepare(Fixtures.options("account", "Sim101", "instrument", HOSTILE),
        TRADER_MEMBER, POLICY);

    assertInert(text(Cards.review(((Prepared.Ready) close).action().review(), Duration.ofSeconds(60))));
    assertInert(text(Cards.review(((Prepared.Ready) flatten).action().review(), Duration.ofSeconds(60))));
  }

  @Test
  void denial_ofAHostileAccountName_isInert() {
    Prepared p = new FlatPlaceCommand().prepare(marketOrder("account", "# " + HOSTILE + " <@&42>"), TRADER_MEMBER, POLICY);

    assertInert(((Prepared.Denied) p).reason());
    assertInert(text(Cards.notice("Not allowed", ((Prepared.Denied) p).reason())));
  }

  @Test
  void auditSummary_ofAMemberWithNoRole_andAHostileInstrument_isInert_andOneLine() {
    Invoker carol = new Invoker(3, "carol ||@here||\n# boss", java.util.Set.of());
    AuditEvent denied = new AuditEvent("denied", carol.userId(), carol.userName(), "flatplace",
        Map.of("instrument", HOSTILE + "\n> forged line"), "no role grants flatplace", null, -1);

    String line = AuditLog.summary(denied);

    assertInert(line);
    assertThat(line).startsWith("`denied` /flatplace by carol \\|\\|@\u200Bhere\\|\\| # boss (3): ").doesNotContain("\n")
        .contains("instrument=\\[Verify your key\\]");
  }

  @Test
  void auditSummary_ofAHostileUpstreamOutcome_andOrderIds_isInert_andBounded() {
    AuditEvent result = new AuditEvent("result", 1, "alice", "close", hostileOrder().auditArgs(),
        "RequestRejectedException: " + HOSTILE + " " + "|".repeat(5000), List.of("<#1>", "id`` ||y||"), 5);

    String line = AuditLog.summary(result);

    assertInert(line);
    assertThat(line.length()).isLessThanOrEqualTo(1900);
    assertThat(line).doesNotContain("||y||").doesNotMatch("(?s).*(?<!\\\\)\\\\…$");
  }

  @Test
  void successCard_closedPositionsTable_isNeverBrokenByBackticks_andIsInert() {
    List<Position> closed = new ArrayList<>();
    closed.add(position("ES```\n# x @everyone", 1));
    closed.add(position("`", 2));
    closed.add(position("``````````````````````````````", 3));
    Outcome outcome = new Outcome(List.of("ord```1", "<@1>"), closed, HOSTILE);

    MessageEmbed card = Cards.success(hostileOrder().review(), outcome, 12);

    String d = card.getDescription();
    assertThat(d.split("```", -1)).as("exactly one code block: an opening and a closing fence").hasSize(3);
    assertThat(d).contains("ESˋˋˋ # x @\u200Beveryone".substring(0, 11)).contains("`ordˋˋˋ1`");
    assertThat(d.substring(d.indexOf("```"), d.lastIndexOf("```"))).as("rows stay in the block").contains("Long").contains("ˋ");
    assertInert(text(card).replace(Cards.positionsTable(closed), ""));
    assertThat(Cards.positionsTable(closed).lines()).hasSize(2 + 3 + 1).allSatisfy(l -> assertThat(l).doesNotContain("@everyone"));
  }

  @Test
  void failureCard_ofAHostileUpstreamMessage_staysInItsCodeBlock() {
    CrossTradeException e = new CrossTradeException("closePosition", 400, "```\n" + HOSTILE + "\n```\n# pwned", null,
        "rejected", null) { };

    MessageEmbed card = Cards.failure(hostileOrder().review(), e);

    String d = card.getDescription();
    assertThat(d.split("```", -1)).as("the upstream text cannot close or open a block").hasSize(3);
    assertThat(d).doesNotContain("\n# pwned").doesNotContain("@everyone").contains(HOSTILE.replace("@", "@\u200B"));
  }

  static Position position(String instrument, int qty) {
    return new Position().account("Sim101").instrument(instrument).marketPosition(MarketPosition.LONG).quantity(qty)
        .averagePrice(5000.0).unrealizedProfitLoss(12.5);
  }
}
