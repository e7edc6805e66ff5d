package org.crosstradediscord.bot.preview;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How to show what an action will affect: the heading of the lines, and the reads that make them.
 *
 * @param subject what is read, e.g. {@code Current position}; the card says "{@code subject}: reading…" or
 *     "{@code subject}: unknown (…)"
 * @param read makes the reads (GET only, through {@link Reads}) and computes the preview; may throw
 * @param check compares the preview read for the review with one read after an unknown outcome (the same
 *     {@link #read}), or null when the action has no such comparison
 */
public record PreviewPlan(String subject, Function<Reads, Preview> read, @Nullable Check check) {
  /**
   * A plan without a follow-up comparison.
   *
   * @param subject what is read
   * @param read makes the reads and computes the preview
   */
  public PreviewPlan(String subject, Function<Reads, Preview> read) {
    this(subject, read, null);
  }

  /** What an outcome-unknown follow-up concludes from the review's preview and a later one ({@link Reconcile}). */
  @FunctionalInterface
  public interface Check {
    /**
     * @param before the preview read for the review card, or null when none was read
     * @param after the preview read after the unknown outcome
     * @return the conclusion, never claiming more than the two reads show
     */
    Finding compare(@Nullable Preview before, Preview after);
  }
}
