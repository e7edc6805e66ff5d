package org.crosstradediscord.bot.commands;

import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;

/**
 * The boilerplate every slash command shares, confirmed or read-only: its name and the permission a member's role
 * needs (checked by the handler before {@link #prepare}), a guild-only definition, and the account option resolved
 * through {@link RolePolicy} (configured spelling, case-insensitive; an account the member may not use is a
 * {@link Prepared.Denied} and no call is made).
 *
 * <p>Two shapes extend it: a confirmed command returns {@link Prepared.Ready} (review card, Confirm, one trade);
 * a {@link ReadOnlyCommand} returns {@link Prepared.Read} (answered at once, no confirmation, reads only).
 */
public abstract class SlashCommandBase implements SlashCommand {
  private final String name;
  private final Permission permission;

  /**
   * @param name slash command name, lower case
   * @param permission what a member's role needs to run it
   */
  protected SlashCommandBase(String name, Permission permission) {
    this.name = name;
    this.permission = permission;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Permission permission() {
    return permission;
  }

  /**
   * @param description Discord description, at most 100 characters
   * @return the guild-only slash command definition to add options to
   */
  protected final SlashCommandData slash(String description) {
    return Commands.slash(name, description).setContexts(InteractionContextType.GUILD);
  }

  /**
   * The required {@code account} option.
   *
   * @return the configured account name ({@code String}), or the {@link Prepared} rejection/denial to show
   */
  protected static Object requiredAccount(CommandOptions options, Invoker invoker, RolePolicy policy) {
    return Accounts.resolve(options, invoker, policy);
  }

  /**
   * The optional {@code account} option of a read: the one account given (when the member may use it), else every
   * account the member may use.
   *
   * @return the accounts ({@code List<String>}, never empty), or the {@link Prepared.Denied} to show
   */
  protected static Object accountsInScope(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Optional<String> typed = options.string(OrderOptions.ACCOUNT);
    if (typed.isPresent()) {
      return policy.resolveAccount(typed.get(), invoker.roleIds()).<Object>map(List::of)
          .orElseGet(() -> new Prepared.Denied(Accounts.readDenial(typed.get(), invoker, policy)));
    }
    List<String> mine = policy.accountsFor(invoker.roleIds());
    return mine.isEmpty() ? new Prepared.Denied("None of your roles may use any account.") : mine;
  }
}
