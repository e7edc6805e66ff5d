package org.crosstradediscord.bot.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One alert, read and checked by {@link AlertReader}: what it asks for and the fields as written (without the
 * {@code key}), for the card and the audit trail.
 *
 * @param command what the alert asks for
 * @param account the one account it names, as written
 * @param instrument the instrument; null only for FLATTEN without one and CANCEL without one
 * @param order the order it opens (PLACE, FLATPLACE, REVERSEPOSITION), else null
 * @param closeQuantity CLOSEPOSITION's {@code qty} (null: the whole position), else null
 * @param orderId CANCEL's {@code order_id}, else null
 * @param fields every field as written, names lower case, in body order, never the {@code key}
 */
public record Alert(AlertCommand command, String account, @Nullable String instrument, @Nullable AlertOrder order,
    @Nullable Integer closeQuantity, @Nullable String orderId, Map<String, String> fields) {
  /** Copies {@code fields}, keeping their order. */
  public Alert {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
