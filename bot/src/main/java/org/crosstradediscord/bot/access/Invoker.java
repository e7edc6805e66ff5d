package org.crosstradediscord.bot.access;

import java.util.Set;

/**
 * The guild member behind an interaction, as the interaction itself reports them (Discord sends the member
 * and its role ids with every interaction, so no privileged intent is needed).
 *
 * @param userId Discord user id (snowflake)
 * @param userName Discord user name, for audit lines
 * @param roleIds the member's role ids at the time of this interaction
 */
public record Invoker(long userId, String userName, Set<Long> roleIds) {
  /** Copies the role set. */
  public Invoker {
    roleIds = Set.copyOf(roleIds);
  }
}
