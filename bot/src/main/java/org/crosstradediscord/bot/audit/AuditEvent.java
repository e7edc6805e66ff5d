package org.crosstradediscord.bot.audit;

import java.util.List;
import java.util.Map;

/**
 * One audit line.
 *
 * @param kind what happened: {@code command}, {@code denied}, {@code invalid}, {@code confirmed},
 *     {@code cancelled}, {@code expired}, {@code refused}, {@code result}
 * @param userId Discord user id
 * @param userName Discord user name
 * @param command slash command name
 * @param args options as sent (never secrets)
 * @param outcome {@code ok}, an exception type or a short reason
 * @param orderIds NT8 order ids involved (possibly empty)
 * @param latencyMs time the step took in ms, or -1 when not measured
 */
public record AuditEvent(String kind, long userId, String userName, String command, Map<String, String> args,
    String outcome, List<String> orderIds, long latencyMs) {
  /** Copies collections; nulls become empty. */
  public AuditEvent {
    args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
  }
}
