package org.crosstradediscord.bot.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One alert on the desk as stored ({@code alert}).
 *
 * @param alertId the id shown on its card and in the audit trail
 * @param source the source's name
 * @param identity SHA-256 hex of the source and normalised fields (at most once)
 * @param fieldsJson the alert's fields as a JSON object, never the key
 * @param receivedAt when it arrived
 * @param expiresAt when it expires unless approved ({@code ttl_seconds} after arrival)
 * @param state its state
 * @param channelId the channel of its card, once posted
 * @param messageId its card's message, once posted
 * @param decidedBy the member who approved or rejected it
 * @param leaseUntil while APPROVING: when the claim's holder is presumed dead (then UNKNOWN)
 * @param outcome what became of it, in the desk's words
 * @param firstApprover the first of two approvers, when its order needs two ({@code approvals.above_quantity})
 */
public record AlertRow(String alertId, String source, String identity, String fieldsJson, Instant receivedAt,
    Instant expiresAt, AlertState state, @Nullable Long channelId, @Nullable Long messageId, @Nullable Long decidedBy,
    @Nullable Instant leaseUntil, @Nullable String outcome, @Nullable Long firstApprover) {}
