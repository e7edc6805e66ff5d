package org.crosstradediscord.bot.store;

import java.time.Instant;
import org.crosstradediscord.bot.audit.AuditEvent;

/**
 * One audit event as stored.
 *
 * @param at when the bot recorded it
 * @param event what happened
 */
public record StoredEvent(Instant at, AuditEvent event) {}
