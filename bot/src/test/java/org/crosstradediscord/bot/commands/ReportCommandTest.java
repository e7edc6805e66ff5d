package org.crosstradediscord.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crosstradediscord.bot.commands.Fixtures.options;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.report.ReportSchedule;
import org.crosstradediscord.bot.report.SessionReader;
import org.junit.jupiter.api.Test;

/** {@code /report}: the date and the account are checked before anything is read; the board's accounts only. */
class ReportCommandTest {
  static final long VIEWER = 20, NARROW = 40;
  static final RolePolicy POLICY = new RolePolicy(Map.of(Permission.VIEW, List.of(VIEWER)),
      List.of("Sim101", "Sim102", "Live-A"), Map.of(NARROW, List.of("Sim102")));
  static final Invoker VIEWER_MEMBER = new Invoker(2, "vera", Set.of(VIEWER));
  static final Invoker NARROW_MEMBER = new Invoker(3, "nora", Set.of(VIEWER, NARROW));
  /** Wednesday 2 December 2026, 10:00 New York: the session of 2 December, in progress. */
  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");
  static final ReportCommand REPORT = new ReportCommand(new SessionReader(null, new ReportSchedule(LocalTime.of(17, 0),
      ZoneId.of("America/New_York"), null)), List.of("Sim101", "Sim102"), Clock.fixed(NOW, ZoneOffset.UTC));

  private static ReportCommand.Action action(Prepared p) {
    return (ReportCommand.Action) ((Prepared.Read) p).action();
  }

  @Test
  void withoutOptions_theCurrentSessionUpToNow_ofEveryBoardAccountTheMemberMayUse() {
    ReportCommand.Action a = action(REPORT.prepare(options(), VIEWER_MEMBER, POLICY));
    assertThat(a.accounts()).containsExactly("Sim101", "Sim102");
    assertThat(a.session().day()).isEqualTo(LocalDate.of(2026, 12, 2));
    assertThat(a.until()).isEqualTo(NOW);
    assertThat(a.auditArgs()).containsEntry("account", "Sim101,Sim102").containsEntry("date", "2026-12-02");
    assertThat(action(REPORT.prepare(options(), NARROW_MEMBER, POLICY)).accounts()).containsExactly("Sim102");
    assertThat(REPORT.permission()).isEqualTo(Permission.VIEW);
  }

  @Test
  void aPastDay_isItsWholeSession_andTheAccountIsMatchedInAnyCase() {
    ReportCommand.Action a = action(REPORT.prepare(options("account", "sim102", "date", "2026-11-30"), VIEWER_MEMBER,
        POLICY));
    assertThat(a.accounts()).containsExactly("Sim102");
    assertThat(a.session().start()).isEqualTo(Instant.parse("2026-11-29T22:00:00Z"));
    assertThat(a.until()).isEqualTo(a.session().end());
  }

  @Test
  void badInput_isRefusedWithAClearWord_beforeAnyRead() {
    for (String bad : new String[] {"2026-13-01", "yesterday", "2026-2-1", "2026-02-30", "**x**"}) {
      Prepared p = REPORT.prepare(options("date", bad), VIEWER_MEMBER, POLICY);
      assertThat(p).as(bad).isInstanceOf(Prepared.Invalid.class);
      assertThat(((Prepared.Invalid) p).problems().get(0)).contains("`date` must be a trading day as YYYY-MM-DD");
    }
    assertThat(((Prepared.Invalid) REPORT.prepare(options("date", "2026-12-03"), VIEWER_MEMBER, POLICY)).problems()
        .get(0)).contains("has not begun");
    assertThat(((Prepared.Invalid) REPORT.prepare(options("account", "Live-A"), VIEWER_MEMBER, POLICY)).problems()
        .get(0)).contains("`account` Live-A has no session reports").contains("Sim101, Sim102");
    assertThat(REPORT.prepare(options("account", "Sim101"), NARROW_MEMBER, POLICY)).isInstanceOf(
        Prepared.Denied.class);
    assertThat(REPORT.prepare(options("account", "Nope"), VIEWER_MEMBER, POLICY)).isInstanceOf(Prepared.Denied.class);
  }

  @Test
  void theDefinition_hasTheTwoOptionalOptions() {
    var d = REPORT.definition();
    assertThat(d.getName()).isEqualTo("report");
    assertThat(d.getOptions()).extracting(o -> o.getName()).containsExactly("account", "date");
    assertThat(d.getOptions()).noneMatch(o -> o.isRequired());
  }
}
