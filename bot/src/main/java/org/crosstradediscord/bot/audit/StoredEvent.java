package org.crosstradediscord.bot.audit;

import java.time.Instant;

/**
 * One audit event as stored.
 *
 * @param at when the bot recorded it
 * @param event what happened
 */
public record StoredEvent(Instant at, AuditEvent event) {}
