package org.crosstradediscord.bot.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.board.Freshness;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.UnknownRow;
import org.crosstradediscord.client.model.AccountItem;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlAccountInfo;
import org.crosstradediscord.client.model.PnlUpdate;
import org.crosstradediscord.client.model.Position;
import org.junit.jupiter.api.Test;

class BoardCardTest {
  static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");
  static final Duration STALE = Duration.ofSeconds(3);

  static PnlUpdate update(double price, String instrument) {
    Position p = new Position().account("Sim101").instrument(instrument).marketPosition(MarketPosition.LONG).quantity(2)
        .averagePrice(6000.0).marketPrice(price).unrealizedProfitLoss((price - 6000.0) * 10);
    return new PnlUpdate().type("pnlUpdate").epoch(T0.toEpochMilli()).accounts(List.of(new PnlAccount()
        .account(new PnlAccountInfo().name("Sim101")
        .item(new AccountItem().realizedProfitLoss(-20.0).unrealizedProfitLoss((price - 6000.0) * 10)))
        .positions(List.of(p))));
  }

  static String text(MessageEmbed e) {
    StringBuilder b = new StringBuilder(e.getTitle()).append('\n').append(e.getDescription());
    e.getFields().forEach(f -> b.append('\n').append(f.getName()).append('\n').append(f.getValue()));
    return b.toString();
  }

  @Test
  void anAccountsNote_theTrailingDrawdownsRoomLeft_isShownFirstInItsField_escaped() {
    String shown = text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101", "Sim102"), update(6010.0, "MES 12-25"),
        T0, T0, STALE, HaltState.NEVER, Map.of("Sim101", "drawdown room 640.00 of 2000.00 *x*"), List.of())));
    assertThat(shown).contains("drawdown room 640.00 of 2000.00 \\*x\\*");
    assertThat(shown.indexOf("drawdown room")).isLessThan(shown.indexOf("Sim102"));
  }

  @Test
  void unresolvedUnknownOutcomes_areListed_escaped_whateverTheStream_andAnUnreadableListSaysSo() {
    List<UnknownRow> rows = List.of(new UnknownRow("u1", T0, "/flatplace account=Sim101 **x**", null, null, null),
        new UnknownRow("u2", T0.plusSeconds(5), "alert ABC: PLACE", "COULD_NOT_CHECK", "Could not check", null));
    String shown = text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), null, null, T0, STALE,
        HaltState.NEVER, Map.of(), rows)));

    assertThat(shown).contains("Outcome unknown, not resolved (2)")
        .contains("<t:" + T0.getEpochSecond() + ":T> /flatplace account=Sim101 \\*\\*x\\*\\* — not checked yet")
        .contains("alert ABC: PLACE — could not check");
    assertThat(text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), null, null, T0, STALE, HaltState.NEVER,
        Map.of(), List.of())))).doesNotContain("Outcome unknown");
    assertThat(text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), null, null, T0, STALE, HaltState.NEVER,
        Map.of(), null)))).contains("Outcomes unknown this session").contains("Not readable right now");
  }

  @Test
  void aCurrentBoard_showsPositionsAndTotals_andAStaleOneHidesEveryNumber() {
    BoardCard.Snapshot live = new BoardCard.Snapshot(List.of("Sim101", "Sim102"), update(6010.0, "MES 12-25"), T0,
        T0.plusSeconds(1), STALE, HaltState.NEVER);
    String shown = text(BoardCard.embed(live));
    assertThat(shown).contains("Desk board")
        .contains("As of <t:" + T0.getEpochSecond() + ":T> (<t:" + T0.getEpochSecond() + ":R>) · live")
        .contains("Sim101 — total +80.00 (realized -20.00, unrealized +100.00)")
        .contains("`MES 12-25` LONG 2 @ 6000.00 · mkt 6010.00 · uPnL +100.00")
        .contains("Sim102 — not in the stream");

    BoardCard.Snapshot stale = new BoardCard.Snapshot(live.accounts(), live.update(), T0, T0.plusSeconds(4), STALE,
        HaltState.NEVER);
    String old = text(BoardCard.embed(stale));
    assertThat(old).contains("STALE — no P&L update since <t:" + T0.getEpochSecond() + ":T>")
        .doesNotContain("6010").doesNotContain("+80.00");
  }

  @Test
  void aFrameWithoutAnEpoch_orWithAnOldOne_isStale_andItsNumbersAreHidden() {
    PnlUpdate noEpoch = update(6010.0, "MES 12-25").epoch(null);
    BoardCard.Snapshot unknown = new BoardCard.Snapshot(List.of("Sim101"), noEpoch, T0, T0, STALE, HaltState.NEVER);
    assertThat(unknown.freshness()).isEqualTo(Freshness.Verdict.NO_EPOCH);
    assertThat(text(BoardCard.embed(unknown))).startsWith("Desk board — STALE")
        .contains("does not say when it was made")
        .doesNotContain("6010").doesNotContain("+80.00").doesNotContain("· live");

    PnlUpdate old = update(6010.0, "MES 12-25").epoch(T0.minusSeconds(61).toEpochMilli());
    BoardCard.Snapshot late = new BoardCard.Snapshot(List.of("Sim101"), old, T0, T0, STALE, HaltState.NEVER);
    assertThat(text(BoardCard.embed(late))).startsWith("Desk board — STALE")
        .contains("was made at <t:" + T0.minusSeconds(61).getEpochSecond() + ":T>")
        .doesNotContain("6010").doesNotContain("+80.00").doesNotContain("· live");
    assertThat(BoardCard.contentKey(late)).isNotEqualTo(BoardCard.contentKey(unknown))
        .isNotEqualTo(BoardCard.contentKey(new BoardCard.Snapshot(List.of("Sim101"), update(6010.0, "MES 12-25"), T0,
            T0, STALE, HaltState.NEVER)));

    PnlUpdate withinAMinute = update(6010.0, "MES 12-25").epoch(T0.minusSeconds(59).toEpochMilli());
    assertThat(text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), withinAMinute, T0, T0.plusSeconds(2),
        STALE, HaltState.NEVER)))).contains("· live").contains("+80.00");
  }

  @Test
  void halted_isABanner_withWhoAndWhy_escaped() {
    HaltState h = new HaltState(true, "**fat finger**", 7, "rita_", T0);
    String shown = text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), update(6000.0, "MES 12-25"), T0, T0,
        STALE, h)));
    assertThat(shown).startsWith("Desk board — HALTED").contains("**HALTED** by rita\\_: \\*\\*fat finger\\*\\*");
    String unknown = text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), null, null, T0, STALE, null)));
    assertThat(unknown).contains("Halt state unknown").contains("No P&L update yet");
  }

  @Test
  void tenAccountsOfTenLongPositions_fitDiscordsLimits_andAbsurdNumbersShowAsUnknown() {
    List<PnlAccount> accounts = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (int a = 0; a < 10; a++) {
      String name = "Account-" + a + "-" + "x".repeat(80);
      names.add(name);
      List<Position> ps = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ps.add(new Position().account(name).instrument("INSTRUMENT-" + i + "-" + "y".repeat(60))
            .marketPosition(MarketPosition.SHORT).quantity(1_000_000).averagePrice(1e20).marketPrice(-1e15)
            .unrealizedProfitLoss(123456789.123));
      }
      accounts.add(new PnlAccount().account(new PnlAccountInfo().name(name).item(new AccountItem()
          .realizedProfitLoss(1e30).unrealizedProfitLoss(-5.0))).positions(ps));
    }
    PnlUpdate u = new PnlUpdate().type("pnlUpdate").epoch(T0.toEpochMilli()).accounts(accounts);
    MessageEmbed e = BoardCard.embed(new BoardCard.Snapshot(names, u, T0, T0, STALE, HaltState.NEVER));
    assertThat(e.isSendable()).as("within Discord's embed limits").isTrue();
    assertThat(e.getLength()).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
    assertThat(e.getFields()).allSatisfy(f -> assertThat(f.getValue().length()).isLessThanOrEqualTo(1024));
    assertThat(text(e)).contains("@ ? · mkt ?").contains("more accounts").doesNotContain("1.0E").contains("P&L unknown");
  }

  @Test
  void upstreamText_isEscaped() {
    String shown = text(BoardCard.embed(new BoardCard.Snapshot(List.of("Sim101"), update(6000.0, "MES`@everyone"), T0, T0,
        STALE, HaltState.NEVER)));
    assertThat(shown).doesNotContain("MES`@everyone");
  }

  @Test
  void theContentKey_ignoresOnlyTheTime() {
    PnlUpdate u = update(6010.0, "MES 12-25");
    String a = BoardCard.contentKey(new BoardCard.Snapshot(List.of("Sim101"), u, T0, T0, STALE, HaltState.NEVER));
    String b = BoardCard.contentKey(new BoardCard.Snapshot(List.of("Sim101"), u, T0.plusSeconds(2), T0.plusSeconds(2),
        STALE, HaltState.NEVER));
    String moved = BoardCard.contentKey(new BoardCard.Snapshot(List.of("Sim101"), update(6011.0, "MES 12-25"), T0, T0,
        STALE, HaltState.NEVER));
    assertThat(a).isEqualTo(b).isNotEqualTo(moved);
  }

  @Test
  void buttons_carryTheAccount_andParseBack() {
    var rows = BoardCard.buttons(List.of("Sim101", "Sim 102", "A", "B", "C"));
    assertThat(rows).hasSize(3);
    var ids = rows.stream().flatMap(r -> r.getButtons().stream()).map(b -> b.getCustomId()).toList();
    assertThat(ids).contains(BoardCard.HALT).hasSize(6);
    assertThat(BoardCard.flattenAccount(ids.get(1))).hasValue("Sim 102");
    assertThat(BoardCard.flattenAccount(BoardCard.FLATTEN + "!!")).isEmpty();
  }
}
