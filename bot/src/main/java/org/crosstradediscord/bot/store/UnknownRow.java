package org.crosstradediscord.bot.store;


import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One outcome-unknown trade or alert ({@code unknown_outcome}, Flyway V8).
 *
 * @param outcomeId its id (a UUID)
 * @param at when its outcome became unknown
 * @param what what was sent, in plain words (e.g. {@code /flatplace account=Sim101 …}; escape it when rendering)
 * @param verdict the newest follow-up's verdict (a {@code preview.Finding.Verdict} name), or null before one
 * @param conclusion the newest follow-up's finding in plain words, or null before one
 * @param resolvedAt when a follow-up resolved it, or null while unresolved
 */
public record UnknownRow(String outcomeId, Instant at, String what, @Nullable String verdict,
    @Nullable String conclusion, @Nullable Instant resolvedAt) {}
