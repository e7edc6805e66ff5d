package org.crosstradediscord.bot.discord;

import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import org.crosstradediscord.bot.access.Invoker;

/** The member of an interaction as the access rules see it. */
final class Members {
  private Members() {}

  /**
   * @param member the interaction's member (its roles come with the interaction: no privileged intent needed)
   * @return the member's user id, name and role ids
   */
  static Invoker invoker(Member member) {
    Set<Long> roles = member.getRoles().stream().map(Role::getIdLong).collect(Collectors.toSet());
    return new Invoker(member.getIdLong(), member.getUser().getName(), roles);
  }
}
