package org.crosstradediscord.bot.preview;

import java.util.List;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * What a review card shows about what the action will affect, computed from reads before Confirm.
 *
 * @param lines plain text lines (the upstream's and the member's words in them are escaped when rendered)
 * @param workingOrders every working order the preview read (empty when it read none); a flatten's result tells
 *     the orders it cancelled apart from the orders it submitted with them
 * @param positions the positions it read (empty when it read none; a flat one is kept): what an outcome-unknown
 *     follow-up compares later reads with ({@link Reconcile})
 */
public record Preview(List<String> lines, List<Order> workingOrders, List<Position> positions) {
  /** Copies the lists; null becomes empty (null elements are dropped). */
  public Preview {
    lines = List.copyOf(lines);
    workingOrders = workingOrders == null ? List.of() : List.copyOf(workingOrders);
    positions = positions == null ? List.of() : positions.stream().filter(java.util.Objects::nonNull).toList();
  }

  /**
   * A preview that kept no position.
   *
   * @param lines plain text lines
   * @param workingOrders the working orders it read
   */
  public Preview(List<String> lines, List<Order> workingOrders) {
    this(lines, workingOrders, List.of());
  }
}
