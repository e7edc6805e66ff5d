package org.crosstradediscord.bot.commands;

import java.util.List;
import org.crosstradediscord.client.model.Position;

/**
 * What an executed action achieved, as the upstream reported it.
 *
 * @param orderIds NT8 order ids placed or cancelled (possibly empty)
 * @param closedPositions positions closed, as they were before closing (possibly empty)
 * @param warning the upstream's non-fatal warning, or null
 */
public record Outcome(List<String> orderIds, List<Position> closedPositions, String warning) {
  /** Copies the lists; null becomes empty. */
  public Outcome {
    orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    closedPositions = closedPositions == null ? List.of() : List.copyOf(closedPositions);
  }
}
