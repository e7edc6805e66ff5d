package org.crosstradediscord.bot.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.crosstradediscord.bot.text.DiscordText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every command, denial, confirmation, cancel, expiry and result as one structured JSON line on the
 * {@code audit} logger, appends it to the durable audit trail (the store; {@code /audit}, {@code --export-audit}),
 * and posts a one-line summary to the audit channel when one is configured. Never holds
 * secrets: it receives only option values, ids and outcomes.
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("audit");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ORDER_IDS = 20;

  private final AtomicReference<Consumer<String>> channel = new AtomicReference<>(line -> { });
  private final AtomicReference<Consumer<StoredEvent>> trail =
      new AtomicReference<>(e -> { });

  private final java.util.List<Consumer<AuditEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param listener told of every recorded event, on the recording thread, after the log line (must not block; e.g.
   *     the metrics of {@code ops.BotMetrics}); its failure is logged and never stops the record
   */
  public void addListener(Consumer<AuditEvent> listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** @param sink stores each event in the durable audit trail (must not block: see {@code store.AuditTrail}) */
  public void setTrail(Consumer<StoredEvent> sink) {
    trail.set(sink);
  }

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
    for (Consumer<AuditEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        AUDIT.warn("audit listener failed: {}", DiscordText.oneLine(e.toString(), 500));
      }
    }
    try {
      trail.get().accept(new StoredEvent(java.time.Instant.now(), event));
    } catch (RuntimeException e) {
      AUDIT.warn("audit event not stored: {}", DiscordText.oneLine(e.toString(), 500));
    }
    try {
      channel.get().accept(summary(event));
    } catch (RuntimeException e) {
      AUDIT.warn("audit channel post failed: {}", DiscordText.oneLine(e.toString(), 500));
    }
    return json;
  }

  /**
   * The audit channel's line. Everything in it that the bot did not write (the member's name, option values, the
   * outcome, which may quote the upstream, and order ids) goes through {@link DiscordText#escape}, each bounded
   * before escaping, so it renders literally: no masked link, spoiler, heading, mention or second line. The whole
   * line is cut with {@link DiscordText#cutEscaped} to stay under Discord's 2000-character message limit.
   *
   * @param e an event
   * @return the channel line, e.g. {@code `result` /flatplace by alice (123): ok account=Sim101 … orders=[…] 412 ms}
   */
  public static String summary(AuditEvent e) {
    StringBuilder b = new StringBuilder().append('`').append(DiscordText.inCode(e.kind(), 20)).append("` /")
        .append(DiscordText.escape(e.command(), 32)).append(" by ").append(DiscordText.escape(e.userName(), 64))
        .append(" (").append(e.userId()).append("): ").append(DiscordText.escape(e.outcome(), 600));
    e.args().forEach((k, v) -> b.append(' ').append(DiscordText.escape(k, 32)).append('=')
        .append(DiscordText.escape(v, 120)));
    if (!e.orderIds().isEmpty()) {
      b.append(" orders=[").append(String.join(", ", e.orderIds().stream().limit(MAX_ORDER_IDS)
          .map(id -> DiscordText.escape(id, 64)).toList()))
          .append(e.orderIds().size() > MAX_ORDER_IDS ? ", …" : "").append(']');
    }
    if (e.latencyMs() >= 0) {
      b.append(' ').append(e.latencyMs()).append(" ms");
    }
    return DiscordText.cutEscaped(b.toString(), 1900);
  }
}
