package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.testing.discord.CapturedCall;
import org.crosstradediscord.testing.discord.DiscordStandIn;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slash commands are registered at start-up only when the guild's registered set differs from the bot's: one
 * {@code GET} of them, then the {@code PUT} as before when they differ or the read gives any doubt.
 */
class CommandRegistrationEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(2));
    sandbox.discord().answerCommandReads(true); // as Discord does; off by default in the stand-in
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String route() {
    return "/applications/" + sandbox.bot().jda().getSelfUser().getApplicationId() + "/guilds/" + sandbox.guild().id()
        + "/commands";
  }

  /** @return the calls on the guild's commands made by a restart of the bot, as {@code METHOD -> status} */
  private static List<String> commandCallsOfARestart() {
    DiscordStandIn discord = sandbox.discord();
    int before = discord.calls().size();
    sandbox.restartBot();
    List<CapturedCall> calls = discord.calls();
    return calls.subList(before, calls.size()).stream().filter(c -> c.route().equals(route()))
        .map(c -> c.method() + " -> " + c.status()).toList();
  }

  private static void aSlashCommandIsStillAnswered() {
    StandInGuild guild = sandbox.guild();
    String text = sandbox.discord().slash(guild, guild.member("alice"), "positions", Map.of("account", "Sim101"))
        .original(WAIT).text();
    assertThat(text).isNotBlank();
  }

  @Test
  void unchangedCommands_areReadOnce_andNotRegisteredAgain() {
    assertThat(sandbox.discord().calls()).as("the first start registered them")
        .anyMatch(c -> c.route().equals(route()) && c.method().equals("PUT") && c.status() == 200);
    ArrayNode registered = sandbox.discord().registeredCommands(sandbox.guild().id());

    assertThat(commandCallsOfARestart()).containsExactly("GET -> 200");
    assertThat(sandbox.discord().registeredCommands(sandbox.guild().id())).as("the same ids: not replaced")
        .isEqualTo(registered);
    aSlashCommandIsStillAnswered();
  }

  @Test
  void aChangedDescription_aMissingCommand_orAnUnreadableAnswer_registersThemAsBefore() {
    long guild = sandbox.guild().id();
    ArrayNode changed = sandbox.discord().registeredCommands(guild);
    ((ObjectNode) changed.get(0)).put("description", "what an older bot version said");
    sandbox.discord().setRegisteredCommands(guild, changed);
    assertThat(commandCallsOfARestart()).containsExactly("GET -> 200", "PUT -> 200");

    ArrayNode missing = sandbox.discord().registeredCommands(guild);
    missing.remove(missing.size() - 1);
    sandbox.discord().setRegisteredCommands(guild, missing);
    assertThat(commandCallsOfARestart()).containsExactly("GET -> 200", "PUT -> 200");

    ArrayNode unreadable = sandbox.discord().registeredCommands(guild);
    ((ObjectNode) unreadable.get(0)).remove("name");
    ((ObjectNode) unreadable.get(0)).put("type", "not a number");
    sandbox.discord().setRegisteredCommands(guild, unreadable);
    assertThat(commandCallsOfARestart()).containsExactly("GET -> 200", "PUT -> 200");

    assertThat(commandCallsOfARestart()).as("and unchanged again after that").containsExactly("GET -> 200");
    aSlashCommandIsStillAnswered();
  }

  @Test
  void aReadThatFails_registersThemAsBefore() {
    sandbox.discord().answerCommandReads(false); // the stand-in answers 404 to the read
    try {
      assertThat(commandCallsOfARestart()).containsExactly("GET -> 404", "PUT -> 200");
    } finally {
      sandbox.discord().answerCommandReads(true);
    }
    aSlashCommandIsStillAnswered();
  }
}
