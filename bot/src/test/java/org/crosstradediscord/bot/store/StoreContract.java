package org.crosstradediscord.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; run against a real SQLite file and a real PostgreSQL. */
abstract class StoreContract {
  /** @return a fresh, empty store (migrated) */
  abstract Store store();

  /** @return a second store on the same database (another replica, or the bot after a restart) */
  abstract Store reopen();

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
}
