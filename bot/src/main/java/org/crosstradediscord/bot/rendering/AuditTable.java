package org.crosstradediscord.bot.rendering;

import org.crosstradediscord.bot.text.DiscordText;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.audit.StoredEvent;

/**
 * The {@code /audit} answer: one line per event in a code block (time UTC, member, command, kind, outcome, arguments,
 * order ids). Every value is text the bot did not write, so each goes through {@link DiscordText#inCode} (no
 * backtick can close the block), bounded per column; the table stops before Discord's 4096-character description
 * limit and says how many events it left out.
 */
public final class AuditTable {
  /** Longest description built (Discord allows 4096). */
  static final int MAX_DESCRIPTION = 3900;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final String ROW = "%-14s %-12s %-10s %-9s %s%n";

  private AuditTable() {}

  /**
   * @param events newest first
   * @param member the member asked for, if any
   * @param count how many were asked for
   * @return the ephemeral answer
   */
  public static MessageEmbed render(List<StoredEvent> events, OptionalLong member, int count) {
    EmbedBuilder e = new EmbedBuilder().setTitle("Audit trail").setColor(0x2E86C1);
    String scope = member.isPresent() ? " of member " + member.getAsLong() : "";
    if (events.isEmpty()) {
      return e.setDescription("No audit events" + scope + " yet.").build();
    }
    StringBuilder t = new StringBuilder("```\n")
        .append(String.format(Locale.ROOT, ROW, "Time (UTC)", "Member", "Command", "Kind", "Outcome · arguments · orders"));
    int shown = 0;
    for (StoredEvent s : events) {
      String row = row(s);
      if (t.length() + row.length() + 40 > MAX_DESCRIPTION) {
        break;
      }
      t.append(row);
      shown++;
    }
    t.append("```");
    if (shown < events.size()) {
      t.append("\n").append(events.size() - shown).append(" more not shown (Discord's size limit); use a smaller `count`"
          + " or `--export-audit`.");
    }
    e.setDescription(t.toString());
    e.setFooter("Newest first · last " + count + " events" + scope + " · read-only");
    return e.build();
  }

  private static String row(StoredEvent s) {
    AuditEvent a = s.event();
    String args = a.args().entrySet().stream()
        .map(en -> DiscordText.inCode(en.getKey(), 16) + "=" + DiscordText.inCode(en.getValue(), 20))
        .collect(Collectors.joining(" "));
    String orders = a.orderIds().isEmpty() ? "" : " orders=" + a.orderIds().stream().limit(5)
        .map(id -> DiscordText.inCode(id, 36)).collect(Collectors.joining(",")) + (a.orderIds().size() > 5 ? ",…" : "");
    String detail = DiscordText.inCode(AuditLog.plain(a.outcome()), 40) + (args.isEmpty() ? "" : " · " + args) + orders;
    return String.format(Locale.ROOT, ROW, TIME.format(s.at()), DiscordText.inCode(a.userName(), 12),
        "/" + DiscordText.inCode(a.command(), 9), DiscordText.inCode(a.kind(), 9), DiscordText.oneLine(detail, 110));
  }
}
