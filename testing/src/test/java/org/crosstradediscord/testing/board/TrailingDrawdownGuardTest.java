package org.crosstradediscord.testing.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.board.TrailingDrawdownGuard;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.risk.TrailingDrawdown;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trailing-drawdown guard against the simulator's watermarks (its Account Manager view: the session's high of net
 * liquidation, forced in the test, and the current net liquidation from its moving prices) and a real SQLite store: it
 * halts only after two reads below the high minus the limit, once per account and session across replicas, flattens
 * only when configured and never in paper mode, and shows the room left.
 */
class TrailingDrawdownGuardTest {
  static final String TOKEN = "guard-token-not-real";
  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z"); // 10:00 New York: far from the session boundary
  static final Invoker BOT = new Invoker(99, "crosstrade-bot (trailing drawdown)", Set.of());

  @TempDir
  Path dir;
  CrossTradeSimulator sim;
  CrossTradeClient client;
  JdbcStore store;
  HaltSwitch halt;
  final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

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

  TrailingDrawdownGuard guard(boolean flatten, TradingMode mode, Instant now) {
    AuditLog audit = new AuditLog();
    audit.setTrail(stored -> audited.add(stored.event()));
    return new TrailingDrawdownGuard(new TrailingDrawdown(Map.of("Sim101", 250.0), flatten), store, halt, client,
        audit, BOT, mode, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** A new high of 100,200.00 forced, then Sim101 long 2 MES from 6000 at 5990: net liquidation 99,900.00 (−300). */
  void drawdownOf300() {
    sim.book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
    sim.book().setWatermarks("Sim101", 200.0, 100_200.0, 0.0);
    sim.book().setPrice("MES 12-25", 5990.0);
  }

  long flattens() {
    return sim.requests().stream().filter(r -> "POST".equals(r.method()) && r.path().endsWith("/positions/flatten"))
        .count();
  }

  @Test
  void twoReadsBelowTheHighMinusTheLimit_haltAndFlattenOnce_andTheBoardShowsNoRoomLeft() {
    TrailingDrawdownGuard g = guard(true, TradingMode.LIVE, NOW);
    g.check();
    assertThat(g.roomLines()).containsEntry("Sim101", "drawdown room 250.00 of 250.00");
    drawdownOf300();
    g.check();
    assertThat(halt.current().halted()).as("one read is not enough").isFalse();
    assertThat(g.roomLines()).containsEntry("Sim101", "drawdown room 0.00 of 250.00");
    g.check();
    assertThat(halt.current().halted()).isTrue();
    assertThat(halt.current().reason())
        .isEqualTo("trailing drawdown on Sim101 (net liquidation 99900.00 below the high 100200.00 minus 250.00)");
    assertThat(flattens()).isEqualTo(1);
    assertThat(sim.book().position("Sim101", "MES 12-25")).isZero();
    g.check();
    g.check();
    TrailingDrawdownGuard replica = guard(true, TradingMode.LIVE, NOW.plusSeconds(60));
    drawdownOf300();
    replica.check();
    replica.check();
    assertThat(flattens()).as("once per account and session, across replicas").isEqualTo(1);
    assertThat(audited).filteredOn(e -> e.kind().equals("result")).singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("ok"));
  }

  @Test
  void aDrawdownWithinTheLimit_orOneReadBelowThenBack_decidesNothing() {
    TrailingDrawdownGuard g = guard(true, TradingMode.LIVE, NOW);
    sim.book().setPosition("Sim101", "MES 12-25", 2, 6000.0);
    sim.book().setWatermarks("Sim101", 0.0, 100_100.0, 0.0);
    sim.book().setPrice("MES 12-25", 5990.0); // 200 below the high: within 250
    g.check();
    g.check();
    assertThat(g.roomLines()).containsEntry("Sim101", "drawdown room 50.00 of 250.00");
    sim.book().setWatermarks("Sim101", 0.0, 100_200.0, 0.0);
    g.check(); // 300 below: one read
    sim.book().setPrice("MES 12-25", 6000.0); // 200 below again
    g.check();
    sim.book().setPrice("MES 12-25", 5990.0);
    g.check(); // below, above, below: not two consecutive reads
    assertThat(halt.current().halted()).isFalse();
    assertThat(flattens()).isZero();
  }

  @Test
  void withoutTheFlattenOption_itOnlyHalts_andInPaperModeTheFlattenIsOnlyAudited() {
    drawdownOf300();
    TrailingDrawdownGuard halting = guard(false, TradingMode.LIVE, NOW);
    halting.check();
    halting.check();
    assertThat(halt.current().halted()).isTrue();
    assertThat(flattens()).isZero();

    Instant tomorrow = NOW.plus(java.time.Duration.ofDays(1));
    TrailingDrawdownGuard paper = guard(true, TradingMode.PAPER, tomorrow);
    drawdownOf300();
    paper.check();
    paper.check();
    assertThat(flattens()).as("paper mode sends nothing").isZero();
    assertThat(audited).anySatisfy(e -> assertThat(e.outcome()).isEqualTo("paper: not sent"));
  }

  @Test
  void theWatermarkDay_isTheAccountManagers_18NewYork_notTheDailyLossSession() {
    drawdownOf300();
    TrailingDrawdownGuard today = guard(true, TradingMode.LIVE, NOW);
    today.check();
    today.check();
    assertThat(flattens()).isEqualTo(1);
    sim.book().setPosition("Sim101", "MES 12-25", 2, 6000.0); // the same drawdown again after the resume
    Instant beforeReset = Instant.parse("2026-12-02T22:30:00Z"); // 17:30 New York: still the same watermark day
    TrailingDrawdownGuard stale = guard(true, TradingMode.LIVE, beforeReset);
    stale.check();
    stale.check();
    assertThat(flattens()).as("not a new day before 18:00 New York: acted once").isEqualTo(1);
    TrailingDrawdownGuard nextDay = guard(true, TradingMode.LIVE, NOW.plus(java.time.Duration.ofDays(1)));
    nextDay.check();
    nextDay.check();
    assertThat(flattens()).as("the next day's breach acts").isEqualTo(2);
  }

  @Test
  void watermarksAloneAreNotEnough_whenNinjaTradersAccountReadCannotConfirm() {
    drawdownOf300();
    sim.faults().disconnected(true); // the add-on is offline: CrossTrade still serves its frozen watermarks
    TrailingDrawdownGuard g = guard(true, TradingMode.LIVE, NOW);
    g.check();
    g.check();
    g.check();
    assertThat(halt.current().halted()).isFalse();
    assertThat(flattens()).isZero();
    sim.faults().clear();
    g.check();
    assertThat(halt.current().halted()).as("confirmed once the account reads again").isTrue();
    assertThat(flattens()).isEqualTo(1);
  }

  @Test
  void noWatermarks_orTheFirstMinutesOfASession_decideNothing() {
    TrailingDrawdownGuard unknown = new TrailingDrawdownGuard(new TrailingDrawdown(Map.of("Live-X", 250.0), true),
        store, halt, client, new AuditLog(), BOT, TradingMode.LIVE, Clock.fixed(NOW, ZoneOffset.UTC));
    unknown.check();
    unknown.check();
    assertThat(unknown.roomLines().get("Live-X")).startsWith("drawdown room unknown");

    drawdownOf300();
    Instant boundary = Instant.parse("2026-12-02T23:00:30Z"); // 18:00:30 New York (EST): the watermarks just reset
    TrailingDrawdownGuard g = guard(true, TradingMode.LIVE, boundary);
    g.check();
    g.check();
    g.check();
    assertThat(halt.current().halted()).isFalse();
    assertThat(flattens()).isZero();
  }
}
