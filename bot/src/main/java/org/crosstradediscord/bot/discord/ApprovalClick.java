package org.crosstradediscord.bot.discord;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;

/**
 * One Approve or Reject click on a request card, as the interaction steps pool sees it.
 *
 * @param hook the click's hook (edits the request card)
 * @param clicker the member who clicked, with their roles
 * @param approve Approve (else Reject)
 * @param id the request's id from the custom_id
 * @param interactionId the click's interaction id
 * @param token the click's interaction token (never logged; kept on an approved claim for 15 min)
 * @param clickedAt {@link System#nanoTime()} of the click as Discord made it
 * @param guild the guild it came from
 */
record ApprovalClick(InteractionHook hook, Invoker clicker, boolean approve, String id, String interactionId,
      String token, long clickedAt, Guild guild) {}
