package org.crosstradediscord.bot.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.client.Violation;

/**
 * Broken option rules of one interaction, at most one per option (the first found), each shown as
 * {@code `option` rule}. SDK {@link Violation}s (spec field names) are renamed to option names.
 */
final class Problems {
  /** Spec field name to option name. */
  private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(
      Map.entry("orderType", "order_type"), Map.entry("timeInForce", "time_in_force"),
      Map.entry("limitPrice", "limit_price"), Map.entry("stopPrice", "stop_price"),
      Map.entry("ocoId", "oco_id"), Map.entry("orderId", "order_id"), Map.entry("marketPosition", "market_position"));

  private final Map<String, String> byOption = new LinkedHashMap<>();

  void add(String option, String rule) {
    byOption.putIfAbsent(option, rule);
  }

  void addAll(List<Violation> violations) {
    for (Violation v : violations) {
      add(OPTION_OF_FIELD.getOrDefault(v.field(), v.field()), rename(v.rule()));
    }
  }

  boolean isEmpty() {
    return byOption.isEmpty();
  }

  Prepared.Invalid toInvalid() {
    List<String> lines = new ArrayList<>();
    byOption.forEach((option, rule) -> lines.add("`" + option + "` " + rule));
    return new Prepared.Invalid(lines);
  }

  private static String rename(String rule) {
    String out = rule;
    for (Map.Entry<String, String> e : OPTION_OF_FIELD.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }
}
