package org.crosstradediscord.bot.discord;

import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.text.DiscordText;

/** Paper mode's result: the request that would have gone out, escaped and bounded; nothing is sent. */
final class PaperTrade {
  /** At most this many request fields are shown. */
  static final int MAX_FIELDS = 12;

  private PaperTrade() {}

  /**
   * @param action the confirmed action
   * @return the request as markdown lines, {@code /flatplace} then one {@code - name: value} line per field; every
   *     value escaped and cut, at most {@value #MAX_FIELDS} fields
   */
  static String request(TradeAction action) {
    StringBuilder b = new StringBuilder("`/").append(action.command()).append('`');
    int n = 0;
    for (Map.Entry<String, String> e : action.auditArgs().entrySet()) {
      if (n++ == MAX_FIELDS) {
        b.append("\n- … ").append(action.auditArgs().size() - MAX_FIELDS).append(" more");
        break;
      }
      b.append("\n- ").append(DiscordText.escape(e.getKey(), 40)).append(": ").append(DiscordText.escape(e.getValue(), 120));
    }
    return b.toString();
  }

  /**
   * @param request what {@link #request} made
   * @return the result card: "PAPER — not sent" and the request
   */
  static MessageEmbed card(String request) {
    return Cards.notice("PAPER — not sent", "The bot is in paper mode: nothing was sent to CrossTrade. This is the"
        + " request that would have gone out:\n" + DiscordText.cutEscaped(request, 3000));
  }
}
