package org.crosstradediscord.bot.commands;

import java.util.List;
import java.util.Optional;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.text.DiscordText;

/** Resolves the {@code account} option against the member's allowed accounts. */
final class Accounts {
  private Accounts() {}

  /** @return the configured account name, or a {@link Prepared} rejection/denial */
  static Object resolve(CommandOptions o, Invoker invoker, RolePolicy policy) {
    Optional<String> typed = o.string(OrderOptions.ACCOUNT);
    if (typed.isEmpty()) {
      return new Prepared.Invalid(List.of("`account` is required"));
    }
    return policy.resolveAccount(typed.get(), invoker.roleIds())
        .<Object>map(a -> a)
        .orElseGet(() -> new Prepared.Denied(denial(typed.get(), invoker, policy)));
  }

  static String denial(String typed, Invoker invoker, RolePolicy policy) {
    return denial(typed, invoker, policy, "trade");
  }

  /** The denial of a read ({@code /positions}, {@code /orders}): the account is not one the member may view. */
  static String readDenial(String typed, Invoker invoker, RolePolicy policy) {
    return denial(typed, invoker, policy, "view");
  }

  private static String denial(String typed, Invoker invoker, RolePolicy policy, String verb) {
    List<String> mine = policy.accountsFor(invoker.roleIds());
    return "`account` '" + DiscordText.escape(typed, 100) + "' is not an account you may " + verb + ". "
        + (mine.isEmpty() ? "You may " + verb + " no account."
            : "Yours: " + String.join(", ", mine.stream().map(a -> DiscordText.escape(a, 100)).toList()) + ".");
  }
}
