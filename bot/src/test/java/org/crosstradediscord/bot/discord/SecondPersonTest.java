package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.commands.CloseCommand;
import org.crosstradediscord.bot.commands.CommandOptions;
import org.crosstradediscord.bot.commands.FlatPlaceCommand;
import org.crosstradediscord.bot.commands.FlattenCommand;
import org.crosstradediscord.bot.commands.Prepared;
import org.crosstradediscord.bot.commands.ReverseCommand;
import org.crosstradediscord.bot.commands.SlashCommand;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.config.ApprovalsConfig;
import org.junit.jupiter.api.Test;

/** Which trades the two-person rule catches: by the order's size and, when listed, a flatten of every account. */
class SecondPersonTest {
  static final Invoker RITA = new Invoker(2, "rita", Set.of(10L, 30L));
  static final RolePolicy POLICY = new RolePolicy(Map.of(Permission.FLATPLACE, List.of(10L), Permission.REVERSE,
      List.of(10L), Permission.CLOSE, List.of(10L), Permission.FLATTEN, List.of(10L), Permission.FLATTEN_EVERYTHING,
      List.of(30L)), List.of("Sim101"), Map.of());
  static final ApprovalsConfig RULE = new ApprovalsConfig(42, List.of(30L), 5,
      Set.of(ApprovalsConfig.Always.FLATTEN_EVERYTHING), Duration.ofSeconds(120));

  static TradeAction action(SlashCommand command, Object... pairs) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return ((Prepared.Ready) command.prepare(new CommandOptions(m), RITA, POLICY)).action();
  }

  static TradeAction order(SlashCommand command, long quantity) {
    return action(command, "account", "Sim101", "instrument", "MES 12-25", "action", "BUY", "quantity", quantity,
        "order_type", "MARKET", "time_in_force", "DAY");
  }

  @Test
  void ordersAboveTheQuantity_needASecondPerson_reviewedOrNot() {
    assertThat(SecondPerson.needed(RULE, order(new FlatPlaceCommand(), 5))).isNull();
    assertThat(SecondPerson.needed(RULE, order(new FlatPlaceCommand(), 6)))
        .isEqualTo("an order of 6 contracts (more than 5)");
    assertThat(SecondPerson.needed(RULE, new ReviewedAction(order(new ReverseCommand(), 7), true)))
        .isEqualTo("an order of 7 contracts (more than 5)");
    assertThat(SecondPerson.needed(null, order(new FlatPlaceCommand(), 600))).as("off").isNull();
  }

  @Test
  void aFlattenOfEveryAccount_needsOne_onlyWhenListed_andRiskReducingTradesOtherwiseDoNot() {
    assertThat(SecondPerson.needed(RULE, action(new FlattenCommand()))).isEqualTo("a flatten of every account");
    assertThat(SecondPerson.needed(RULE, new ReviewedAction(action(new FlattenCommand()), false)))
        .isEqualTo("a flatten of every account");
    assertThat(SecondPerson.needed(RULE, action(new FlattenCommand(), "account", "Sim101"))).isNull();
    ApprovalsConfig sizeOnly = new ApprovalsConfig(42, List.of(30L), 5, Set.of(), Duration.ofSeconds(120));
    assertThat(SecondPerson.needed(sizeOnly, action(new FlattenCommand()))).isNull();
    assertThat(SecondPerson.needed(RULE, action(new CloseCommand(), "account", "Sim101", "instrument", "MES 12-25",
        "quantity", 50L))).as("closing reduces risk").isNull();
  }
}
