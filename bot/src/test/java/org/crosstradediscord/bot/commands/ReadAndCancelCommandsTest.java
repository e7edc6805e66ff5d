package org.crosstradediscord.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crosstradediscord.bot.commands.Fixtures.options;
import static org.crosstradediscord.bot.commands.Fixtures.problems;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.junit.jupiter.api.Test;

/** The read-only commands' account scope and buttons, and /cancel's validation, all before any call. */
class ReadAndCancelCommandsTest {
  static final long TRADER = 10, VIEWER = 20, NARROW = 40;
  static final RolePolicy POLICY = new RolePolicy(
      Map.of(Permission.VIEW, List.of(TRADER, VIEWER), Permission.CLOSE, List.of(TRADER), Permission.CANCEL, List.of(TRADER)),
      List.of("Sim101", "Sim102"), Map.of(NARROW, List.of("Sim102")));
  static final Invoker TRADER_MEMBER = new Invoker(1, "alice", Set.of(TRADER));
  static final Invoker VIEWER_MEMBER = new Invoker(2, "vera", Set.of(VIEWER));
  static final Invoker NARROW_MEMBER = new Invoker(3, "nora", Set.of(VIEWER, NARROW));

  @Test
  void positions_withoutAccount_readsEveryAccountOfTheMember_withCloseButtonsOnlyForCloseGrant() {
    PositionsCommand.Action a = (PositionsCommand.Action) ((Prepared.Read) new PositionsCommand()
        .prepare(options(), TRADER_MEMBER, POLICY)).action();
    assertThat(a.accounts()).containsExactly("Sim101", "Sim102");
    assertThat(a.closeButtons()).isTrue();

    PositionsCommand.Action viewer = (PositionsCommand.Action) ((Prepared.Read) new PositionsCommand()
        .prepare(options(), VIEWER_MEMBER, POLICY)).action();
    assertThat(viewer.closeButtons()).as("view without close: no Close buttons").isFalse();
  }

  @Test
  void orders_accountOption_isResolvedToTheConfiguredSpelling_andNarrowedByRole() {
    OrdersCommand.Action a = (OrdersCommand.Action) ((Prepared.Read) new OrdersCommand()
        .prepare(options("account", " SIM102 "), NARROW_MEMBER, POLICY)).action();
    assertThat(a.accounts()).containsExactly("Sim102");
    assertThat(a.cancelButtons()).isFalse();
    assertThat(((OrdersCommand.Action) ((Prepared.Read) new OrdersCommand().prepare(options(), NARROW_MEMBER, POLICY))
        .action()).accounts()).containsExactly("Sim102");
  }

  @Test
  void readOfAnAccountTheMemberMayNotUse_isDenied_andNamesTheirAccounts() {
    Prepared p = new PositionsCommand().prepare(options("account", "Sim101"), NARROW_MEMBER, POLICY);
    assertThat(p).isInstanceOf(Prepared.Denied.class);
    assertThat(((Prepared.Denied) p).reason()).contains("Sim101").contains("Yours: Sim102");
    Prepared hostile = new OrdersCommand().prepare(options("account", "@everyone [x](https://e.vil)"), TRADER_MEMBER, POLICY);
    assertThat(((Prepared.Denied) hostile).reason()).contains("@\u200Beveryone").contains("\\[x\\]").doesNotContain("https://");
  }

  @Test
  void openStates_areMatchedCaseInsensitively_andExcludeFinishedOrders() {
    assertThat(List.of("Working", "ACCEPTED", "partFilled", "CancelPending")).allMatch(OrdersCommand::isOpen);
    assertThat(List.of("Filled", "Cancelled", "Rejected", "")).noneMatch(OrdersCommand::isOpen);
    assertThat(OrdersCommand.isOpen(null)).isFalse();
  }

  @Test
  void cancel_needsAnOrderId_andAnAllowedAccount_thenReviewsIt() {
    CancelCommand cancel = new CancelCommand();
    assertThat(problems(cancel.prepare(options("account", "Sim101", "order_id", "  "), TRADER_MEMBER, POLICY)))
        .containsExactly("`order_id` is required");
    assertThat(cancel.prepare(options("account", "Live-A", "order_id", "abc"), TRADER_MEMBER, POLICY))
        .isInstanceOf(Prepared.Denied.class);

    CancelCommand.Action a = (CancelCommand.Action) ((Prepared.Ready) cancel
        .prepare(options("account", "sim101", "order_id", "ab`c"), TRADER_MEMBER, POLICY)).action();
    assertThat(a.account()).isEqualTo("Sim101");
    assertThat(a.requiredPermissions()).containsExactly(Permission.CANCEL);
    assertThat(a.tradedAccount()).contains("Sim101");
    assertThat(a.review().confirmLabel()).isEqualTo("Cancel order");
    assertThat(a.review().whatHappens()).as("the id cannot close its code span").contains("`ab\u02CBc`");
    assertThat(a.auditArgs()).containsEntry("order_id", "ab`c");
  }
}
