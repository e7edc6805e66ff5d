package org.crosstradediscord.bot.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;
import org.junit.jupiter.api.Test;

/** The tables, P&amp;L fields and buttons of /positions and /orders: layout, escaping, truncation, Discord's limits. */
class TablesTest {
  static Position position(String account, String instrument, MarketPosition side, int qty, double avg, double mkt, double pnl) {
    return new Position().account(account).instrument(instrument).marketPosition(side).quantity(qty).averagePrice(avg)
        .marketPrice(mkt).unrealizedProfitLoss(pnl);
  }

  static Order order(String account, String id, String instrument, String state, double limit, double stop) {
    return new Order().account(account).orderId(id).instrument(instrument).orderAction("Buy").quantity(1).orderType("Limit")
        .orderState(state).limitPrice(limit).stopPrice(stop);
  }

  static List<String> lines(String block) {
    return List.of(block.substring(4, block.length() - 3).split("\n"));
  }

  @Test
  void positionsTable_alignsItsColumns_andFormatsPricesAndPnl() {
    String t = Tables.positionsTable(List.of(position("Sim101", "MES 12-25", MarketPosition.LONG, 2, 6000.25, 6010.5, 102.5),
        position("Sim102", "ES 12-25", MarketPosition.SHORT, 10, 5810, 5800.5, -0.0)));

    assertThat(t).startsWith("```\n").endsWith("```");
    List<String> lines = lines(t);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("Account    Instrument   Side   Qty  Avg price  Mkt price Unreal. P&L");
    assertThat(lines.get(1)).isEqualTo("Sim101     MES 12-25    Long     2    6000.25     6010.5      102.50");
    assertThat(lines.get(2)).as("-0.0 shows as 0.00").isEqualTo("Sim102     ES 12-25     Short   10       5810     5800.5        0.00");
  }

  @Test
  void hostileInstrumentNames_stayInsideTheCodeBlock_andMentionNobody() {
    String t = Tables.positionsTable(List.of(position("Sim101", "``@everyone", MarketPosition.LONG, 1, 1, 1, 0),
        position("Sim101", "<@123>\n# x", MarketPosition.LONG, 1, 1, 1, 0)));

    assertThat(t.split("```", -1)).as("exactly one block: %s", t).hasSize(3);
    assertThat(t).contains("\u02CB\u02CB@\u200Beveryone").doesNotContain("@everyone").contains("<\u200B@123> # x").doesNotContain("\n# x");
    String o = Tables.ordersTable(List.of(order("Sim101", "id`1", "`NQ`", "Work`ing", 1, 0)));
    assertThat(o.split("```", -1)).hasSize(3);
  }

  @Test
  void longNames_areCutToTheirColumn_withAnEllipsis() {
    String t = Tables.positionsTable(List.of(position("AVeryLongAccountName", "Instrument 123456789", MarketPosition.LONG, 1,
        1, 1, 0)));
    assertThat(lines(t).get(1)).startsWith("AVeryLong… Instrument … Long");
    assertThat(lines(t).get(1).length()).isEqualTo(lines(t).get(0).length());
  }

  @Test
  void moreThan25Positions_showsTheFirst25_andSaysHowManyMore_with25ButtonsIn5Rows() {
    List<Position> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(position("Sim101", "MES " + i, MarketPosition.LONG, 1, 1, 1, 0));
    }
    Answer a = Tables.positions(many, List.of(new Tables.AccountSummary("Sim101", 12.5, 0.0, null)), true);

    String d = a.embed().getDescription();
    assertThat(lines(d.substring(0, d.lastIndexOf("```") + 3))).hasSize(27).last().asString().isEqualTo("… and 5 more (give `account` to narrow)");
    assertThat(d).contains("Close buttons for the first 25 rows only");
    assertThat(a.rows()).hasSize(5).allSatisfy(r -> assertThat(r.getComponents()).hasSize(5));
    assertThat(a.embed().getFields()).singleElement().satisfies(f -> {
      assertThat(f.getName()).isEqualTo("Sim101");
      assertThat(f.getValue()).isEqualTo("Realized P&L: 12.50 · Unrealized P&L: 0.00");
    });
    assertThat(a.embed().getLength()).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
    assertThat(d.length()).isLessThanOrEqualTo(MessageEmbed.DESCRIPTION_MAX_LENGTH);
  }

  @Test
  void closeButtons_carryAccountAndInstrument_withinDiscordsLimits_orSaySoWhenTooLong() {
    String longName = "X".repeat(90);
    Answer a = Tables.positions(List.of(position("Sim101", "MES 12-25", MarketPosition.LONG, 1, 1, 1, 0),
        position("Sim101", longName, MarketPosition.LONG, 1, 1, 1, 0)), List.of(), true);

    List<Button> buttons = a.rows().stream().flatMap(r -> r.getButtons().stream()).toList();
    assertThat(buttons).singleElement().satisfies(b -> {
      assertThat(b.getLabel()).isEqualTo("Close Sim101 MES 12-25");
      assertThat(b.getCustomId()).startsWith(ViewButtons.CLOSE).hasSizeLessThanOrEqualTo(100);
      assertThat(ViewButtons.parse(b.getCustomId())).contains(new ViewButtons.Target(ViewButtons.CLOSE, "Sim101", "MES 12-25"));
    });
    assertThat(a.embed().getDescription()).contains("1 row has no button (names too long for one); use `/close`.");
  }

  @Test
  void withoutTheCloseGrant_thereAreNoButtons_andTheAnswerSaysWhy() {
    Answer a = Tables.positions(List.of(position("Sim101", "MES 12-25", MarketPosition.LONG, 1, 1, 1, 0)),
        List.of(), false);
    assertThat(a.rows()).isEmpty();
    assertThat(a.embed().getDescription()).contains("none of your roles grants `close`");
  }

  @Test
  void accountValuesThatCouldNotBeRead_areShownEscaped() {
    Answer a = Tables.positions(List.of(), List.of(new Tables.AccountSummary("Sim_1", null, null,
        "[login](https://evil.example) @here")), true);
    assertThat(a.embed().getDescription()).isEqualTo("No open positions in **Sim\\_1**.");
    assertThat(a.embed().getFields().get(0).getName()).isEqualTo("Sim\\_1");
    assertThat(a.embed().getFields().get(0).getValue())
        .isEqualTo("P&L unknown: \\[login\\](https\\://evil.example) @\u200Bhere");
  }

  @Test
  void ordersTable_showsShortIds_limitAndStopPrices_andNoCancelButtonWhileCancelPending() {
    Answer a = Tables.orders(List.of(
        order("Sim101", "0123456789abcdef0123456789abcdef", "ES 12-25", "Working", 5790.25, 0),
        order("Sim101", "fedcba9876543210fedcba9876543210", "ES 12-25", "CancelPending", 0, 5700),
        order("Sim102", "aaaaaaaabbbbbbbbccccccccdddddddd", "NQ 12-25", "Accepted", 21000, 20990)), List.of("Sim101", "Sim102"),
        List.of("Sim103: not connected"), true);

    String d = a.embed().getDescription();
    List<String> lines = lines(d.substring(0, d.lastIndexOf("```") + 3));
    assertThat(lines.get(0)).isEqualTo("Account    Order    Instrument   Side  Qty Type      Price           State");
    assertThat(lines.get(1)).isEqualTo("Sim101     01234567 ES 12-25     Buy     1 Limit     L 5790.25       Working");
    assertThat(lines.get(2)).contains("fedcba98").contains("S 5700").endsWith("CancelPending");
    assertThat(lines.get(3)).contains("L 21000 S 20990");
    assertThat(d).contains("Could not read: Sim103: not connected").contains("1 row has no button");
    assertThat(a.rows().stream().flatMap(r -> r.getButtons().stream()).map(Button::getLabel))
        .containsExactly("Cancel 01234567 ES 12-25", "Cancel aaaaaaaa NQ 12-25");
  }

  @Test
  void buttonLabels_areOneLine_andAtMost80Characters() {
    Answer a = Tables.orders(List.of(order("Sim101", "0123456789", "NQ\n" + "Z".repeat(100), "Working", 1, 0)),
        List.of("Sim101"), List.of(), true);
    Button b = a.rows().get(0).getButtons().get(0);
    assertThat(b.getLabel()).hasSizeLessThanOrEqualTo(80).doesNotContain("\n").startsWith("Cancel 01234567 NQ ZZZ").endsWith("…");
  }

  @Test
  void aFailedRead_saysNothingChanged_andKeepsTheUpstreamsWordsInOneCodeBlock() {
    MessageEmbed e = Tables.readFailure("Positions", new CrossTradeException("listPositions", 408,
        "NinjaTrader is not connected ```\n# @everyone", null, "not connected", null) { });
    assertThat(e.getTitle()).isEqualTo("Could not read: Positions");
    assertThat(e.getDescription()).contains("nothing was changed").contains("HTTP 408").doesNotContain("@everyone")
        .doesNotContain("\n# @");
    assertThat(e.getDescription().split("```", -1)).hasSize(3);
  }

  @Test
  void viewButtonIds_roundTrip_andMalformedOnesAreRejected() {
    String id = ViewButtons.cancelId("Sim 1:ü", "a.b/c").orElseThrow();
    assertThat(ViewButtons.parse(id)).contains(new ViewButtons.Target(ViewButtons.CANCEL, "Sim 1:ü", "a.b/c"));
    assertThat(ViewButtons.parse(ViewButtons.CLOSE + "not-base64!.x")).isEmpty();
    assertThat(ViewButtons.parse(ViewButtons.CLOSE + "U2ltMTAx")).isEmpty();
    assertThat(ViewButtons.parse("ct:confirm:abc")).isEmpty();
    assertThat(ViewButtons.closeId("Sim101", "I".repeat(80))).isEmpty();
  }
}
