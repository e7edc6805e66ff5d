package org.crosstradediscord.bot.rendering;

import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * A read-only command's answer: one embed (or a few) with its row buttons and files.
 *
 * @param embed the answer
 * @param rows buttons (at most 5 rows of 5), possibly empty
 * @param more further embeds after the first (at most 9: Discord's 10 per message, 6000 characters in all), possibly
 *     empty
 * @param files attachments (at most 10, each well under Discord's 10 MiB), possibly empty; an embed shows one with
 *     {@code attachment://<name>}
 */
public record Answer(MessageEmbed embed, List<ActionRow> rows, List<MessageEmbed> more, List<File> files) {
  /** Copies the lists. */
  public Answer {
    rows = List.copyOf(rows);
    more = List.copyOf(more);
    files = List.copyOf(files);
  }

  /**
   * One embed and its buttons, no files.
   *
   * @param embed the answer
   * @param rows buttons, possibly empty
   */
  public Answer(MessageEmbed embed, List<ActionRow> rows) {
    this(embed, rows, List.of(), List.of());
  }

  /** @return every embed, the first one first */
  public List<MessageEmbed> embeds() {
    return more.isEmpty() ? List.of(embed) : java.util.stream.Stream.concat(java.util.stream.Stream.of(embed),
        more.stream()).toList();
  }

  /**
   * A file attached to the answer.
   *
   * @param name the file name ({@code [A-Za-z0-9._-]}, e.g. {@code pnl-1.png})
   * @param bytes its content (not copied: never changed after)
   */
  @SuppressWarnings("ArrayRecordComponent")
  public record File(String name, byte[] bytes) {}
}
