package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One pending confirmation as the store keeps it: enough to rebuild the action after a restart (the command, its
 * options as typed, and the invoker with the roles they had), and the claim.
 *
 * @param id the unguessable id carried in the buttons' {@code custom_id}s (22 URL-safe characters)
 * @param command the slash command name, e.g. {@code flatplace}
 * @param userId the invoker's Discord user id; only they may confirm
 * @param userName the invoker's user name, for audit lines
 * @param roleIds the invoker's role ids when the card was made
 * @param options the command's options as JSON: option name to string, integer or number
 * @param mode {@code paper} or {@code live}: the mode the card was made in (a card never crosses modes)
 * @param createdAt when the card was made
 * @param expiresAt when the confirmation timeout ends
 * @param state where it is now
 * @param claimInteraction the id of the Confirm click's interaction that claimed it, or null
 * @param claimToken that click's interaction token (valid 15 min, used to edit the card if the process dies while
 *     sending; cleared when the claim ends), or null
 * @param leaseUntil when a claim still {@code CONFIRMED} is taken for dead, or null
 * @param secondPerson why a second person must approve it (the two-person rule, decided when the card was made), or
 *     null: a row with it is never claimed by its invoker's Confirm, only requested and approved
 */
public record PendingRow(String id, String command, long userId, String userName, Set<Long> roleIds, String options,
    String mode, Instant createdAt, Instant expiresAt, PendingState state, String claimInteraction, String claimToken,
    Instant leaseUntil, @Nullable String secondPerson) {
  /** Copies the role set. */
  public PendingRow {
    roleIds = Set.copyOf(roleIds);
  }

  /** A row that needs no second person. */
  public PendingRow(String id, String command, long userId, String userName, Set<Long> roleIds, String options,
      String mode, Instant createdAt, Instant expiresAt, PendingState state, String claimInteraction,
      String claimToken, Instant leaseUntil) {
    this(id, command, userId, userName, roleIds, options, mode, createdAt, expiresAt, state, claimInteraction,
        claimToken, leaseUntil, null);
  }

  /** The token is a credential for 15 minutes: never printed. */
  @Override
  public String toString() {
    return "PendingRow[" + id + ", /" + command + ", user " + userId + ", " + state + "]";
  }
}
