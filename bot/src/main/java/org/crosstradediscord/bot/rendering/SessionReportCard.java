package org.crosstradediscord.bot.rendering;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.report.SessionActivity;
import org.crosstradediscord.bot.report.SessionReport;
import org.crosstradediscord.bot.report.SessionStats;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session reports as Discord shows them: per account an embed with the session, a short table (end, high, low,
 * maximum drawdown, the bot's trades, halts) and the P&amp;L chart ({@link PnlChart}) as its image; a session without
 * samples says so and has no chart. Account names and halt reasons are escaped; amounts as on the board
 * ({@code +1,234.50}, account currency).
 */
public final class SessionReportCard {
  private static final Logger log = LoggerFactory.getLogger(SessionReportCard.class);
  /** Halts listed by name in one embed; the rest are counted. */
  static final int MAX_HALTS_LISTED = 3;
  /** Amounts beyond this are shown as {@code ?} (as on the board). */
  private static final double MAX_SHOWN = 1e12;
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private SessionReportCard() {}

  /**
   * One report for the board channel: its embed and its chart.
   *
   * @param report one account's session
   * @return the message's embed and (unless the session has no samples, or the chart cannot be drawn) its PNG
   */
  public static Answer post(SessionReport report) {
    return answer(List.of(report));
  }

  /**
   * @param reports one account's session each (1 to 10), in order
   * @return one embed per report (halts listed in the first only: they are the same for every account) and a PNG per
   *     report with samples, named {@code pnl-<n>.png}
   */
  public static Answer answer(List<SessionReport> reports) {
    if (reports.isEmpty() || reports.size() > 10) {
      throw new IllegalArgumentException("1 to 10 reports in one answer, not " + reports.size());
    }
    List<MessageEmbed> embeds = new ArrayList<>();
    List<Answer.File> files = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      SessionReport r = reports.get(i);
      Answer.File chart = chart(r, "pnl-" + (i + 1) + ".png");
      if (chart != null) {
        files.add(chart);
      }
      embeds.add(embed(r, chart == null ? null : chart.name(), i == 0, chart == null && !r.stats().empty()));
    }
    return new Answer(embeds.get(0), List.of(), embeds.subList(1, embeds.size()), files);
  }

  /** @return the chart as a file, or null when there is nothing to draw or drawing failed (logged) */
  private static Answer.@Nullable File chart(SessionReport r, String name) {
    if (r.stats().empty()) {
      return null;
    }
    try {
      return new Answer.File(name, PnlChart.png(r));
    } catch (RuntimeException | Error e) { // e.g. no font on a slim image: the table still goes out
      log.warn("session report chart not drawn: {}", DiscordText.oneLine(e.toString(), 300));
      return null;
    }
  }

  /**
   * @param r the report
   * @param image the attachment's name, or null for none
   * @param listHalts whether to list the halts (else only count them)
   * @param chartFailed the chart could not be drawn although there were samples
   * @return the embed
   */
  static MessageEmbed embed(SessionReport r, @Nullable String image, boolean listHalts, boolean chartFailed) {
    SessionStats s = r.stats();
    StringBuilder d = new StringBuilder();
    d.append("Session <t:").append(r.session().start().getEpochSecond()).append(":f> – <t:")
        .append(r.session().end().getEpochSecond()).append(":f>");
    if (r.until().isBefore(r.session().end())) {
      d.append(", up to <t:").append(r.until().getEpochSecond()).append(":f>");
    }
    d.append('\n');
    if (s.empty()) {
      d.append("No P&L samples were recorded for this account in this session (they are kept while the desk board"
          + " runs), so there is no chart.\n");
    }
    d.append("```\n");
    if (!s.empty()) {
      d.append(row("end (total)", money(s.lastTotal()), "realized " + money(s.lastRealized())));
      d.append(row("high", money(s.high()), "at " + time(r, s.highAt())));
      d.append(row("low", money(s.low()), "at " + time(r, s.lowAt())));
      d.append(row("max drawdown", money(-s.maxDrawdown()), s.drawdownFrom() == null ? "none"
          : time(r, s.drawdownFrom()) + " → " + time(r, s.drawdownTo())));
    }
    SessionActivity a = r.activity();
    d.append(row("trades (bot)", Integer.toString(a.trades()), ""));
    d.append(row("halts", Integer.toString(a.halts().size()), ""));
    d.append("```");
    if (!s.empty()) {
      d.append("Times in ").append(r.zone().getId()).append(". ");
    }
    if (chartFailed) {
      d.append("The chart could not be drawn this time.");
    }
    if (listHalts && !a.halts().isEmpty()) {
      d.append("\n**Halts**");
      for (SessionActivity.Halt h : a.halts().subList(0, Math.min(MAX_HALTS_LISTED, a.halts().size()))) {
        d.append("\n- <t:").append(h.at().getEpochSecond()).append(":t> by ").append(DiscordText.escape(h.by(), 40))
            .append(": ").append(DiscordText.escape(h.reason(), 120));
      }
      if (a.halts().size() > MAX_HALTS_LISTED) {
        d.append("\n- and ").append(a.halts().size() - MAX_HALTS_LISTED).append(" more (see /audit)");
      }
    }
    EmbedBuilder e = new EmbedBuilder()
        .setTitle(DiscordText.cutEscaped("Session report: " + DiscordText.escape(r.account(), 100) + " · "
            + r.session().day(), 250))
        .setDescription(CardParts.bounded(d.toString().strip()))
        .setColor(s.empty() ? CardParts.NEUTRAL : s.lastTotal() < 0 ? CardParts.DANGER : CardParts.OK)
        .setFooter(s.empty() ? "P&L in the account's currency." : "P&L in the account's currency; total = realized"
            + " + unrealized; " + s.count() + " samples.");
    if (image != null) {
      e.setImage("attachment://" + image);
    }
    return e.build();
  }

  private static String row(String name, String value, String note) {
    return String.format(Locale.ROOT, "%-13s %12s  %s", name, value, note).stripTrailing() + "\n";
  }

  private static String time(SessionReport r, @Nullable Instant at) {
    return at == null ? "?" : HM.format(at.atZone(r.zone()));
  }

  private static String money(@Nullable Double v) {
    return v == null || !Double.isFinite(v) || Math.abs(v) > MAX_SHOWN ? "?"
        : String.format(Locale.ROOT, "%+,.2f", v + 0.0);
  }
}
