package org.crosstradediscord.bot.commands;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.client.CrossTradeClient;

/** The reads of a read-only command and how to show what they found. Makes no change anywhere. */
public interface ReadAction {
  /** @return the slash command name, e.g. {@code positions} */
  String command();

  /** @return arguments for the audit line, option name to value */
  Map<String, String> auditArgs();

  /**
   * Makes the reads (GETs only; each bounded by the SDK's request timeout) and renders the answer.
   *
   * @param client the CrossTrade SDK
   * @return the ephemeral answer
   * @throws org.crosstradediscord.client.CrossTradeException when a read the answer needs fails
   */
  Answer read(CrossTradeClient client);

  /**
   * @param embed the answer
   * @param rows buttons (at most 5 rows of 5), possibly empty
   */
  record Answer(MessageEmbed embed, List<ActionRow> rows) {
    /** Copies the list. */
    public Answer {
      rows = List.copyOf(rows);
    }
  }
}
