package org.crosstradediscord.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.junit.jupiter.api.Test;

/** The command definitions registered with Discord respect Discord's rules and the product's option names. */
class CommandRegistryTest {
  private final List<SlashCommandData> defs = CommandRegistry.standard().definitions();

  @Test
  void eachButtonThatIssuedAnId_isFoundWithItsCommandAndOptions_andNothingElseIs() {
    CommandRegistry registry = CommandRegistry.standard();
    String close = org.crosstradediscord.bot.rendering.ViewButtons.closeId("Sim101", "MES 12-25").orElseThrow();
    assertThat(registry.button(close)).get().satisfies(c -> {
      assertThat(c.command().name()).isEqualTo("close");
      assertThat(c.options()).contains(java.util.Map.of("account", "Sim101", "instrument", "MES 12-25"));
      assertThat(c.via()).isEqualTo("positions button");
    });
    String cancel = org.crosstradediscord.bot.rendering.ViewButtons.cancelId("Sim102", "abc123").orElseThrow();
    assertThat(registry.button(cancel)).get().satisfies(c -> assertThat(c.command().name()).isEqualTo("cancel"));
    assertThat(registry.button(org.crosstradediscord.bot.rendering.ViewButtons.CLOSE + "not-base64!")).get()
        .satisfies(c -> assertThat(c.options()).as("a button that is not valid any more").isEmpty());
    assertThat(registry.button("ct:confirm:abc")).as("Confirm is not a command's button").isEmpty();
    assertThat(registry.button("someone-elses-button")).isEmpty();
  }

  @Test
  void registersTheConfirmedAndTheReadOnlyCommands_guildOnly() {
    assertThat(defs).extracting(SlashCommandData::getName)
        .containsExactly("cancel", "close", "flatplace", "flatten", "orders", "positions", "reverse");
    assertThat(defs).allSatisfy(d -> assertThat(d.getContexts()).containsExactly(InteractionContextType.GUILD));
  }

  @Test
  void namesAndDescriptions_fitDiscordsLimits_andRequiredOptionsComeFirst() {
    for (SlashCommandData d : defs) {
      assertThat(d.getName()).matches("[a-z_]{1,32}");
      assertThat(d.getDescription()).hasSizeBetween(1, 100);
      assertThat(d.getOptions()).hasSizeLessThanOrEqualTo(25);
      boolean optionalSeen = false;
      for (OptionData o : d.getOptions()) {
        assertThat(o.getName()).matches("[a-z_]{1,32}");
        assertThat(o.getDescription()).hasSizeBetween(1, 100);
        assertThat(o.getChoices()).hasSizeLessThanOrEqualTo(25);
        assertThat(o.isRequired() && optionalSeen).as(d.getName() + " " + o.getName() + " required after optional").isFalse();
        optionalSeen |= !o.isRequired();
      }
    }
  }

  @Test
  void flatPlaceAndReverse_haveTheDocumentedOptions_withChoicesForEnums() {
    for (String name : List.of("flatplace", "reverse")) {
      SlashCommandData d = defs.stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
      assertThat(d.getOptions()).extracting(OptionData::getName).containsExactly("account", "instrument", "action",
          "quantity", "order_type", "time_in_force", "limit_price", "stop_price", "oco_id", "strategy");
      assertThat(option(d, "order_type").getChoices()).extracting(c -> c.getAsString())
          .containsExactly("MARKET", "LIMIT", "STOPMARKET", "STOPLIMIT");
      assertThat(option(d, "account").isAutoComplete()).isTrue();
      assertThat(option(d, "instrument").isAutoComplete()).as("instrument suggests open positions and orders").isTrue();
    }
  }

  @Test
  void close_suggestsInstruments() {
    SlashCommandData d = defs.stream().filter(x -> x.getName().equals("close")).findFirst().orElseThrow();
    assertThat(d.getOptions()).extracting(OptionData::getName).containsExactly("account", "instrument", "quantity", "percent");
    assertThat(option(d, "instrument").isAutoComplete()).isTrue();
  }

  @Test
  void readOnlyCommands_takeOnlyAnOptionalAutocompletedAccount() {
    for (String name : List.of("positions", "orders")) {
      SlashCommandData d = defs.stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
      assertThat(d.getOptions()).extracting(OptionData::getName).containsExactly("account");
      assertThat(option(d, "account").isRequired()).isFalse();
      assertThat(option(d, "account").isAutoComplete()).isTrue();
    }
  }

  @Test
  void cancel_takesAccountAndAnAutocompletedOrderId_bothRequired() {
    SlashCommandData d = defs.stream().filter(x -> x.getName().equals("cancel")).findFirst().orElseThrow();
    assertThat(d.getOptions()).extracting(OptionData::getName).containsExactly("account", "order_id");
    assertThat(d.getOptions()).allMatch(OptionData::isRequired).allMatch(OptionData::isAutoComplete);
  }

  @Test
  void flatten_hasOnlyOptionalFilters() {
    SlashCommandData d = defs.stream().filter(x -> x.getName().equals("flatten")).findFirst().orElseThrow();
    assertThat(d.getOptions()).extracting(OptionData::getName).containsExactly("account", "instrument", "market_position");
    assertThat(d.getOptions()).noneMatch(OptionData::isRequired);
  }

  private static OptionData option(SlashCommandData d, String name) {
    return d.getOptions().stream().filter(o -> o.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void deskControls_addAuditHaltAndResume_withBoundedOptions() {
    List<SlashCommandData> desk = CommandRegistry.standard(null, null).definitions();
    assertThat(desk).extracting(SlashCommandData::getName).containsExactly("audit", "cancel", "close", "flatplace",
        "flatten", "halt", "orders", "positions", "resume", "reverse");
    SlashCommandData audit = desk.get(0);
    assertThat(audit.getOptions()).extracting(OptionData::getName).containsExactly("member", "count");
    assertThat(audit.getOptions().get(0).getType()).isEqualTo(net.dv8tion.jda.api.interactions.commands.OptionType.USER);
    assertThat(audit.getOptions().get(1).getMaxValue().longValue()).isEqualTo(25);
    assertThat(audit.getOptions()).noneMatch(OptionData::isRequired);
    SlashCommandData halt = desk.stream().filter(d -> d.getName().equals("halt")).findFirst().orElseThrow();
    assertThat(halt.getOptions()).singleElement().satisfies(o -> {
      assertThat(o.getName()).isEqualTo("reason");
      assertThat(o.isRequired()).isFalse();
      assertThat(o.getMaxLength()).isEqualTo(300);
    });
  }
}
