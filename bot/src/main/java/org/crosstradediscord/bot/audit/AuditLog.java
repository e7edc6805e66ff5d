package org.crosstradediscord.bot.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every command, denial, confirmation, cancel, expiry and result as one structured JSON line on the
 * {@code audit} logger, and posts a one-line summary to the audit channel when one is configured. Never holds
 * secrets: it receives only option values, ids and outcomes.
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<Consumer<String>> channel = new AtomicReference<>(line -> { });

  /** @param sink posts a line to the audit channel (set once Discord is ready) */
  public void setChannel(Consumer<String> sink) {
    channel.set(sink);
  }

  /**
   * @param event what happened
   * @return the JSON line written
   */
  public String record(AuditEvent event) {
    String json;
    try {
      json = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      json = event.toString();
    }
    AUDIT.info(json);
    try {
      channel.get().accept(summary(event));
    } catch (RuntimeException e) {
      AUDIT.warn("audit channel post failed: {}", e.toString());
    }
    return json;
  }

  /**
   * @param e an event
   * @return the channel line, e.g. {@code result /flatplace by alice (123): ok account=Sim101 … orders=[…] 412 ms}
   */
  public static String summary(AuditEvent e) {
    StringBuilder b = new StringBuilder().append('`').append(e.kind()).append("` /").append(e.command())
        .append(" by ").append(e.userName()).append(" (").append(e.userId()).append("): ").append(e.outcome());
    e.args().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    if (!e.orderIds().isEmpty()) {
      b.append(" orders=").append(e.orderIds());
    }
    if (e.latencyMs() >= 0) {
      b.append(' ').append(e.latencyMs()).append(" ms");
    }
    String s = b.toString();
    return s.length() > 1900 ? s.substring(0, 1900) + "…" : s;
  }
}
