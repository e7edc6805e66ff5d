package org.crosstradediscord.bot.commands;

import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;

/**
 * One slash command: its Discord definition (options, choices), its validation and its request mapping. Three
 * shapes, all built on {@link SlashCommandBase}: confirmed commands answer {@link Prepared.Ready} (a review card,
 * then one trade after Confirm), read-only commands ({@link ReadOnlyCommand}) answer {@link Prepared.Read}, and the
 * desk's controls ({@code /halt}, {@code /resume}) answer {@link Prepared.Control}.
 * Adding a command is one new implementation plus its entry in {@link CommandRegistry}.
 */
public interface SlashCommand {
  /** @return the slash command name, lower case, e.g. {@code flatten} */
  String name();

  /** @return the buttons that stand for this command (table rows, the board), none by default */
  default List<ButtonRoute> buttons() {
    return List.of();
  }

  /** @return the permission a member's role needs to run it at all */
  Permission permission();

  /** @return the definition registered with Discord (guild only, options in Discord's lower snake case) */
  SlashCommandData definition();

  /**
   * Validates the options and maps them to a request. Makes no API call.
   *
   * @param options the interaction's options
   * @param invoker the member, with roles from the interaction
   * @param policy role and account policy
   * @return a ready action, a read, the broken option rules, or a denial
   */
  Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy);
}
