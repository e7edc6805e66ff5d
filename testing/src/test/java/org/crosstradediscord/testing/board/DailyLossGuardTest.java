package org.crosstradediscord.testing.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.board.DailyLossGuard;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.risk.DailyLoss;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.AccountItem;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlAccountInfo;
import org.crosstradediscord.client.model.PnlUpdate;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily loss guard against the simulator (the confirming REST read and the flatten) and a real SQLite store: it
 * acts only on trusted numbers, once per account and session, flattens only when configured and never in paper mode.
 */
class DailyLossGuardTest {
  static final String TOKEN = "guard-token-not-real";
  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z"); // 10:00 New York: far from the session boundary
  static final Invoker BOT = new Invoker(99, "crosstrade-bot (daily loss limit)", java.util.Set.of());

  @TempDir
  Path dir;
  CrossTradeSimulator sim;
  CrossTradeClient client;
  JdbcStore store;
  HaltSwitch halt;
  final List<org.crosstradediscord.bot.audit.AuditEvent> audited = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    sim = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101", "Sim102"), Map.of("MES 12-25", 6000.0));
    client = CrossTradeClient.builder().token(TOKEN).baseUrl(sim.baseUrl()).build();
    store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("bot.db"), Map.of());
    halt = new HaltSwitch(store, new AuditLog());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  DailyLossGuard guard(boolean flatten, TradingMode mode, Instant now) {
    return guard("Sim101", "17:00", flatten, mode, now);
  }

  /** A guard (a replica) limiting {@code account} (as configured) with sessions starting at {@code sessionStart}. */
  DailyLossGuard guard(String account, String sessionStart, boolean flatten, TradingMode mode, Instant now) {
    DailyLoss limits = new DailyLoss(Map.of(account, 50.0), flatten, LocalTime.parse(sessionStart),
        ZoneId.of("America/New_York"));
    AuditLog audit = new AuditLog();
    audit.setTrail(stored -> audited.add(stored.event()));
    return new DailyLossGuard(limits, store, halt, client, audit, BOT, mode, Clock.fixed(now, ZoneOffset.UTC));
  }

  static PnlUpdate frame(Instant epoch, String account, Double realized, Double unrealized) {
    return new PnlUpdate().type("pnlUpdate").epoch(epoch.toEpochMilli()).accounts(List.of(new PnlAccount()
        .account(new PnlAccountInfo().name(account).item(new AccountItem().realizedProfitLoss(realized)
            .unrealizedProfitLoss(unrealized)))));
  }

  /** Sim101 long 2 MES bought at 6000, now at 5990: −100 on the account (REST agrees). */
  void losing() {
    sim.book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
    sim.book().setPrice("MES 12-25", 5990.0);
  }

  long flattens() {
    return sim.requests().stream().filter(r -> "POST".equals(r.method()) && r.path().endsWith("/positions/flatten")).count();
  }

  @Test
  void twoTrustedFramesBelowTheLimit_andTheAccountReadAgreeing_haltAndFlattenOnce() {
    losing();
    DailyLossGuard g = guard(true, TradingMode.LIVE, NOW);
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).as("one frame is not enough").isFalse();
    g.check(frame(NOW, "sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).isTrue();
    assertThat(halt.current().reason()).contains("daily loss limit on Sim101");
    assertThat(flattens()).isEqualTo(1);
    assertThat(sim.book().position("Sim101", "MES 12-25")).isZero();
    for (int i = 0; i < 4; i++) {
      g.check(frame(NOW, "Sim101", 0.0, -100.0));
    }
    assertThat(flattens()).as("once per account and session").isEqualTo(1);
    assertThat(audited).filteredOn(e -> e.kind().equals("result")).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("ok"));
  }

  @Test
  void withoutFlattenOnDailyLoss_itOnlyHalts_andInPaperModeTheFlattenIsOnlyAudited() {
    losing();
    DailyLossGuard halting = guard(false, TradingMode.LIVE, NOW);
    halting.check(frame(NOW, "Sim101", 0.0, -100.0));
    halting.check(frame(NOW, "Sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).isTrue();
    assertThat(flattens()).isZero();

    DailyLossGuard paper = guard(true, TradingMode.PAPER, NOW.plus(java.time.Duration.ofDays(1)));
    Instant tomorrow = NOW.plus(java.time.Duration.ofDays(1));
    paper.check(frame(tomorrow, "Sim101", 0.0, -100.0));
    paper.check(frame(tomorrow, "Sim101", 0.0, -100.0));
    assertThat(flattens()).as("paper mode sends nothing").isZero();
    assertThat(audited).anySatisfy(e -> assertThat(e.outcome()).isEqualTo("paper: not sent"));
  }

  @Test
  void untrustedNumbers_decideNothing() {
    losing();
    DailyLossGuard g = guard(true, TradingMode.LIVE, NOW);
    for (PnlUpdate bad : List.of(frame(NOW, "Sim101", null, -100.0), frame(NOW, "Sim101", 0.0, Double.NaN),
        frame(NOW, "Sim101", 0.0, -1e12), frame(NOW.minusSeconds(120), "Sim101", 0.0, -100.0))) {
      g.check(bad);
      g.check(bad);
    }
    assertThat(halt.current().halted()).isFalse();
    // Below, above, below: not two consecutive frames.
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    g.check(frame(NOW, "Sim101", 0.0, -10.0));
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).isFalse();
    assertThat(flattens()).isZero();
  }

  @Test
  void theStreamAlone_isNotEnough_whenTheAccountReadDisagrees() {
    sim.book().setPosition("Sim101", "MES 12-25", 2, 6000.0); // REST: flat P&L
    DailyLossGuard g = guard(true, TradingMode.LIVE, NOW);
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).isFalse();
    assertThat(flattens()).isZero();
  }

  @Test
  void justAfterTheSessionBoundary_nothingIsDecided() {
    losing();
    Instant boundary = Instant.parse("2026-12-02T22:00:30Z"); // 17:00:30 New York (EST)
    DailyLossGuard g = guard(true, TradingMode.LIVE, boundary);
    g.check(frame(boundary, "Sim101", 0.0, -100.0));
    g.check(frame(boundary, "Sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).isFalse();
  }

  @Test
  void aHaltThatCannotBeRecorded_leavesTheTripForTheNextFrames_andNothingIsSentMeanwhile() {
    losing();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    org.crosstradediscord.bot.store.Store flaky = (org.crosstradediscord.bot.store.Store) java.lang.reflect.Proxy
        .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {org.crosstradediscord.bot.store.Store.class},
            (proxy, method, args) -> {
              if (method.getName().equals("setHalt") && down.get()) {
                throw new org.crosstradediscord.bot.store.StoreException("database down", null);
              }
              try {
                return method.invoke(store, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
    halt = new HaltSwitch(flaky, new AuditLog());
    DailyLossGuard g = guard(true, TradingMode.LIVE, NOW);
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    assertThat(store.halt().halted()).as("the store does not hold the halt").isFalse();
    assertThat(halt.refusal("flatplace")).as("but it holds in this process at once").contains("halted");
    assertThat(flattens()).as("no flatten without the halt recorded").isZero();

    down.set(false);
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    g.check(frame(NOW, "Sim101", 0.0, -100.0));
    assertThat(halt.current().halted()).as("the next frames act").isTrue();
    assertThat(flattens()).isEqualTo(1);
  }

  /** Two frames below the limit at {@code at}, to a new guard (the same store: another replica, or a restart). */
  void twoLosingFrames(String account, String sessionStart, TradingMode mode, Instant at) {
    DailyLossGuard g = guard(account, sessionStart, true, mode, at);
    g.check(frame(at, "Sim101", 0.0, -100.0));
    g.check(frame(at, "Sim101", 0.0, -100.0));
  }

  /** The desk resumes after a halt and opens the losing position again. */
  void resumeAndLoseAgain() {
    assertThat(halt.resume(BOT).join().saved()).isTrue();
    losing();
  }

  @Test
  void fallBack_withTheSessionStartingAt0130_05h40zAnd06h15z_areOneSession_soOneHaltAndOneFlatten() {
    losing();
    twoLosingFrames("Sim101", "01:30", TradingMode.LIVE, Instant.parse("2026-11-01T05:40:00Z")); // 01:40 EDT
    assertThat(halt.current().halted()).isTrue();
    assertThat(flattens()).isEqualTo(1);

    resumeAndLoseAgain();
    twoLosingFrames("Sim101", "01:30", TradingMode.LIVE, Instant.parse("2026-11-01T06:15:00Z")); // 01:15 EST
    assertThat(halt.current().halted()).as("the same session: the limit acted already").isFalse();
    assertThat(flattens()).isEqualTo(1);
  }

  @Test
  void springForward_theSessionTurnsAtTheBoundaryInstant_andTheGraceIsMeasuredFromIt() {
    losing();
    twoLosingFrames("Sim101", "02:30", TradingMode.LIVE, Instant.parse("2026-03-07T20:00:00Z"));
    assertThat(flattens()).isEqualTo(1);

    resumeAndLoseAgain(); // 02:30 does not exist on 2026-03-08: the next session starts at 03:30 EDT (07:30Z)
    twoLosingFrames("Sim101", "02:30", TradingMode.LIVE, Instant.parse("2026-03-08T07:00:30Z")); // 03:00:30 EDT
    assertThat(halt.current().halted()).as("still the session of March 8").isFalse();
    twoLosingFrames("Sim101", "02:30", TradingMode.LIVE, Instant.parse("2026-03-08T07:31:30Z"));
    assertThat(halt.current().halted()).as("in the grace after the boundary instant").isFalse();
    twoLosingFrames("Sim101", "02:30", TradingMode.LIVE, Instant.parse("2026-03-08T07:32:00Z"));
    assertThat(halt.current().halted()).as("the session of March 9, after the grace").isTrue();
    assertThat(flattens()).isEqualTo(2);
  }

  @Test
  void aPaperTrip_leavesTheLiveSessionsTrip_afterASwitchToLive() {
    losing();
    twoLosingFrames("Sim101", "17:00", TradingMode.PAPER, NOW);
    assertThat(halt.current().halted()).isTrue();
    assertThat(flattens()).isZero();

    resumeAndLoseAgain();
    twoLosingFrames("Sim101", "17:00", TradingMode.LIVE, NOW);
    assertThat(halt.current().halted()).as("live trips once of its own").isTrue();
    assertThat(flattens()).isEqualTo(1);
  }

  @Test
  void twoReplicasSpellingTheAccountDifferently_tripOnce() {
    losing();
    twoLosingFrames("Sim101", "17:00", TradingMode.LIVE, NOW);
    assertThat(flattens()).isEqualTo(1);

    resumeAndLoseAgain();
    twoLosingFrames("SIM101", "17:00", TradingMode.LIVE, NOW);
    assertThat(halt.current().halted()).as("the same account and session").isFalse();
    assertThat(flattens()).isEqualTo(1);
  }

  @Test
  void framesWithoutAnEpoch_orFromTooFarAhead_decideNothing() {
    losing();
    DailyLossGuard g = guard(true, TradingMode.LIVE, NOW);
    PnlUpdate noEpoch = frame(NOW, "Sim101", 0.0, -100.0).epoch(null);
    PnlUpdate ahead = frame(NOW.plusSeconds(300), "Sim101", 0.0, -100.0);
    for (PnlUpdate f : List.of(noEpoch, noEpoch, ahead, ahead)) {
      g.check(f);
    }
    assertThat(halt.current().halted()).isFalse();
    assertThat(flattens()).isZero();
  }
}
