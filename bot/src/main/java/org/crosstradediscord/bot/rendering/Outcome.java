package org.crosstradediscord.bot.rendering;

import java.util.List;
import java.util.Map;
import org.crosstradediscord.client.model.Position;

/**
 * What an executed action achieved, as the upstream reported it.
 *
 * @param kind what the order ids are: new orders ({@link Kind#PLACED}), none ({@link Kind#CLOSED}), or a
 *     flatten's mix of cancelled working orders and the orders it submitted ({@link Kind#FLATTENED})
 * @param orderIds NT8 order ids in the answer (possibly empty)
 * @param closedPositions positions closed, as they were before closing (possibly empty)
 * @param warning the upstream's non-fatal warning, or null
 * @param realizedProfitLoss realized P&amp;L when the upstream's answer carries one ({@code realizedProfitLoss}, not
 *     in the documented shape), else null
 */
public record Outcome(Kind kind, List<String> orderIds, List<Position> closedPositions, String warning,
    Double realizedProfitLoss) {
  /** What the order ids of an outcome are. */
  public enum Kind {
    /** Orders placed (flat-place, reverse). */
    PLACED,
    /** Positions closed, no order ids (close). */
    CLOSED,
    /** Positions closed and orders cancelled or submitted; the upstream does not say which id is which. */
    FLATTENED
  }

  /** Copies the lists; null becomes empty. */
  public Outcome {
    orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    closedPositions = closedPositions == null ? List.of() : List.copyOf(closedPositions);
  }

  /**
   * An outcome whose order ids were placed.
   *
   * @param orderIds NT8 order ids placed (possibly empty)
   * @param closedPositions positions closed (possibly empty)
   * @param warning the upstream's non-fatal warning, or null
   */
  public Outcome(List<String> orderIds, List<Position> closedPositions, String warning) {
    this(Kind.PLACED, orderIds, closedPositions, warning, null);
  }

  /**
   * The realized P&amp;L the upstream reported, if any: a numeric {@code realizedProfitLoss} on the answer, else
   * the sum over the closed positions when every one carries it. The documented answers have neither (their
   * positions carry only the unrealized P&amp;L before closing).
   *
   * @param answerFields the answer's fields beyond the documented ones, or null
   * @param closed the closed positions, or null
   * @return the realized P&amp;L, or null
   */
  public static Double reportedRealized(Map<String, Object> answerFields, List<Position> closed) {
    Double top = number(answerFields);
    if (top != null || closed == null || closed.isEmpty()) {
      return top;
    }
    double sum = 0;
    for (Position p : closed) {
      Double v = number(p.getAdditionalProperties());
      if (v == null) {
        return null;
      }
      sum += v;
    }
    return sum;
  }

  private static Double number(Map<String, Object> fields) {
    Object v = fields == null ? null : fields.get("realizedProfitLoss");
    return v instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
  }
}
