package org.crosstradediscord.bot.commands;

import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;

/**
 * A slash command that only reads and answers without a confirmation ({@code /positions}, {@code /orders}). Its
 * optional {@code account} option narrows the answer to one account the member may use; without it every account
 * the member may use is read. The handler defers the reply (ephemeral), runs {@link ReadAction#read} off the
 * gateway thread (each SDK call bounded by the request timeout), then edits the reply.
 */
public abstract class ReadOnlyCommand extends SlashCommandBase {
  /**
   * @param name slash command name
   * @param permission what a member's role needs to run it
   */
  protected ReadOnlyCommand(String name, Permission permission) {
    super(name, permission);
  }

  /** @return the optional, autocompleted {@code account} option */
  protected static OptionData optionalAccount(String description) {
    return new OptionData(OptionType.STRING, OrderOptions.ACCOUNT, description, false, true).setMaxLength(100);
  }

  @Override
  public final Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Object scope = accountsInScope(options, invoker, policy);
    if (scope instanceof Prepared p) {
      return p;
    }
    @SuppressWarnings("unchecked")
    List<String> accounts = (List<String>) scope;
    return new Prepared.Read(read(accounts, invoker, policy));
  }

  /**
   * @param accounts the accounts to read (configured spelling; the member may use each)
   * @param invoker the member, for the buttons offered (e.g. Close only with the {@code close} grant)
   * @param policy role policy
   * @return what to read; makes no call yet
   */
  protected abstract ReadAction read(List<String> accounts, Invoker invoker, RolePolicy policy);
}
