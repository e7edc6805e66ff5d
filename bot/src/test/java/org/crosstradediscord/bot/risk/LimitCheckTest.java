package org.crosstradediscord.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The limit evaluation on plain values: root symbols, the most-permissive merge, each limit. */
class LimitCheckTest {
  private static final Limit JUNIOR = new Limit(2, Set.of("MARKET", "LIMIT"), Set.of("MES", "MNQ"), OptionalLong.of(4));

  private static OrderIntent buy(String instrument, long qty, String type) {
    return new OrderIntent("Sim101", instrument, true, qty, type);
  }

  @Test
  void rootSymbol_isTheFirstWord_upperCase() {
    assertThat(RootSymbol.of("MES 12-25")).isEqualTo("MES");
    assertThat(RootSymbol.of("  mnq 03-26 ")).isEqualTo("MNQ");
    assertThat(RootSymbol.of("ES")).isEqualTo("ES");
    assertThat(RootSymbol.of("MES\t12-25")).isEqualTo("MES");
    assertThat(RootSymbol.of("")).isEmpty();
    assertThat(RootSymbol.of(null)).isEmpty();
  }

  @Test
  void maxQuantity_refusesMoreAndNamesTheLimit() {
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("MES 12-25", 2, "MARKET"))).isEmpty();
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("MES 12-25", 3, "MARKET"))).get().asString()
        .startsWith("Limit `max_quantity`").contains("at most 2 contracts").contains("for 3");
    assertThat(LimitCheck.checkOrder(Limits.SAFE.defaults(), buy("ES 12-25", 2147483647L, "STOPLIMIT"))).get()
        .asString().contains("max_quantity").contains("at most 10");
  }

  @Test
  void orderTypes_andInstruments_areAllowLists_emptyMeansAny() {
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("MES 12-25", 1, "LIMIT"))).isEmpty();
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("MES 12-25", 1, "STOPMARKET"))).get().asString()
        .startsWith("Limit `order_types`").contains("LIMIT, MARKET").contains("STOPMARKET");
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("mnq 03-26", 1, "MARKET"))).isEmpty();
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("ES 12-25", 1, "MARKET"))).get().asString()
        .startsWith("Limit `instruments`").contains("MES, MNQ").contains("root symbol is ES");
    // MESZ5 is not MES: roots are compared whole
    assertThat(LimitCheck.checkOrder(JUNIOR, buy("MESZ5", 1, "MARKET"))).isPresent();
    Limit any = new Limit(5, Set.of(), Set.of(), OptionalLong.empty());
    assertThat(LimitCheck.checkOrder(any, buy("ANYTHING 01-30", 5, "STOPLIMIT"))).isEmpty();
  }

  @Test
  void maxPosition_fromLong3_buy2_against4_isRefused_sell2_passes() {
    assertThat(LimitCheck.needsPosition(JUNIOR)).isTrue();
    assertThat(LimitCheck.needsPosition(Limits.SAFE.defaults())).isFalse();
    assertThat(LimitCheck.worstPosition(3, buy("MES 12-25", 2, "MARKET"))).isEqualTo(5);
    assertThat(LimitCheck.checkPosition(JUNIOR, buy("MES 12-25", 2, "MARKET"), 3)).get().asString()
        .startsWith("Limit `max_position`").contains("at most 4").contains("now Long 3").contains("BUY 2 may lead to 5");
    OrderIntent sell2 = new OrderIntent("Sim101", "MES 12-25", false, 2, "MARKET");
    assertThat(LimitCheck.checkPosition(JUNIOR, sell2, 3)).isEmpty(); // Long 1 or Short 2
    assertThat(LimitCheck.checkPosition(JUNIOR, buy("MES 12-25", 1, "MARKET"), 3)).isEmpty(); // exactly 4
    assertThat(LimitCheck.checkPosition(JUNIOR, sell2, -3)).get().asString().contains("now Short 3"); // Short 5
    assertThat(LimitCheck.checkPosition(JUNIOR, buy("MES 12-25", 2, "MARKET"), 0)).isEmpty();
    assertThat(LimitCheck.checkPosition(Limits.SAFE.defaults(), buy("MES 12-25", 2, "MARKET"), 1000)).isEmpty();
  }

  @Test
  void mostPermissive_perField_andNoRoleMeansDefault() {
    Limit a = new Limit(2, Set.of("MARKET"), Set.of("MES"), OptionalLong.of(4));
    Limit b = new Limit(5, Set.of("LIMIT"), Set.of("MNQ"), OptionalLong.of(3));
    Limit c = new Limit(1, Set.of(), Set.of(), OptionalLong.empty());
    Limit ab = a.mostPermissive(b);
    assertThat(ab.maxQuantity()).isEqualTo(5);
    assertThat(ab.orderTypes()).containsExactly("LIMIT", "MARKET");
    assertThat(ab.instruments()).containsExactly("MES", "MNQ");
    assertThat(ab.maxPosition()).hasValue(4);
    Limit ac = a.mostPermissive(c);
    assertThat(ac.maxQuantity()).isEqualTo(2);
    assertThat(ac.orderTypes()).isEmpty(); // any wins
    assertThat(ac.instruments()).isEmpty();
    assertThat(ac.maxPosition()).isEmpty(); // no limit wins

    Limits limits = new Limits(Limits.SAFE.defaults(), Map.of(1L, a, 2L, b));
    assertThat(limits.forRoles(Set.of(9L))).isEqualTo(Limits.SAFE.defaults());
    assertThat(limits.forRoles(Set.of())).isEqualTo(Limits.SAFE.defaults());
    assertThat(limits.forRoles(Set.of(1L, 9L))).isEqualTo(a); // a role entry replaces the default, even if stricter
    assertThat(limits.forRoles(Set.of(1L, 2L))).isEqualTo(ab);
  }
}
