package org.crosstradediscord.bot.store;

import org.jspecify.annotations.Nullable;

/**
 * A request for a second approval as the store keeps it: the pending confirmation it belongs to, and its card.
 *
 * @param pending the pending confirmation (state {@link PendingState#AWAITING} while it waits; its {@code expiresAt}
 *     is the request's expiry, its {@code userId} the member who asked)
 * @param channelId the request card's channel, or null before it was posted
 * @param messageId the request card, or null before it was posted
 * @param approvedBy the member who approved it, or null
 */
public record ApprovalRow(PendingRow pending, @Nullable Long channelId, @Nullable Long messageId,
    @Nullable Long approvedBy) {}
