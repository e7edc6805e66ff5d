package org.crosstradediscord.bot.discord;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.commands.SlashCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autocomplete: {@code account} offers the member's accounts (no call); {@code instrument} and {@code /cancel}'s
 * {@code order_id} read positions and working orders through {@link Suggestions} (bounded, empty on failure).
 */
final class AutocompleteFlow {
  private static final Logger log = LoggerFactory.getLogger(AutocompleteFlow.class);

  private final CommandRegistry registry;
  private final RolePolicy policy;
  private final Suggestions suggestions;

  AutocompleteFlow(CommandRegistry registry, RolePolicy policy, Suggestions suggestions) {
    this.registry = registry;
    this.policy = policy;
    this.suggestions = suggestions;
  }

  /**
   * Autocomplete: {@code account} offers the member's accounts (no call); {@code instrument} offers the instruments
   * of the member's open positions and working orders (needs the command's grant and {@code view}); {@code order_id}
   * of {@code /cancel} offers that account's working orders (needs {@code cancel}). Reads are bounded by
   * {@link Suggestions#BOUND} and answer empty on failure: Discord wants the answer within 3 s.
   */
  void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
    SlashCommand command = registry.find(event.getName()).orElse(null);
    Member member = event.getMember();
    String focused = event.getFocusedOption().getName();
    if (command == null || member == null) {
      event.replyChoices(List.of()).queue();
      return;
    }
    Invoker invoker = Members.invoker(member);
    boolean allowed = policy.allows(command.permission(), invoker.roleIds());
    String typed = event.getFocusedOption().getValue();
    if ("account".equals(focused)) {
      List<String> accounts = allowed ? policy.accountsFor(invoker.roleIds()) : List.of();
      String t = typed.strip().toLowerCase(Locale.ROOT);
      event.replyChoiceStrings(accounts.stream().filter(a -> a.toLowerCase(Locale.ROOT).contains(t)).limit(25).toList())
          .queue();
      return;
    }
    OptionMapping accountOption = event.getOption("account");
    List<String> accounts;
    if (accountOption != null && !accountOption.getAsString().isBlank()) {
      accounts = policy.resolveAccount(accountOption.getAsString(), invoker.roleIds()).map(List::of).orElse(List.of());
    } else {
      accounts = policy.accountsFor(invoker.roleIds());
    }
    CompletableFuture<List<Command.Choice>> choices;
    if ("instrument".equals(focused) && allowed && policy.allows(Permission.VIEW, invoker.roleIds()) && !accounts.isEmpty()) {
      choices = suggestions.instruments(accounts, typed);
    } else if ("order_id".equals(focused) && allowed && accounts.size() == 1 && accountOption != null) {
      choices = suggestions.orders(accounts.get(0), typed);
    } else {
      choices = CompletableFuture.completedFuture(List.of());
    }
    choices.thenAccept(list -> event.replyChoices(list).queue(ok -> { },
        err -> log.debug("autocomplete answer not delivered: {}", err.toString())));
  }
}
