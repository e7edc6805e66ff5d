package org.crosstradediscord.bot.risk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code limits} section: the default entry and the entries by role id. A member whose roles match no
 * {@code by_role} entry gets the default; a member matching one or more gets the most permissive of those entries
 * ({@link Limit#mostPermissive}), not the default (each entry's absent fields already took the default's).
 *
 * @param defaults {@code limits.default} (or the built-in {@link #SAFE} when {@code limits} is absent)
 * @param byRole {@code limits.by_role}, role id to entry
 */
public record Limits(Limit defaults, Map<Long, Limit> byRole) {
  /** {@code max_quantity} when the config sets none: 10 contracts per order. */
  public static final long SAFE_MAX_QUANTITY = 10;
  /** The limits when the config has no {@code limits} section: {@code max_quantity: 10}, nothing else limited. */
  public static final Limits SAFE = new Limits(
      new Limit(SAFE_MAX_QUANTITY, Set.of(), Set.of(), OptionalLong.empty()), Map.of());

  /** Copies the map, keeping its order. */
  public Limits {
    byRole = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRole));
  }

  /**
   * @param roleIds the member's roles
   * @return the entry that applies to them
   */
  public Limit forRoles(Set<Long> roleIds) {
    Limit merged = null;
    for (Map.Entry<Long, Limit> e : byRole.entrySet()) {
      if (roleIds.contains(e.getKey())) {
        merged = merged == null ? e.getValue() : merged.mostPermissive(e.getValue());
      }
    }
    return merged == null ? defaults : merged;
  }

  /** @return one line for the start-up summary */
  public String summary() {
    StringBuilder b = new StringBuilder("default=").append(defaults.summary());
    byRole.forEach((role, l) -> b.append(' ').append(role).append('=').append(l.summary()));
    return b.toString();
  }
}
