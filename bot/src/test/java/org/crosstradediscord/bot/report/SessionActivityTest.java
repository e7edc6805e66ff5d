package org.crosstradediscord.bot.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.junit.jupiter.api.Test;

/** The bot's trades on an account and the halts, from the audit trail. */
class SessionActivityTest {
  private static final Instant T = Instant.parse("2026-12-02T15:00:00Z");

  private static StoredEvent e(String kind, String command, Map<String, String> args, String outcome) {
    return new StoredEvent(T, new AuditEvent(kind, 1, "alice", command, args, outcome, List.of(), 5));
  }

  @Test
  void tradesAreOkResultsOfTradeCommandsOnTheAccount_andAlertsSent() {
    List<StoredEvent> events = List.of(
        e("result", "flatplace", Map.of("account", "Sim101"), "ok"),
        e("result", "reverse", Map.of("account", "sim101"), "ok"),
        e("result", "close", Map.of("account", "Sim101"), "ok (partial)"),
        e("confirmed", "flatplace", Map.of("account", "Sim101"), "confirmed"),
        e("result", "flatplace", Map.of("account", "Sim101"), "OutcomeUnknownException: timeout"),
        e("result", "flatplace", Map.of("account", "Sim101"), "paper: not sent"),
        e("result", "cancel", Map.of("account", "Sim101"), "ok"),
        e("result", "positions", Map.of("account", "Sim101"), "ok"),
        e("result", "flatplace", Map.of("account", "Sim102"), "ok"),
        e("result", "flatten", Map.of("account", "*", "instrument", "*"), "ok"),
        e("result", "alert", Map.of("account", "Sim101", "command", "place"), "sent: order placed"),
        e("result", "alert", Map.of("account", "Sim101", "command", "cancel"), "sent: cancelled"),
        e("result", "alert", Map.of("account", "Sim101", "command", "place"), "not_sent: halted"));
    SessionActivity a = SessionActivity.of(events, "SIM101");
    assertThat(a.trades()).as("flatplace, reverse, close, flatten of every account, the alert placed").isEqualTo(5);
    assertThat(SessionActivity.of(events, "Sim102").trades()).isEqualTo(2);
    assertThat(a.halts()).isEmpty();
  }

  @Test
  void haltsAreListedOldestFirst_withWhoAndWhy() {
    StoredEvent halt = new StoredEvent(T, new AuditEvent("halt", 9, "crosstrade-bot (daily loss limit)", "halt",
        Map.of("reason", "daily loss limit on Sim101"), "HALTED", null, -1));
    StoredEvent resume = e("resume", "resume", Map.of(), "RESUMED");
    SessionActivity a = SessionActivity.of(List.of(halt, resume, e("halt", "halt", Map.of(), "HALTED")), "Sim102");
    assertThat(a.halts()).extracting(SessionActivity.Halt::reason).containsExactly("daily loss limit on Sim101", "");
    assertThat(a.halts().get(0).by()).isEqualTo("crosstrade-bot (daily loss limit)");
  }
}
