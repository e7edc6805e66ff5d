package org.crosstradediscord.bot.commands;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * A change to the desk's controls ({@code /halt}, {@code /resume}): applied at once on the thread that handles the
 * interaction (it only touches memory there, never the network), answered when the store confirmed it or gave up.
 */
public interface ControlAction {
  /** @return the slash command's name */
  String command();

  /** @return the options for the audit line */
  Map<String, String> auditArgs();

  /**
   * @return true to apply the change as soon as the interaction arrives (on every replica that sees it: {@code /halt});
   *     false to apply it only once this replica's acknowledgement was accepted (one replica: {@code /resume})
   */
  default boolean applyAtOnce() {
    return false;
  }

  /**
   * Applies the change (in memory at once; the store write runs elsewhere).
   *
   * @return the answer card, completed within about 1.2 s and never exceptionally
   */
  CompletableFuture<MessageEmbed> apply();
}
