package org.crosstradediscord.bot.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what, from the config's {@code roles:} and {@code accounts:} sections. <b>Deny by default</b>: a
 * permission no role is granted is usable by nobody, and a member with no allowed account can trade none.
 *
 * <p>Accounts: a member may use an account of the global allowlist; when any of the member's roles has its own
 * list under {@code accounts.by_role}, the member is limited to the union of those lists (still within the
 * global allowlist). Account names match case-insensitively (the upstream treats them so) and resolve to the
 * configured spelling.
 *
 * <p>Discord's own command permissions can be widened by server admins, so this policy is checked by the bot
 * on every command and again on every Confirm click.
 */
public final class RolePolicy {
  private final Map<Permission, Set<Long>> grants;
  private final List<String> allowedAccounts;
  private final Map<Long, List<String>> accountsByRole;

  /**
   * @param grants role ids granted each permission; missing permissions are granted to nobody
   * @param allowedAccounts global account allowlist, configured spelling
   * @param accountsByRole optional narrower account lists per role id (each within the global list)
   */
  public RolePolicy(Map<Permission, ? extends Collection<Long>> grants, List<String> allowedAccounts,
      Map<Long, ? extends Collection<String>> accountsByRole) {
    Map<Permission, Set<Long>> g = new EnumMap<>(Permission.class);
    grants.forEach((p, roles) -> g.put(p, Set.copyOf(roles)));
    this.grants = java.util.Collections.unmodifiableMap(g);
    this.allowedAccounts = List.copyOf(allowedAccounts);
    Map<Long, List<String>> byRole = new LinkedHashMap<>();
    accountsByRole.forEach((role, accounts) -> byRole.put(role, List.copyOf(accounts)));
    this.accountsByRole = Map.copyOf(byRole);
  }

  /**
   * @param permission what the member wants to do
   * @param roleIds the member's role ids from the interaction
   * @return true only when one of the roles is granted the permission
   */
  public boolean allows(Permission permission, Set<Long> roleIds) {
    Set<Long> granted = grants.getOrDefault(permission, Set.of());
    return roleIds.stream().anyMatch(granted::contains);
  }

  /**
   * @param roleIds the member's role ids
   * @return the accounts the member may use, in configured order and spelling (possibly empty)
   */
  public List<String> accountsFor(Set<Long> roleIds) {
    Set<String> limited = new LinkedHashSet<>();
    boolean anyRoleList = false;
    for (Long role : roleIds) {
      List<String> list = accountsByRole.get(role);
      if (list != null) {
        anyRoleList = true;
        list.forEach(a -> limited.add(a.toLowerCase(Locale.ROOT)));
      }
    }
    if (!anyRoleList) {
      return allowedAccounts;
    }
    List<String> out = new ArrayList<>();
    for (String account : allowedAccounts) {
      if (limited.contains(account.toLowerCase(Locale.ROOT))) {
        out.add(account);
      }
    }
    return out;
  }

  /**
   * @param typed an account name as the member typed it
   * @param roleIds the member's role ids
   * @return the configured spelling when the member may use that account, else empty
   */
  public Optional<String> resolveAccount(String typed, Set<Long> roleIds) {
    if (typed == null) {
      return Optional.empty();
    }
    String wanted = typed.strip();
    return accountsFor(roleIds).stream().filter(a -> a.equalsIgnoreCase(wanted)).findFirst();
  }

  /** @return the role ids granted each permission (for the start-up summary) */
  public Map<Permission, Set<Long>> grants() {
    return grants;
  }

  /** @return the global account allowlist */
  public List<String> allowedAccounts() {
    return allowedAccounts;
  }
}
