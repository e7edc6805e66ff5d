package org.crosstradediscord.bot.preview;

import java.util.List;
import org.crosstradediscord.client.model.Order;

/**
 * What a review card shows about what the action will affect, computed from reads before Confirm.
 *
 * @param lines plain text lines (the upstream's and the member's words in them are escaped when rendered)
 * @param workingOrders every working order the preview read (empty when it read none); a flatten's result tells
 *     the orders it cancelled apart from the orders it submitted with them
 */
public record Preview(List<String> lines, List<Order> workingOrders) {
  /** Copies the lists; null becomes empty. */
  public Preview {
    lines = List.copyOf(lines);
    workingOrders = workingOrders == null ? List.of() : List.copyOf(workingOrders);
  }
}
