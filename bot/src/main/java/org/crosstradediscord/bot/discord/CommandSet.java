package org.crosstradediscord.bot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a guild already has exactly the bot's slash commands, so start-up can skip registering them again.
 *
 * <p>Both sides are put in JDA's normal form and compared as JSON: the registered commands
 * ({@code GET /applications/{id}/guilds/{id}/commands}, read into JDA's {@link Command}, then
 * {@link CommandData#fromCommand}) and the definitions, each as {@link CommandData#toData()}; per command type and
 * name, every field, options and choices in order; numbers by value. Discord's own fields (ids, version) are not part of
 * the definitions and so not compared. Any doubt is "not the same", and the commands are registered as before: a read
 * that fails, a duplicate name, a different count, any differing field.
 */
final class CommandSet {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class); // the bot's log lines keep one logger
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Numbers by value ({@code 1} = {@code 1.0}); any other node by equality. */
  private static final Comparator<JsonNode> VALUES = (a, b) -> a.isNumber() && b.isNumber()
      ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

  private CommandSet() {}

  /**
   * One read of the guild's registered commands, compared with the definitions.
   *
   * @param guild the guild
   * @param definitions the bot's commands
   * @return true only when the read answered and the registered commands are exactly the definitions
   */
  static boolean registered(Guild guild, Collection<? extends CommandData> definitions) {
    try {
      return same(guild.retrieveCommands().complete().stream().map(CommandData::fromCommand).toList(), definitions);
    } catch (RuntimeException e) {
      log.info("could not read the registered slash commands of guild {} ({}): registering them",
          guild.getIdLong(), e.getClass().getSimpleName());
      return false;
    }
  }

  /**
   * @param registered what the guild has, in JDA's form
   * @param definitions the bot's commands
   * @return true when both hold the same commands, field for field (order of the commands aside)
   */
  static boolean same(Collection<? extends CommandData> registered, Collection<? extends CommandData> definitions) {
    Map<String, JsonNode> have = normal(registered);
    Map<String, JsonNode> want = normal(definitions);
    if (have == null || want == null || !have.keySet().equals(want.keySet())) {
      return false;
    }
    for (Map.Entry<String, JsonNode> e : want.entrySet()) {
      if (!e.getValue().equals(VALUES, have.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** @return type and name → the command's JSON, or null on a duplicate or unreadable command */
  private static @Nullable Map<String, JsonNode> normal(Collection<? extends CommandData> commands) {
    Map<String, JsonNode> out = new HashMap<>();
    for (CommandData c : commands) {
      try {
        if (out.put(c.getType() + " " + c.getName(), JSON.readTree(c.toData().toJson())) != null) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
    }
    return out;
  }
}
