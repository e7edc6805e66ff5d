package org.crosstradediscord.bot.rendering;

import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.store.UnknownOutcomes;
import org.crosstradediscord.bot.store.UnknownRow;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;

/** The desk board's list of the session's outcome-unknown trades and alerts that no follow-up resolved. */
final class BoardUnknowns {
  /** Unknown outcomes listed, at most (then "+N more"). */
  static final int MAX_UNKNOWNS = 5;

  private BoardUnknowns() {}

  /**
   * The outcome-unknown trades and alerts of the session no follow-up resolved (shown whatever the stream's health):
   * when, what, and what the follow-up found so far.
   */
  static void add(EmbedBuilder b, @Nullable List<UnknownRow> rows) {
    if (rows == null) {
      b.addField("Outcomes unknown this session", "Not readable right now (the store did not answer): check"
          + " NinjaTrader.", false);
      return;
    }
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder v = new StringBuilder();
    for (UnknownRow r : rows.subList(0, Math.min(rows.size(), MAX_UNKNOWNS))) {
      v.append("• <t:").append(r.at().getEpochSecond()).append(":T> ").append(DiscordText.escape(r.what(), 120))
          .append(" — ").append(state(r.verdict())).append('\n');
    }
    if (rows.size() > MAX_UNKNOWNS) {
      v.append("+").append(rows.size() - MAX_UNKNOWNS).append(" more\n");
    }
    v.append("Check NinjaTrader; each leaves this list once a follow-up saw it executed or not executed.");
    b.addField("Outcome unknown, not resolved (" + rows.size() + (rows.size() == UnknownOutcomes.MAX_LISTED ? "+" : "")
        + ")", DiscordText.cutEscaped(v.toString(), MessageEmbed.VALUE_MAX_LENGTH), false);
  }

  private static String state(@Nullable String verdict) {
    if (verdict == null) {
      return "not checked yet";
    }
    return switch (verdict) {
      case "COULD_NOT_CHECK" -> "could not check";
      case "OTHER_CHANGE" -> "changed, not as ordered";
      case "CANNOT_TELL" -> "the reads cannot tell";
      default -> "checked";
    };
  }
}
