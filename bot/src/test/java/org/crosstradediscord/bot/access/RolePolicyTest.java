package org.crosstradediscord.bot.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolePolicyTest {
  static final long TRADER = 10, JUNIOR = 20, RISK = 30, OTHER = 99;

  static RolePolicy policy() {
    return new RolePolicy(
        Map.of(Permission.FLATPLACE, List.of(TRADER), Permission.CLOSE, List.of(TRADER, JUNIOR),
            Permission.FLATTEN, List.of(TRADER, RISK), Permission.FLATTEN_EVERYTHING, List.of(RISK)),
        List.of("Sim101", "Sim102", "Live-A"),
        Map.of(JUNIOR, List.of("sim102")));
  }

  @Test
  void permissionGrantedToNoRole_isDeniedToEveryone() {
    assertThat(policy().allows(Permission.REVERSE, Set.of(TRADER, JUNIOR, RISK, OTHER))).isFalse();
  }

  @Test
  void memberWithoutRoles_isDeniedEverything() {
    for (Permission p : Permission.values()) {
      assertThat(policy().allows(p, Set.of())).isFalse();
    }
  }

  @Test
  void grantedRole_isAllowed_otherRolesAreNot() {
    assertThat(policy().allows(Permission.FLATPLACE, Set.of(OTHER, TRADER))).isTrue();
    assertThat(policy().allows(Permission.FLATPLACE, Set.of(JUNIOR))).isFalse();
  }

  @Test
  void flattenEverything_isSeparateFromFlatten() {
    assertThat(policy().allows(Permission.FLATTEN, Set.of(TRADER))).isTrue();
    assertThat(policy().allows(Permission.FLATTEN_EVERYTHING, Set.of(TRADER))).isFalse();
    assertThat(policy().allows(Permission.FLATTEN_EVERYTHING, Set.of(RISK))).isTrue();
  }

  @Test
  void perRoleAccounts_narrowTheGlobalList_inConfiguredSpelling() {
    assertThat(policy().accountsFor(Set.of(TRADER))).containsExactly("Sim101", "Sim102", "Live-A");
    assertThat(policy().accountsFor(Set.of(JUNIOR))).containsExactly("Sim102");
    assertThat(policy().accountsFor(Set.of(JUNIOR, TRADER))).containsExactly("Sim102");
  }

  @Test
  void resolveAccount_isCaseInsensitive_andRefusesAccountsNotAllowed() {
    assertThat(policy().resolveAccount(" sim101 ", Set.of(TRADER))).contains("Sim101");
    assertThat(policy().resolveAccount("Sim101", Set.of(JUNIOR))).isEmpty();
    assertThat(policy().resolveAccount("Sim999", Set.of(TRADER))).isEmpty();
  }
}
