package org.crosstradediscord.bot.audit;

import org.crosstradediscord.bot.access.Invoker;
import java.util.Map;
import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.SafeText;
import org.crosstradediscord.client.api.Operations;
import org.jspecify.annotations.Nullable;
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
   * One step of a member's interaction, audited under its kind: {@code command} (received), {@code denied} (roles or
   * limits), {@code refused} (halted, busy, storage unavailable…), {@code invalid}, {@code confirmed},
   * {@code cancelled}, {@code expired}, {@code result}.
   *
   * @param kind the kind, as above
   * @param who the member
   * @param command the slash command's name (or {@code ?} when unknown)
   * @param args its options as typed (or what the click carried)
   * @param outcome what happened, in plain words (no secret)
   * @return the JSON line written
   */
  public String step(String kind, Invoker who, String command, Map<String, String> args, String outcome) {
    return record(new AuditEvent(kind, who.userId(), who.userName(), command, args, outcome, null, -1));
  }

  /** {@link #step} of kind {@code denied}: the member's roles or limits do not allow it. */
  public String denied(Invoker who, String command, Map<String, String> args, String why) {
    return step("denied", who, command, args, why);
  }

  /** {@link #step} of kind {@code refused}: allowed, but not now (halted, busy, storage unavailable, stopping). */
  public String refused(Invoker who, String command, Map<String, String> args, String why) {
    return step("refused", who, command, args, why);
  }

  /**
   * The end of an interaction: what was sent and what came back.
   *
   * @param who the member
   * @param command the slash command's name
   * @param args its options
   * @param outcome the result in plain words ({@code ok}, {@code not sent: …}, an SDK failure)
   * @param orderIds the order ids CrossTrade returned, or null
   * @param ms how long the call took, or -1
   * @return the JSON line written
   */
  public String result(Invoker who, String command, Map<String, String> args, String outcome, List<String> orderIds,
      long ms) {
    return record(new AuditEvent("result", who.userId(), who.userName(), command, args, outcome, orderIds, ms));
  }

  /**
   * {@link #result}, with the technical detail of a failure for operators: it goes into the JSON line (field
   * {@code detail}) only, never into the durable trail, the audit channel or {@code /audit}.
   *
   * @param outcome the result in plain words, possibly led by the SDK failure type (for the metrics)
   * @param detail e.g. {@code NinjaTraderNotConnectedException: flatPlaceOrder: HTTP 408: …}, or null
   * @return the JSON line written
   */
  public String result(Invoker who, String command, Map<String, String> args, String outcome, @Nullable String detail,
      List<String> orderIds, long ms) {
    return record(new AuditEvent("result", who.userId(), who.userName(), command, args, outcome, orderIds, ms), detail);
  }

  /**
   * @param event what happened
   * @return the JSON line written
   */
  public String record(AuditEvent event) {
    return record(event, null);
  }

  private String record(AuditEvent event, @Nullable String detail) {
    String json;
    try {
      if (detail == null) {
        json = JSON.writeValueAsString(event);
      } else {
        com.fasterxml.jackson.databind.node.ObjectNode tree = JSON.valueToTree(event);
        tree.put("detail", SafeText.oneLine(detail));
        json = JSON.writeValueAsString(tree);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
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
        .append(" (").append(e.userId()).append("): ").append(DiscordText.escape(plain(e.outcome()), 600));
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

  /**
   * An outcome as members read it (the audit channel, {@code /audit}): without the SDK failure type that leads a
   * stored outcome for operators and the metrics ({@code NinjaTraderNotConnectedException: refused by CrossTrade: …}
   * reads {@code refused by CrossTrade: …}), and without the operation id that leads older outcomes
   * ({@code flatPlaceOrder: HTTP 408: …} reads {@code HTTP 408: …}); the bot's own {@code internal error
   * IllegalStateException} reads {@code internal error (the bot's log has the details)}.
   *
   * @param outcome a stored outcome, or null
   * @return it without those technical prefixes (never null)
   */
  public static String plain(@Nullable String outcome) {
    if (outcome == null) {
      return "";
    }
    if (INTERNAL_ERROR.matcher(outcome).matches()) {
      return "internal error (the bot's log has the details)";
    }
    String s = LEADING_TYPE.matcher(outcome).replaceFirst("");
    int colon = s.indexOf(": ");
    if (colon > 0 && Operations.find(s.substring(0, colon)).isPresent()) {
      s = s.substring(colon + 2);
    }
    return s;
  }

  /** The bot's own failure, audited as {@code internal error IllegalStateException}. */
  private static final java.util.regex.Pattern INTERNAL_ERROR =
      java.util.regex.Pattern.compile("internal error [\\w$.]+");

  private static final java.util.regex.Pattern LEADING_TYPE =
      java.util.regex.Pattern.compile("^(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error): ");
}
