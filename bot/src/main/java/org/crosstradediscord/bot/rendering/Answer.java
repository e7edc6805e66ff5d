package org.crosstradediscord.bot.rendering;

import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * A read-only command's answer: one embed and its row buttons.
 *
 * @param embed the answer
 * @param rows buttons (at most 5 rows of 5), possibly empty
 */
public record Answer(MessageEmbed embed, List<ActionRow> rows) {
  /** Copies the list. */
  public Answer {
    rows = List.copyOf(rows);
  }
}
