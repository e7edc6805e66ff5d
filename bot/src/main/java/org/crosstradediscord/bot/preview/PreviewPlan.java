package org.crosstradediscord.bot.preview;

import java.util.function.Function;

/**
 * How to show what an action will affect: the heading of the lines, and the reads that make them.
 *
 * @param subject what is read, e.g. {@code Current position}; the card says "{@code subject}: reading…" or
 *     "{@code subject}: unknown (…)"
 * @param read makes the reads (GET only, through {@link Reads}) and computes the preview; may throw
 */
public record PreviewPlan(String subject, Function<Reads, Preview> read) {}
