package org.crosstradediscord.bot.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crosstradediscord.bot.preview.PreviewsTest.flat;
import static org.crosstradediscord.bot.preview.PreviewsTest.order;
import static org.crosstradediscord.bot.preview.PreviewsTest.pos;

import java.util.List;
import org.crosstradediscord.bot.preview.Finding.Verdict;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.Position;
import org.junit.jupiter.api.Test;

class ReconcileTest {
  private static final String MES = "MES 12-25";

  private static Position at(MarketPosition side, int qty) {
    return pos("Sim101", MES, side, qty, 5000.25 + qty, 1.0 * qty); // prices differ between reads: not compared
  }

  @Test
  void flatPlace_market_fromFlatToTheOrder_isVeryLikelyExecuted() {
    Finding f = Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.MARKET), false, flat(),
        at(MarketPosition.LONG, 1));

    assertThat(f).isEqualTo(new Finding(Verdict.EXECUTED,
        "Very likely executed: Sim101 went from Flat to Long 1 (MES 12-25)"));
    assertThat(f.verdict().resolves()).isTrue();
    assertThat(f.readAgain()).isFalse();
  }

  @Test
  void flatPlace_market_noChange_isLikelyNotExecuted_andWorthASecondRead() {
    Finding f = Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.MARKET), false, flat(), flat());

    assertThat(f.text()).isEqualTo("No change seen: likely not executed (Sim101 is still Flat in MES 12-25)");
    assertThat(f.verdict()).isEqualTo(Verdict.NOT_EXECUTED);
    assertThat(f.readAgain()).isTrue();
    assertThat(Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.MARKET), false, null, null).verdict())
        .as("no position read is flat").isEqualTo(Verdict.NOT_EXECUTED);
  }

  @Test
  void aChangeThatDoesNotMatch_isDescribed_notClaimed() {
    Finding f = Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.MARKET), false, flat(),
        at(MarketPosition.LONG, 3));

    assertThat(f.verdict()).isEqualTo(Verdict.OTHER_CHANGE);
    assertThat(f.verdict().resolves()).isFalse();
    assertThat(f.text()).isEqualTo("Sim101 went from Flat to Long 3 (MES 12-25), not what this order leaves (Long 1):"
        + " check NinjaTrader").doesNotContain("executed");
  }

  @Test
  void anOrderThatWouldLeaveThePositionAsItWas_cannotBeToldFromThePosition() {
    Finding f = Reconcile.order("Sim101", order(OrderAction.SELL, 2, OrderType.MARKET), false,
        at(MarketPosition.SHORT, 2), at(MarketPosition.SHORT, 2));

    assertThat(f.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(f.text()).contains("cannot show whether it was executed").contains("Short 2");
  }

  @Test
  void reverse_fromLongToShort_isExecuted_andAReverseOfFlatChangesNothing() {
    assertThat(Reconcile.order("Sim101", order(OrderAction.SELL, 1, OrderType.MARKET), true, at(MarketPosition.LONG, 2),
        at(MarketPosition.SHORT, 1)).text()).isEqualTo("Very likely executed: Sim101 went from Long 2 to Short 1"
            + " (MES 12-25)");
    Finding flat = Reconcile.order("Sim101", order(OrderAction.SELL, 1, OrderType.MARKET), true, flat(), flat());
    assertThat(flat.verdict()).isEqualTo(Verdict.NOT_EXECUTED);
    assertThat(flat.text()).contains("refuses a reverse when flat");
  }

  @Test
  void aLimitFlatPlace_closedFirst_isExecuted_butFromFlatItCannotBeTold() {
    Finding closed = Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.LIMIT), false,
        at(MarketPosition.SHORT, 2), flat());
    assertThat(closed.verdict()).isEqualTo(Verdict.EXECUTED);
    assertThat(closed.text()).startsWith("Very likely executed: Sim101 went from Short 2 to Flat (MES 12-25), the close")
        .contains("/orders");

    Finding resting = Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.LIMIT), false, flat(), flat());
    assertThat(resting.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(resting.text()).contains("has not filled does not change the position");

    assertThat(Reconcile.order("Sim101", order(OrderAction.BUY, 1, OrderType.LIMIT), false, at(MarketPosition.SHORT, 2),
        at(MarketPosition.SHORT, 2)).verdict()).as("the close it makes first did not happen")
        .isEqualTo(Verdict.NOT_EXECUTED);
  }

  @Test
  void close_partOfThePosition_matchesTheClosingQuantity() {
    assertThat(Reconcile.close("Sim101", MES, null, 0.5, at(MarketPosition.LONG, 3), at(MarketPosition.LONG, 1)).text())
        .isEqualTo("Very likely executed: Sim101 went from Long 3 to Long 1 (MES 12-25)");
    assertThat(Reconcile.close("Sim101", MES, null, null, at(MarketPosition.SHORT, 3), flat()).verdict())
        .isEqualTo(Verdict.EXECUTED);
    assertThat(Reconcile.close("Sim101", MES, 1, null, at(MarketPosition.LONG, 3), at(MarketPosition.LONG, 3)).verdict())
        .isEqualTo(Verdict.NOT_EXECUTED);
    assertThat(Reconcile.close("Sim101", MES, 1, null, at(MarketPosition.LONG, 3), flat()).verdict())
        .isEqualTo(Verdict.OTHER_CHANGE);
    assertThat(Reconcile.close("Sim101", MES, null, null, flat(), flat()).text()).contains("refuses a close when flat");
  }

  @Test
  void aSideCrossTradeDidNotName_cannotBeCompared() {
    Position odd = new Position().account("Sim101").instrument(MES).quantity(2);

    assertThat(Reconcile.close("Sim101", MES, null, null, odd, flat()).verdict()).isEqualTo(Verdict.CANNOT_TELL);
  }

  @Test
  void flatten_everyMatchingPositionFlat_andItsOrdersGone_isExecuted() {
    FlattenRequest all = new FlattenRequest().account("Sim101");
    Order working = PreviewsTest.order("Sim101", "o-1", MES, "Working");
    Preview before = new Preview(List.of(), List.of(working), List.of(at(MarketPosition.LONG, 1),
        pos("Sim101", "MNQ 12-25", MarketPosition.SHORT, 2, 1.0, null)));
    Preview after = new Preview(List.of(), List.of(), List.of(flat()));

    Finding f = Reconcile.flatten(all, before, after);

    assertThat(f.verdict()).isEqualTo(Verdict.EXECUTED);
    assertThat(f.text()).isEqualTo("Very likely executed: Sim101 went from Long 1 to Flat (MES 12-25); Sim101 went from"
        + " Short 2 to Flat (MNQ 12-25); 1 of the 1 working order it cancels is no longer working");

    assertThat(Reconcile.flatten(all, before, before).verdict()).isEqualTo(Verdict.NOT_EXECUTED);
    assertThat(Reconcile.flatten(all, before, before).text()).isEqualTo("No change seen: likely not executed"
        + " (2 open positions as before; the 1 working order still working)");
    Preview partly = new Preview(List.of(), List.of(working), List.of(flat(),
        pos("Sim101", "MNQ 12-25", MarketPosition.SHORT, 2, 1.0, null)));
    assertThat(Reconcile.flatten(all, before, partly).verdict()).isEqualTo(Verdict.OTHER_CHANGE);
    assertThat(Reconcile.flatten(all, before, partly).text()).startsWith("Partly changed: Sim101 went from Long 1 to"
        + " Flat (MES 12-25)");
    Preview nothing = new Preview(List.of(), List.of(), List.of());
    assertThat(Reconcile.flatten(all, nothing, nothing).verdict()).isEqualTo(Verdict.NOT_EXECUTED);
  }

  @Test
  void withoutABefore_itSaysSo_andWhatTheReadShows() {
    Finding f = Previews.order("Sim101", order(OrderAction.BUY, 1, OrderType.MARKET), false).check()
        .compare(null, Previews.order(at(MarketPosition.LONG, 1), order(OrderAction.BUY, 1, OrderType.MARKET), false));

    assertThat(f.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(f.text()).isEqualTo("No \"before\" to compare with (the review card had not read it when it was"
        + " confirmed): Sim101 is Long 1 in MES 12-25; check NinjaTrader");
  }

  @Test
  void thePlansCompareTheirOwnPreviews() {
    PreviewPlan plan = Previews.close("Sim101", MES, null, null);
    Preview before = Previews.close(at(MarketPosition.LONG, 2), null, null);
    Preview after = Previews.close(flat(), null, null);

    assertThat(plan.check().compare(before, after).text())
        .isEqualTo("Very likely executed: Sim101 went from Long 2 to Flat (MES 12-25)");
  }
}
