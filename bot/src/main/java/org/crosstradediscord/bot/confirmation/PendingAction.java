package org.crosstradediscord.bot.confirmation;

import java.time.Instant;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.commands.TradeAction;

/**
 * A validated action waiting for its invoker's Confirm click, held server-side only.
 *
 * @param id the unguessable id carried in the buttons' {@code custom_id}s
 * @param invoker the member who ran the command; only they may confirm
 * @param action what Confirm will execute
 * @param createdAt when the review card was shown
 * @param onExpiry run once if the action expires unconfirmed (e.g. edits the card to "expired")
 */
public record PendingAction(String id, Invoker invoker, TradeAction action, Instant createdAt, Runnable onExpiry) {}
