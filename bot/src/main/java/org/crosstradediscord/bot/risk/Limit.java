package org.crosstradediscord.bot.risk;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One limits entry ({@code limits.default} or {@code limits.by_role.<role id>}), resolved: every field has its
 * value (an entry's absent field already took the default's).
 *
 * @param maxQuantity most contracts per order (always set: the built-in default is {@link Limits#SAFE_MAX_QUANTITY})
 * @param orderTypes allowed order types, upper case ({@code MARKET}, {@code LIMIT}, …); empty = any
 * @param instruments allowed root symbols, upper case ({@code MES}); empty = any
 * @param maxPosition largest absolute position an order may lead to; empty = no position limit
 */
public record Limit(long maxQuantity, Set<String> orderTypes, Set<String> instruments, OptionalLong maxPosition) {
  /** Copies and upper-cases the sets (sorted, for stable messages). */
  public Limit {
    if (maxQuantity < 1) {
      throw new IllegalArgumentException("maxQuantity must be at least 1");
    }
    orderTypes = upper(orderTypes);
    instruments = upper(instruments);
  }

  private static Set<String> upper(Set<String> in) {
    Set<String> out = new TreeSet<>();
    in.forEach(s -> out.add(s.strip().toUpperCase(Locale.ROOT)));
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * The most permissive of two entries, field by field: the larger {@code max_quantity}; the union of
   * {@code order_types} and of {@code instruments}, where "any" (empty) wins; the larger {@code max_position},
   * where "no limit" wins.
   *
   * @param other another entry
   * @return the merged entry
   */
  public Limit mostPermissive(Limit other) {
    Set<String> types = orderTypes.isEmpty() || other.orderTypes.isEmpty() ? Set.of() : union(orderTypes, other.orderTypes);
    Set<String> roots = instruments.isEmpty() || other.instruments.isEmpty() ? Set.of() : union(instruments, other.instruments);
    OptionalLong position = maxPosition.isEmpty() || other.maxPosition.isEmpty() ? OptionalLong.empty()
        : OptionalLong.of(Math.max(maxPosition.getAsLong(), other.maxPosition.getAsLong()));
    return new Limit(Math.max(maxQuantity, other.maxQuantity), types, roots, position);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  /** @return one line for the start-up summary */
  public String summary() {
    return "{max_quantity=" + maxQuantity + (orderTypes.isEmpty() ? "" : " order_types=" + orderTypes)
        + (instruments.isEmpty() ? "" : " instruments=" + instruments)
        + (maxPosition.isPresent() ? " max_position=" + maxPosition.getAsLong() : "") + "}";
  }
}
