package org.crosstradediscord.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crosstradediscord.bot.commands.Fixtures.POLICY;
import static org.crosstradediscord.bot.commands.Fixtures.RISK_MEMBER;
import static org.crosstradediscord.bot.commands.Fixtures.TRADER_MEMBER;
import static org.crosstradediscord.bot.commands.Fixtures.options;
import static org.crosstradediscord.bot.commands.Fixtures.problems;

import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.junit.jupiter.api.Test;

class CloseAndFlattenCommandsTest {
  private final CloseCommand close = new CloseCommand();
  private final FlattenCommand flatten = new FlattenCommand();

  @Test
  void close_percentOption_isSentAsAFraction() {
    CloseCommand.Action a = ready(close.prepare(options("account", "Sim101", "instrument", "ES 12-25", "percent", 25.0),
        TRADER_MEMBER, POLICY));
    assertThat(a.request()).isEqualTo(new ClosePositionRequest().instrument("ES 12-25").percent(0.25));
    assertThat(a.review().warning()).contains("does not cancel");
  }

  @Test
  void close_withNeitherQuantityNorPercent_closesTheWholePosition() {
    CloseCommand.Action a = ready(close.prepare(options("account", "Sim101", "instrument", "ES 12-25"), TRADER_MEMBER, POLICY));
    assertThat(a.request()).isEqualTo(new ClosePositionRequest().instrument("ES 12-25"));
    assertThat(a.review().whatHappens()).startsWith("Closes the whole position");
    assertThat(a.review().warning()).isNull();
  }

  @Test
  void close_quantityAndPercent_areExclusive() {
    assertThat(problems(close.prepare(options("account", "Sim101", "instrument", "ES", "quantity", 1L, "percent", 50.0),
        TRADER_MEMBER, POLICY))).containsExactly("`percent` cannot be combined with `quantity`: give one or neither");
  }

  @Test
  void close_percentOutsideZeroToHundred_isRejected() {
    for (double bad : new double[] {0.0, -5.0, 100.5}) {
      assertThat(problems(close.prepare(options("account", "Sim101", "instrument", "ES", "percent", bad), TRADER_MEMBER, POLICY)))
          .as("percent " + bad).containsExactly("`percent` must be above 0 and at most 100");
    }
    assertThat(close.prepare(options("account", "Sim101", "instrument", "ES", "percent", 100.0), TRADER_MEMBER, POLICY))
        .isInstanceOf(Prepared.Ready.class);
  }

  @Test
  void flatten_withAccount_mapsAllFilters() {
    FlattenCommand.Action a = ready(flatten.prepare(options("account", "sim102", "instrument", "MES 12-25",
        "market_position", "short"), TRADER_MEMBER, POLICY));
    assertThat(a.filters()).isEqualTo(new FlattenRequest().account("Sim102").instrument("MES 12-25")
        .marketPosition(MarketPositionFilter.SHORT));
    assertThat(a.everything()).isFalse();
    assertThat(a.requiredPermissions()).containsExactly(Permission.FLATTEN);
  }

  @Test
  void flatten_withNoFilters_isDeniedToARoleWithoutFlattenEverything() {
    Prepared p = flatten.prepare(options(), TRADER_MEMBER, POLICY);
    assertThat(((Prepared.Denied) p).reason()).contains("flatten_everything").contains("EVERY account");
  }

  @Test
  void flatten_withoutAccountButWithInstrument_alsoNeedsFlattenEverything() {
    assertThat(flatten.prepare(options("instrument", "ES 12-25"), TRADER_MEMBER, POLICY)).isInstanceOf(Prepared.Denied.class);
    FlattenCommand.Action a = ready(flatten.prepare(options("instrument", "ES 12-25"), RISK_MEMBER, POLICY));
    assertThat(a.requiredPermissions()).contains(Permission.FLATTEN_EVERYTHING);
    assertThat(a.review().warning()).contains("every account");
  }

  @Test
  void flatten_withNoFilters_forFlattenEverything_saysSoInPlainWords() {
    FlattenCommand.Action a = ready(flatten.prepare(options(), RISK_MEMBER, POLICY));
    assertThat(a.everything()).isTrue();
    assertThat(a.review().title()).isEqualTo("FLATTEN EVERYTHING");
    assertThat(a.review().whatHappens()).contains("EVERY position").contains("EVERY order").contains("EVERY account");
    assertThat(a.review().confirmLabel()).isEqualTo("Flatten EVERYTHING");
    assertThat(a.requiredPermissions()).containsExactlyInAnyOrder(Permission.FLATTEN, Permission.FLATTEN_EVERYTHING);
  }

  @Test
  void flatten_accountNotAllowed_isDenied() {
    assertThat(flatten.prepare(options("account", "Live-Z"), RISK_MEMBER, POLICY)).isInstanceOf(Prepared.Denied.class);
  }

  @Test
  void flatten_badMarketPosition_isRejected() {
    assertThat(problems(flatten.prepare(options("account", "Sim101", "market_position", "flat"), TRADER_MEMBER, POLICY)))
        .containsExactly("`market_position` must be one of long, short");
  }

  @SuppressWarnings("unchecked")
  private static <A extends TradeAction> A ready(Prepared p) {
    assertThat(p).isInstanceOf(Prepared.Ready.class);
    return (A) ((Prepared.Ready) p).action();
  }
}
