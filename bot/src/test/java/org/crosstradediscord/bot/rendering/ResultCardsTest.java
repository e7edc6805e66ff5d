package org.crosstradediscord.bot.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;
import org.junit.jupiter.api.Test;

class ResultCardsTest {
  static final Review FLATTEN = new Review("Flatten", "Closes every position on **Sim101**.",
      List.of(new Review.Field("Account", "Sim101")), "Flatten", null);
  static final Position SHORT_2 = new Position().account("Sim101").instrument("MES 12-25")
      .marketPosition(MarketPosition.SHORT).quantity(2).averagePrice(6005.0).unrealizedProfitLoss(-25.0);

  static String text(MessageEmbed e) {
    StringBuilder b = new StringBuilder(String.valueOf(e.getDescription()));
    e.getFields().forEach(f -> b.append('\n').append(f.getName()).append(": ").append(f.getValue()));
    return b.toString();
  }

  @Test
  void flatten_namesTheCancelledOrders_andNeverCallsThemOrderIds() {
    Outcome o = new Outcome(Outcome.Kind.FLATTENED, List.of("close1", "working1"), List.of(SHORT_2), null, null);
    List<Order> before = List.of(new Order().orderId("working1").instrument("MES 12-25").orderAction("Buy").quantity(1)
        .orderType("Limit").orderState("Working"));

    String card = text(Cards.success(FLATTEN, o, before, 12));

    assertThat(card).contains("Closed positions: 1").contains("Cancelled orders: 1").contains("`working1` MES 12-25 Buy 1 Limit")
        .contains("Other orders in CrossTrade's answer").contains("`close1`").doesNotContain("Order id")
        .contains("Realized P&L: about -25.00");
  }

  @Test
  void flatten_withoutAReviewRead_saysTheIdsAreMixed() {
    Outcome o = new Outcome(Outcome.Kind.FLATTENED, List.of("x1"), List.of(), "nothing matched", null);

    String card = text(Cards.success(FLATTEN, o, null, 12));

    assertThat(card).contains("Closed positions: none").contains("Order ids in CrossTrade's answer")
        .contains("could not read which were working").doesNotContain("Order id:");
  }

  @Test
  void close_showsTheRealizedPnl_whenTheUpstreamSendsIt() {
    Position closed = new Position().instrument("ES 12-25").marketPosition(MarketPosition.LONG).quantity(1)
        .averagePrice(5790.0).unrealizedProfitLoss(500.0);
    closed.putAdditionalProperty("realizedProfitLoss", 487.5);
    Outcome o = new Outcome(Outcome.Kind.CLOSED, null, List.of(closed), null,
        Outcome.reportedRealized(Map.of(), List.of(closed)));

    assertThat(text(Cards.success(FLATTEN, o, null, 5))).contains("Realized P&L: 487.50 (as CrossTrade reported it)")
        .doesNotContain("Order id");
  }

  @Test
  void reviewAffectsLines_areEscaped() {
    String card = text(Cards.review(FLATTEN, Duration.ofSeconds(60),
        List.of("• Sim101 · [Verify](https://evil.example) @everyone ||x|| · Long 1", "# pwned")));

    assertThat(card).contains(Cards.AFFECTS).doesNotContain("@everyone").doesNotContain("||x||")
        .doesNotContain("](https://").contains("\\# pwned");
  }
}
