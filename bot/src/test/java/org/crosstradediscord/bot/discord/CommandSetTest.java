package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/** The registered set compared with the definitions in JDA's normal form: equal only field for field. */
class CommandSetTest {
  private static CommandData close() {
    return Commands.slash("close", "Close a position").setContexts(InteractionContextType.GUILD).addOptions(
        new OptionData(OptionType.STRING, "account", "Account", true, true),
        new OptionData(OptionType.NUMBER, "percent", "Percent to close", false).setRequiredRange(0.01, 100),
        new OptionData(OptionType.INTEGER, "quantity", "Contracts", false).setMinValue(1));
  }

  private static CommandData halt() {
    return Commands.slash("halt", "Stop new risk").setContexts(InteractionContextType.GUILD)
        .addOption(OptionType.STRING, "reason", "Why", false);
  }

  /** What Discord answers for a command registered from {@code data}: the same fields plus its own. */
  private static CommandData asRegistered(CommandData data, String tweak) {
    DataObject json = DataObject.fromJson(data.toData().toJson());
    json.put("id", "1234").put("application_id", "99").put("version", "5678").put("guild_id", "77")
        .putNull("default_member_permissions").put("nsfw", false);
    if (!tweak.isEmpty()) {
      String[] fromTo = tweak.split("=>");
      assertThat(json.toString()).as("the tweak applies").contains(fromTo[0]);
      json = DataObject.fromJson(json.toString().replace(fromTo[0], fromTo[1]));
    }
    return CommandData.fromData(json);
  }

  @Test
  void theSameCommands_withDiscordsOwnFields_inAnotherOrder_areTheSame() {
    assertThat(CommandSet.same(List.of(asRegistered(halt(), ""), asRegistered(close(), "")), List.of(close(), halt())))
        .isTrue();
  }

  @Test
  void numbersCompareByValue() {
    assertThat(CommandSet.same(List.of(asRegistered(close(), "\"max_value\":100.0=>\"max_value\":100"),
        asRegistered(halt(), "")), List.of(close(), halt()))).isTrue();
  }

  @Test
  void anyDifference_isNotTheSame() {
    List<CommandData> want = List.of(close(), halt());
    assertThat(CommandSet.same(List.of(asRegistered(close(), "Close a position=>Close it"), asRegistered(halt(), "")),
        want)).as("a description").isFalse();
    assertThat(CommandSet.same(List.of(asRegistered(close(), "\"required\":true=>\"required\":false"),
        asRegistered(halt(), "")), want)).as("an option's required flag").isFalse();
    assertThat(CommandSet.same(List.of(asRegistered(close(), "\"min_value\":1,=>\"min_value\":2,"),
        asRegistered(halt(), "")), want)).as("a bound").isFalse();
    assertThat(CommandSet.same(List.of(asRegistered(close(), "")), want)).as("one missing").isFalse();
    assertThat(CommandSet.same(List.of(asRegistered(close(), ""), asRegistered(halt(), ""),
        asRegistered(Commands.slash("extra", "x"), "")), want)).as("one more").isFalse();
    assertThat(CommandSet.same(List.of(asRegistered(close(), ""), asRegistered(close(), "")), List.of(close(), close())))
        .as("a duplicate name: doubt").isFalse();
    CommandData reordered = Commands.slash("close", "Close a position").setContexts(InteractionContextType.GUILD)
        .addOptions(new OptionData(OptionType.STRING, "account", "Account", true, true),
            new OptionData(OptionType.INTEGER, "quantity", "Contracts", false).setMinValue(1),
            new OptionData(OptionType.NUMBER, "percent", "Percent to close", false).setRequiredRange(0.01, 100));
    assertThat(CommandSet.same(List.of(asRegistered(reordered, ""), asRegistered(halt(), "")), want))
        .as("the options' order").isFalse();
  }
}
