package org.crosstradediscord.bot.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.StoredEvent;

/**
 * What the bot did in a session, from the audit trail.
 *
 * @param trades {@code result} lines of a trade with an ok result for the account: {@code /flatplace},
 *     {@code /reverse}, {@code /close} and {@code /flatten} (also the daily loss guard's flatten) answered {@code ok},
 *     and alert-desk trades answered {@code sent}; a flatten of every account counts for each account
 * @param halts the halts in the session (every halt stops new risk on every account), oldest first
 */
public record SessionActivity(int trades, List<Halt> halts) {
  /** Commands whose ok result is a trade. */
  static final Set<String> TRADES = Set.of("flatplace", "reverse", "close", "flatten");

  /**
   * One halt.
   *
   * @param at when it began
   * @param by who halted (a member's name, or the bot)
   * @param reason why, as recorded (unescaped: escape before showing)
   */
  public record Halt(Instant at, String by, String reason) {}

  /** Copies the list. */
  public SessionActivity {
    halts = List.copyOf(halts);
  }

  /**
   * @param events the session's audit events, oldest first (any kinds)
   * @param account the account (any case)
   * @return the trades on it and the halts
   */
  public static SessionActivity of(List<StoredEvent> events, String account) {
    int trades = 0;
    List<Halt> halts = new ArrayList<>();
    for (StoredEvent stored : events) {
      AuditEvent e = stored.event();
      if ("halt".equals(e.kind())) {
        halts.add(new Halt(stored.at(), e.userName(), e.args().getOrDefault("reason", "")));
      } else if ("result".equals(e.kind()) && trade(e) && onAccount(e, account)) {
        trades++;
      }
    }
    return new SessionActivity(trades, halts);
  }

  private static boolean trade(AuditEvent e) {
    String outcome = e.outcome() == null ? "" : e.outcome();
    if ("alert".equals(e.command())) {
      return outcome.startsWith("sent:") && !"cancel".equals(e.args().get("command"));
    }
    return TRADES.contains(e.command()) && (outcome.equals("ok") || outcome.startsWith("ok "));
  }

  private static boolean onAccount(AuditEvent e, String account) {
    String on = e.args().get("account");
    if (on == null || on.isBlank() || on.equals("*")) {
      return "flatten".equals(e.command()); // a flatten of every account
    }
    return on.strip().toLowerCase(Locale.ROOT).equals(account.toLowerCase(Locale.ROOT));
  }
}
