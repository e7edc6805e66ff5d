package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; run against a real SQLite file and a real PostgreSQL. */
abstract class StoreContract {
  /** @return a fresh, empty store (migrated) */
  abstract Store store();

  /** @return a second store on the same database (another replica, or the bot after a restart) */
  abstract Store reopen();

  /** @return the JDBC URL of the (empty) database {@link #store()} opens */
  abstract String url();

  /** @return the database user for {@link #url()}, or null */
  abstract String user();

  private static AuditEvent event(String kind, long user, String command, String outcome) {
    return new AuditEvent(kind, user, "user" + user, command, Map.of("account", "Sim101", "note", "**x** <@1>"), outcome,
        List.of("o-1", "o-2"), 12);
  }

  @Test
  void appendedEventsComeBackNewestFirstWithEveryField() {
    Store s = store();
    Instant t0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    s.append(new StoredEvent(t0, event("command", 1, "flatplace", "received")));
    s.append(new StoredEvent(t0.plusSeconds(1), event("result", 1, "flatplace", "ok")));
    s.append(new StoredEvent(t0.plusSeconds(2), event("command", 2, "close", "received")));

    List<StoredEvent> all = s.recent(OptionalLong.empty(), 10);
    assertThat(all).extracting(e -> e.event().command()).containsExactly("close", "flatplace", "flatplace");
    StoredEvent oldest = all.get(2);
    assertThat(oldest.at()).isEqualTo(t0);
    assertThat(oldest.event()).isEqualTo(event("command", 1, "flatplace", "received"));

    assertThat(s.recent(OptionalLong.of(1), 10)).extracting(e -> e.event().outcome()).containsExactly("ok", "received");
    assertThat(s.recent(OptionalLong.empty(), 2)).hasSize(2);
    assertThat(s.recent(OptionalLong.of(99), 10)).isEmpty();
  }

  @Test
  void eventsInTheSameMicrosecondKeepTheirOrder() {
    Store s = store();
    Instant t = Instant.parse("2026-01-02T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      s.append(new StoredEvent(t, event("step" + i, 1, "flatten", "ok")));
    }
    assertThat(s.recent(OptionalLong.empty(), 5)).extracting(e -> e.event().kind())
        .containsExactly("step4", "step3", "step2", "step1", "step0");
  }

  @Test
  void exportStreamsAHalfOpenRangeOldestFirst() {
    Store s = store();
    Instant day = Instant.parse("2026-03-01T00:00:00Z");
    s.append(new StoredEvent(day.minusMillis(1), event("before", 1, "x", "ok")));
    s.append(new StoredEvent(day, event("first", 1, "x", "ok")));
    s.append(new StoredEvent(day.plus(1, ChronoUnit.DAYS).minusMillis(1), event("last", 1, "x", "ok")));
    s.append(new StoredEvent(day.plus(1, ChronoUnit.DAYS), event("after", 1, "x", "ok")));
    List<String> kinds = new ArrayList<>();
    s.export(day, day.plus(1, ChronoUnit.DAYS), e -> kinds.add(e.event().kind()));
    assertThat(kinds).containsExactly("first", "last");
  }

  @Test
  void haltIsOffUntilSetAndIsSeenByAnotherStoreOnTheSameDatabase() {
    Store s = store();
    assertThat(s.halt()).isEqualTo(HaltState.NEVER);
    Instant since = Instant.parse("2026-01-02T03:04:05.123456Z");
    s.setHalt(new HaltState(true, "fat finger on ES", 42, "rita", since));

    Store other = reopen();
    assertThat(other.halt()).isEqualTo(new HaltState(true, "fat finger on ES", 42, "rita", since));
    other.setHalt(new HaltState(false, "", 7, "bob", since.plusSeconds(60)));
    assertThat(s.halt().halted()).isFalse();
    assertThat(s.halt().byUserName()).isEqualTo("bob");
  }

  @Test
  void reopeningKeepsTheTrailAndMigratesNothingTwice() {
    Store s = store();
    s.append(new StoredEvent(Instant.now(), event("command", 5, "halt", "received")));
    Store again = reopen();
    assertThat(again.recent(OptionalLong.of(5), 10)).hasSize(1);
  }

  private static PendingRow row(String id, long user, Instant created) {
    return new PendingRow(id, "flatplace", user, "user" + user, java.util.Set.of(10L, 11L), "{\"quantity\":2}", "live",
        created, created.plusSeconds(60), PendingState.PENDING, null, null, null);
  }

  @Test
  void theBoardMessageIsRemembered_andADailyLossIsTrippedOncePerAccountAndSession() {
    Store s = store();
    Store replica = reopen();
    assertThat(s.controls().boardMessage(5)).isEmpty();
    s.controls().setBoardMessage(5, 100);
    replica.controls().setBoardMessage(5, 101);
    assertThat(s.controls().boardMessage(5)).hasValue(101);
    Instant at = Instant.parse("2026-12-02T15:00:00Z");
    assertThat(s.controls().tripDailyLoss("live", "Sim101", "2026-12-02", at)).isTrue();
    assertThat(replica.controls().tripDailyLoss("live", "Sim101", "2026-12-02", at)).as("once across replicas").isFalse();
    assertThat(replica.controls().tripDailyLoss("live", "Sim101", "2026-12-03", at)).as("the next session").isTrue();
    assertThat(replica.controls().tripDailyLoss("live", "Sim102", "2026-12-02", at)).isTrue();
    replica.controls().untripDailyLoss("live", "Sim102", "2026-12-02");
    assertThat(s.controls().tripDailyLoss("live", "Sim102", "2026-12-02", at)).as("forgotten: may trip again").isTrue();
  }

  @Test
  void aDailyLossTrip_isKeptPerMode_andTheAccountInAnyCase() {
    Store s = store();
    Store replica = reopen();
    Instant at = Instant.parse("2026-12-02T15:00:00Z");
    assertThat(s.controls().tripDailyLoss("paper", "Sim101", "2026-12-02", at)).isTrue();
    assertThat(replica.controls().tripDailyLoss("live", "Sim101", "2026-12-02", at)).as("a paper trip leaves the live one")
        .isTrue();
    assertThat(replica.controls().tripDailyLoss("live", "SIM101", "2026-12-02", at)).as("another spelling, one account").isFalse();
    assertThat(s.controls().tripDailyLoss("paper", "sim101", "2026-12-02", at)).isFalse();
    replica.controls().untripDailyLoss("live", "sIM101", "2026-12-02");
    assertThat(s.controls().tripDailyLoss("paper", "Sim101", "2026-12-02", at)).as("only the live trip was forgotten").isFalse();
    assertThat(s.controls().tripDailyLoss("live", "Sim101", "2026-12-02", at)).isTrue();
  }

  @Test
  void tripsRecordedBeforeV5_holdForBothModes_underTheLowercasedAccount() throws Exception {
    Flyway.configure().dataSource(url(), user(), "not-used").locations("classpath:db/migration").target("4").load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url(), user(), "not-used"); Statement st = c.createStatement()) {
      String insert = "INSERT INTO daily_loss_trip (account, session_day, at_micros) VALUES ";
      st.executeUpdate(insert + "('Sim101', '2026-12-02', 1)");
      st.executeUpdate(insert + "('SIM101', '2026-12-02', 2)");
    }
    Store s = store();
    Instant at = Instant.parse("2026-12-02T15:00:00Z");
    assertThat(s.controls().tripDailyLoss("live", "Sim101", "2026-12-02", at)).isFalse();
    assertThat(s.controls().tripDailyLoss("paper", "sim101", "2026-12-02", at)).isFalse();
    assertThat(s.controls().tripDailyLoss("live", "Sim101", "2026-12-03", at)).isTrue();
  }

  @Test
  void theBoardIsDrawnByOneReplica_untilItsLeasePassesOrItReleasesIt() {
    Store a = store();
    Store b = reopen();
    Instant t = Instant.parse("2026-12-02T15:00:00Z");
    assertThat(a.controls().leadBoard(7, "one", t, t.plusSeconds(15))).isTrue();
    assertThat(b.controls().leadBoard(7, "two", t.plusSeconds(1), t.plusSeconds(16))).as("held by one").isFalse();
    assertThat(a.controls().leadBoard(7, "one", t.plusSeconds(2), t.plusSeconds(17))).as("renewed").isTrue();
    assertThat(b.controls().leadBoard(7, "two", t.plusSeconds(16), t.plusSeconds(31))).as("renewed until 17").isFalse();
    assertThat(b.controls().leadBoard(7, "two", t.plusSeconds(18), t.plusSeconds(33))).as("lease passed").isTrue();
    assertThat(a.controls().leadBoard(7, "one", t.plusSeconds(19), t.plusSeconds(34))).isFalse();
    b.controls().releaseBoard(7, "one"); // not the holder: nothing
    assertThat(a.controls().leadBoard(7, "one", t.plusSeconds(20), t.plusSeconds(35))).isFalse();
    b.controls().releaseBoard(7, "two");
    assertThat(a.controls().leadBoard(7, "one", t.plusSeconds(21), t.plusSeconds(36))).as("released").isTrue();
    assertThat(a.controls().leadBoard(8, "two", t, t.plusSeconds(15))).as("another channel").isTrue();
  }

  @Test
  void aPendingConfirmationIsClaimedOnceAcrossStores_onlyByItsInvoker_andOnlyBeforeItExpires() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-12-02T15:00:00.000001Z");
    s.addPending(row("p1", 7, t0));
    s.addPending(row("p2", 7, t0));
    PendingRow read = replica.pending("p1");
    assertThat(read.roleIds()).containsExactlyInAnyOrder(10L, 11L);
    assertThat(read.options()).isEqualTo("{\"quantity\":2}");
    assertThat(read.expiresAt()).isEqualTo(t0.plusSeconds(60));
    assertThat(read.state()).isEqualTo(PendingState.PENDING);
    assertThat(replica.pending("nope")).isNull();

    Instant click = t0.plusSeconds(5);
    assertThat(s.claimPending("p1", 8, "ix", "tok", click, click.plusSeconds(30))).as("not the invoker").isFalse();
    assertThat(s.claimPending("p1", 7, "ix", "tok", click, click.plusSeconds(30))).isTrue();
    assertThat(replica.claimPending("p1", 7, "ix2", "tok2", click, click.plusSeconds(30))).as("claimed once").isFalse();
    assertThat(replica.pending("p1")).extracting(PendingRow::state, PendingRow::claimInteraction, PendingRow::claimToken,
        PendingRow::leaseUntil).containsExactly(PendingState.CONFIRMED, "ix", "tok", click.plusSeconds(30));
    assertThat(replica.claimPending("p2", 7, "ix3", "tok3", t0.plusSeconds(60), t0.plusSeconds(90))).as("expired").isFalse();

    assertThat(replica.staleClaims(click.plusSeconds(29), Instant.EPOCH)).isEmpty();
    assertThat(replica.staleClaims(click.plusSeconds(31), Instant.EPOCH)).extracting(PendingRow::id).containsExactly("p1");
    assertThat(replica.staleClaims(click, click.plusSeconds(1))).extracting(PendingRow::id).containsExactly("p1");
    assertThat(s.movePending("p1", PendingState.CONFIRMED, PendingState.DONE, click.plusSeconds(2))).isTrue();
    assertThat(replica.movePending("p1", PendingState.CONFIRMED, PendingState.UNKNOWN, click.plusSeconds(2))).isFalse();
    assertThat(replica.pending("p1").claimToken()).isNull();
    assertThat(replica.staleClaims(click.plusSeconds(31), click.plusSeconds(1))).isEmpty();

    assertThat(s.prunePending(click)).as("nothing ended before the click").isZero();
    assertThat(s.prunePending(t0.plus(1, ChronoUnit.DAYS))).isEqualTo(2);
    assertThat(replica.pending("p1")).isNull();
  }
  @Test
  void aRequestForASecondApproval_isMadeOnceByTheInvoker_approvedOnceByAnotherMember_neverByTheAsker() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-12-07T15:00:00Z");
    s.addPending(row("p1", 7, t0));
    Instant confirm = t0.plusSeconds(5);
    Instant until = confirm.plusSeconds(120);
    assertThat(s.approvals().request("p1", 8, "ix", "tok-8", confirm, until)).as("not the invoker").isFalse();
    assertThat(s.approvals().request("p1", 7, "ix", "tok-7", confirm, until)).isTrue();
    assertThat(replica.approvals().request("p1", 7, "ix2", "tok-7", confirm, until)).as("once").isFalse();
    assertThat(replica.claimPending("p1", 7, "ix3", "tok", confirm, confirm.plusSeconds(30)))
        .as("a waiting request is not claimed by the invoker's Confirm").isFalse();
    replica.approvals().posted("p1", 11L, 22L);
    assertThat(replica.approvals().requestToken("p1")).as("any replica can edit the invoker's card").isEqualTo("tok-7");
    ApprovalRow read = s.approvals().get("p1");
    assertThat(read.pending().state()).isEqualTo(PendingState.AWAITING);
    assertThat(read.pending().expiresAt()).isEqualTo(until);
    assertThat(read).extracting(ApprovalRow::channelId, ApprovalRow::messageId, ApprovalRow::approvedBy)
        .containsExactly(11L, 22L, null);

    Instant click = confirm.plusSeconds(10);
    assertThat(s.approvals().approve("p1", 7, "ix4", "tok4", click, click.plusSeconds(30)))
        .as("never by the member who asked").isFalse();
    assertThat(s.approvals().approve("p1", 9, "ix5", "tok5", until, until.plusSeconds(30))).as("expired").isFalse();
    assertThat(s.approvals().expired(until.minusMillis(1))).isEmpty();
    assertThat(s.approvals().expired(until)).extracting(r -> r.pending().id()).containsExactly("p1");
    assertThat(s.approvals().approve("p1", 9, "ix5", "tok5", click, click.plusSeconds(30))).isTrue();
    assertThat(replica.approvals().approve("p1", 10, "ix6", "tok6", click, click.plusSeconds(30))).as("once").isFalse();
    assertThat(replica.approvals().end("p1", PendingState.CANCELLED, click)).as("already approved").isFalse();
    ApprovalRow approved = replica.approvals().get("p1");
    assertThat(approved.approvedBy()).isEqualTo(9L);
    assertThat(approved.pending()).extracting(PendingRow::state, PendingRow::claimInteraction, PendingRow::claimToken)
        .containsExactly(PendingState.CONFIRMED, "ix5", "tok5");
    assertThat(s.approvals().expired(until.plusSeconds(1))).as("not waiting any more").isEmpty();
    assertThat(replica.staleClaims(click.plusSeconds(31), Instant.EPOCH)).extracting(PendingRow::id)
        .as("an approved claim is recovered like a confirmed one").containsExactly("p1");
  }

  @Test
  void aRowThatNeedsASecondPerson_isNeverClaimedByItsInvoker_onlyRequested() {
    Store s = store();
    Instant t0 = Instant.parse("2026-12-07T15:00:00Z");
    PendingRow plain = row("p1", 7, t0);
    s.addPending(new PendingRow("p1", plain.command(), 7, plain.userName(), plain.roleIds(), plain.options(),
        plain.mode(), t0, t0.plusSeconds(60), PendingState.PENDING, null, null, null, "an order of 10 contracts"));
    assertThat(reopen().pending("p1").secondPerson()).isEqualTo("an order of 10 contracts");
    assertThat(s.claimPending("p1", 7, "ix", "tok", t0.plusSeconds(1), t0.plusSeconds(31)))
        .as("an old or misconfigured replica's Confirm cannot claim it").isFalse();
    assertThat(s.approvals().request("p1", 7, "ix", "tok-7", t0.plusSeconds(1), t0.plusSeconds(121))).isTrue();
  }

  @Test
  void aDailyLossTrip_staysUnresumedUntilASecondPersonApprovesTheResume() {
    Store s = store();
    Instant t0 = Instant.parse("2026-12-07T15:00:00Z");
    assertThat(s.controls().dailyLossUnresumed("live", "2026-12-07")).isFalse();
    assertThat(s.controls().tripDailyLoss("live", "Sim101", "2026-12-07", t0)).isTrue();
    assertThat(reopen().controls().dailyLossUnresumed("live", "2026-12-07")).isTrue();
    assertThat(s.controls().dailyLossUnresumed("paper", "2026-12-07")).isFalse();
    assertThat(s.controls().dailyLossUnresumed("live", "2026-12-08")).isFalse();
    s.controls().dailyLossResumed("live", "2026-12-07", t0.plusSeconds(60));
    assertThat(reopen().controls().dailyLossUnresumed("live", "2026-12-07")).isFalse();
    assertThat(s.controls().tripDailyLoss("live", "Sim101", "2026-12-07", t0)).as("still tripped once").isFalse();
  }

  @Test
  void aTrailingDrawdownTrip_isRecordedOncePerModeAccountAndSession() {
    Store s = store();
    Instant t0 = Instant.parse("2026-12-07T15:00:00Z");
    assertThat(s.controls().tripTrailingDrawdown("live", "Sim101", "2026-12-07", t0)).isTrue();
    assertThat(reopen().controls().tripTrailingDrawdown("live", "SIM101", "2026-12-07", t0)).isFalse();
    assertThat(s.controls().tripTrailingDrawdown("paper", "Sim101", "2026-12-07", t0)).isTrue();
    s.controls().untripTrailingDrawdown("live", "sim101", "2026-12-07");
    assertThat(s.controls().tripTrailingDrawdown("live", "Sim101", "2026-12-07", t0)).isTrue();
  }

  @Test
  void aWaitingRequest_endsOnce_andIsNotPrunedWhileItWaits() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-12-07T15:00:00Z");
    s.approvals().addRequest(new PendingRow("r1", "resume", 7, "user7", java.util.Set.of(), "{}", "live", t0,
        t0.plusSeconds(120), PendingState.AWAITING, null, null, null));
    s.addPending(row("p2", 7, t0));
    assertThat(s.approvals().request("p2", 7, "ix", "tok-7", t0, t0.plusSeconds(120))).isTrue();
    assertThat(s.prunePending(t0.plus(2, ChronoUnit.DAYS))).as("waiting rows are never pruned").isZero();
    assertThat(s.approvals().end("r1", PendingState.EXPIRED, t0.plusSeconds(121))).isTrue();
    assertThat(replica.approvals().end("r1", PendingState.CANCELLED, t0.plusSeconds(121))).isFalse();
    assertThat(replica.approvals().end("p2", PendingState.CANCELLED, t0.plusSeconds(3))).isTrue();
    assertThat(replica.approvals().get("r1").pending().state()).isEqualTo(PendingState.EXPIRED);
    assertThat(replica.approvals().get("p2").pending().state()).isEqualTo(PendingState.CANCELLED);
    assertThat(replica.approvals().get("nope")).isNull();
  }

  @Test
  void anAlertThatNeedsTwoApprovers_isClaimedOnlyByASecondDifferentMember() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-03-02T14:30:00Z");
    String id = s.alerts().receive("tv-mes", ID, "{}", t0, Duration.ofSeconds(30), t0.plusSeconds(60), AlertState.OPEN,
        null).alertId();
    assertThat(s.alerts().claimSecond(id, 7L, t0.plusSeconds(1), t0.plusSeconds(31))).as("no first approval").isFalse();
    assertThat(s.alerts().firstApproval(id, 7L, t0.plusSeconds(60))).as("expired").isFalse();
    assertThat(s.alerts().firstApproval(id, 7L, t0.plusSeconds(1))).isTrue();
    assertThat(replica.alerts().firstApproval(id, 8L, t0.plusSeconds(1))).as("once").isFalse();
    assertThat(replica.alerts().get(id).firstApprover()).isEqualTo(7L);
    assertThat(replica.alerts().get(id).state()).isEqualTo(AlertState.OPEN);
    assertThat(s.alerts().claimSecond(id, 7L, t0.plusSeconds(2), t0.plusSeconds(32))).as("the same member").isFalse();
    assertThat(replica.alerts().claimSecond(id, 8L, t0.plusSeconds(2), t0.plusSeconds(32))).isTrue();
    assertThat(s.alerts().claimSecond(id, 9L, t0.plusSeconds(2), t0.plusSeconds(32))).as("once").isFalse();
    assertThat(s.alerts().get(id).decidedBy()).isEqualTo(8L);
  }

  @Test
  void anUnknownOutcome_isListedForItsSession_untilAFollowUpResolvesIt_onEveryReplica() {
    Store s = store();
    Store replica = reopen();
    Instant start = Instant.parse("2026-03-02T22:00:00Z");
    Instant end = start.plus(1, ChronoUnit.DAYS);
    s.unknowns().record("u-before", "/flatplace yesterday", start.minusSeconds(1));
    s.unknowns().record("u-1", "/flatplace account=Sim101 **x**", start.plusSeconds(10));
    s.unknowns().record("u-1", "recorded again: no change", start.plusSeconds(11));
    replica.unknowns().record("u-2", "alert ABC PLACE BUY 1", start.plusSeconds(20));
    s.unknowns().record("u-3", "x".repeat(400), start.plusSeconds(30));

    assertThat(replica.unknowns().unresolved(start, end)).extracting(UnknownRow::outcomeId)
        .containsExactly("u-1", "u-2", "u-3");
    UnknownRow first = replica.unknowns().unresolved(start, end).get(0);
    assertThat(first).isEqualTo(new UnknownRow("u-1", start.plusSeconds(10), "/flatplace account=Sim101 **x**", null,
        null, null));
    assertThat(replica.unknowns().get("u-3").what()).hasSize(300);

    assertThat(s.unknowns().conclude("u-1", "COULD_NOT_CHECK", "Could not check", false, start.plusSeconds(13)))
        .isTrue();
    assertThat(replica.unknowns().conclude("u-2", "EXECUTED", "It was placed", true, start.plusSeconds(25))).isTrue();
    assertThat(s.unknowns().conclude("nobody", "EXECUTED", "x", true, start)).isFalse();
    assertThat(replica.unknowns().unresolved(start, end)).extracting(UnknownRow::outcomeId).containsExactly("u-1", "u-3");
    assertThat(replica.unknowns().unresolved(start, end).get(0).conclusion()).isEqualTo("Could not check");

    assertThat(s.unknowns().conclude("u-2", "CANNOT_TELL", "later", false, start.plusSeconds(40))).isTrue();
    UnknownRow resolved = replica.unknowns().get("u-2");
    assertThat(resolved.resolvedAt()).as("resolved once").isEqualTo(start.plusSeconds(25));
    assertThat(resolved.verdict()).isEqualTo("CANNOT_TELL");
    assertThat(replica.unknowns().unresolved(end, end.plus(1, ChronoUnit.DAYS))).as("the next session").isEmpty();
    assertThat(s.unknowns().get("nobody")).isNull();
  }

  private static final String ID = "a".repeat(64);

  @Test
  void anAlert_isRecordedOncePerDedupeWindow_acrossReplicas() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-03-02T14:30:00Z");
    Duration window = Duration.ofSeconds(30);

    AlertStore.Received first = s.alerts().receive("tv-mes", ID, "{\"qty\":\"1\"}", t0, window, t0.plusSeconds(60),
        AlertState.OPEN, null);
    AlertStore.Received again = replica.alerts().receive("tv-mes", ID, "{}", t0.plusSeconds(29), window,
        t0.plusSeconds(89), AlertState.OPEN, null);
    AlertStore.Received otherSource = replica.alerts().receive("tv-es", ID, "{}", t0.plusSeconds(1), window,
        t0.plusSeconds(61), AlertState.OPEN, null);
    AlertStore.Received later = replica.alerts().receive("tv-mes", ID, "{}", t0.plusSeconds(30), window,
        t0.plusSeconds(90), AlertState.OPEN, null);

    assertThat(first.accepted()).isTrue();
    assertThat(first.alertId()).matches("[0-9A-HJKMNP-TV-Z]{12}");
    assertThat(again).isEqualTo(new AlertStore.Received(false, first.alertId()));
    assertThat(otherSource.accepted()).isTrue();
    assertThat(later.accepted()).isTrue();
    assertThat(later.alertId()).isNotEqualTo(first.alertId());
    AlertRow row = replica.alerts().get(first.alertId());
    assertThat(row).isEqualTo(new AlertRow(first.alertId(), "tv-mes", ID, "{\"qty\":\"1\"}", t0, t0.plusSeconds(60),
        AlertState.OPEN, null, null, null, null, null, null));
  }

  @Test
  void anAlert_isClaimedOnce_beforeItExpires_andEndsOnce() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-03-02T14:30:00Z");
    String id = s.alerts().receive("tv-mes", ID, "{}", t0, Duration.ofSeconds(30), t0.plusSeconds(60), AlertState.OPEN,
        null).alertId();
    s.alerts().posted(id, 11L, 22L);

    assertThat(s.alerts().claim(id, 7L, t0.plusSeconds(60), t0.plusSeconds(90))).as("expired").isFalse();
    assertThat(s.alerts().claim(id, 7L, t0.plusSeconds(5), t0.plusSeconds(35))).isTrue();
    assertThat(replica.alerts().claim(id, 8L, t0.plusSeconds(6), t0.plusSeconds(36))).isFalse();
    assertThat(replica.alerts().end(id, AlertState.OPEN, AlertState.REJECTED, 8L, "Rejected by bob", t0.plusSeconds(6)))
        .isFalse();
    assertThat(s.alerts().end(id, AlertState.APPROVING, AlertState.SENT, null, "placed: order x", t0.plusSeconds(7)))
        .isTrue();
    assertThat(replica.alerts().end(id, AlertState.APPROVING, AlertState.UNKNOWN, null, "lost", t0.plusSeconds(8)))
        .isFalse();
    AlertRow row = replica.alerts().get(id);
    assertThat(row.state()).isEqualTo(AlertState.SENT);
    assertThat(row.decidedBy()).isEqualTo(7L);
    assertThat(row.channelId()).isEqualTo(11L);
    assertThat(row.messageId()).isEqualTo(22L);
    assertThat(row.outcome()).isEqualTo("placed: order x");
    assertThat(row.leaseUntil()).isNull();
  }

  @Test
  void dueAlerts_areTheExpiredOpenOnes_andClaimsPastTheirLease() {
    Store s = store();
    Instant t0 = Instant.parse("2026-03-02T14:30:00Z");
    String open = s.alerts().receive("tv-mes", "b".repeat(64), "{}", t0, Duration.ofSeconds(30), t0.plusSeconds(60),
        AlertState.OPEN, null).alertId();
    String claimed = s.alerts().receive("tv-mes", "c".repeat(64), "{}", t0.plusSeconds(1), Duration.ofSeconds(30),
        t0.plusSeconds(61), AlertState.OPEN, null).alertId();
    s.alerts().claim(claimed, 7L, t0.plusSeconds(2), t0.plusSeconds(20));
    String refused = s.alerts().receive("tv-mes", "d".repeat(64), "{}", t0, Duration.ofSeconds(30), t0.plusSeconds(1),
        AlertState.REFUSED, "trading is halted").alertId();

    assertThat(s.alerts().due(t0.plusSeconds(10))).isEmpty();
    assertThat(s.alerts().due(t0.plusSeconds(21))).extracting(AlertRow::alertId).containsExactly(claimed);
    assertThat(s.alerts().due(t0.plusSeconds(60))).extracting(AlertRow::alertId).containsExactly(open, claimed);
    assertThat(s.alerts().get(refused).outcome()).isEqualTo("trading is halted");

    assertThat(s.alerts().prune(t0.plusSeconds(30))).as("only ended rows").isEqualTo(1);
    assertThat(s.alerts().get(refused)).isNull();
    assertThat(s.alerts().get(open)).isNotNull();
    assertThat(s.alerts().receive("tv-mes", "d".repeat(64), "{}", t0.plusSeconds(2), Duration.ofSeconds(30),
        t0.plusSeconds(62), AlertState.OPEN, null).accepted()).as("its dedupe row went too").isTrue();
  }

  @Test
  void theSameAlert_atTheSameMoment_onTwoReplicas_isAcceptedOnce() throws Exception {
    Store a = store();
    Store b = reopen();
    Instant t0 = Instant.parse("2026-03-02T14:30:00Z");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<AlertStore.Received>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Store s = i % 2 == 0 ? a : b;
        all.add(pool.submit(() -> {
          go.await();
          return s.alerts().receive("tv-mes", "e".repeat(64), "{}", t0, Duration.ofSeconds(30), t0.plusSeconds(60),
              AlertState.OPEN, null);
        }));
      }
      go.countDown();
      List<AlertStore.Received> got = new java.util.ArrayList<>();
      for (var f : all) {
        got.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(got).filteredOn(AlertStore.Received::accepted).hasSize(1);
      assertThat(got).extracting(AlertStore.Received::alertId).containsOnly(got.get(0).alertId());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pnlSamples_comeBackPerAccountInTheirHalfOpenRange_oldestFirst_withUnknownsKept_andArePruned() {
    Store s = store();
    Store replica = reopen();
    Instant t0 = Instant.parse("2026-12-02T15:00:00.123456Z");
    s.reports().addSamples(List.of(new PnlSample("Sim101", t0, 10.5, -2.25),
        new PnlSample("Sim101", t0.plusSeconds(10), null, 4.0), new PnlSample("Sim102", t0.plusSeconds(10), 1.0, 1.0)));
    replica.reports().addSamples(List.of(new PnlSample("Sim101", t0.plusSeconds(20), -7.0, 0.0),
        new PnlSample("Sim101", t0, 99.0, 99.0))); // the same instant again: kept once, the first
    s.reports().addSamples(List.of());
    assertThat(replica.reports().samples("Sim101", t0, t0.plusSeconds(20))).containsExactly(
        new PnlSample("Sim101", t0, 10.5, -2.25), new PnlSample("Sim101", t0.plusSeconds(10), null, 4.0));
    assertThat(s.reports().samples("Sim101", t0.plusMillis(1), t0.plusSeconds(30))).extracting(PnlSample::realized)
        .containsExactly(null, -7.0);
    assertThat(s.reports().samples("Sim102", t0, t0.plusSeconds(30))).hasSize(1);
    assertThat(s.reports().samples("Sim103", t0, t0.plusSeconds(30))).isEmpty();
    assertThat(s.reports().prune(t0.plusSeconds(15))).isEqualTo(3);
    assertThat(s.reports().samples("Sim101", t0, t0.plusSeconds(30))).extracting(PnlSample::at)
        .containsExactly(t0.plusSeconds(20));
  }

  @Test
  void aSessionReport_isClaimedOncePerAccountAndSession_acrossReplicas_inAnyCase() {
    Store s = store();
    Store replica = reopen();
    Instant at = Instant.parse("2026-12-02T22:00:00Z");
    assertThat(s.reports().claimReport("Sim101", "2026-12-02", at)).isTrue();
    assertThat(replica.reports().claimReport("SIM101", "2026-12-02", at)).as("once across replicas").isFalse();
    assertThat(replica.reports().claimReport("Sim101", "2026-12-03", at)).as("the next session").isTrue();
    assertThat(replica.reports().claimReport("Sim102", "2026-12-02", at)).isTrue();
    assertThat(s.reports().prune(at.plusSeconds(1))).as("claims are pruned with the samples").isEqualTo(3);
    assertThat(s.reports().claimReport("Sim101", "2026-12-02", at)).isTrue();
  }
}
