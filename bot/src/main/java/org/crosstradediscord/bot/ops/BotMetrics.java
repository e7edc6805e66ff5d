package org.crosstradediscord.bot.ops;

import org.crosstradediscord.bot.audit.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.crosstradediscord.bot.audit.AuditEvent;

/**
 * The bot's metrics in a Micrometer Prometheus registry, fed by the audit events (every interaction step already
 * goes through {@link AuditLog}) and the confirmation store. Label values are
 * only fixed words: command names from {@code commands} (anything else is {@code other}), audit kinds and the
 * statuses of {@link Outcomes}; never a member, an account, an order id or a token.
 *
 * <p>Series (Prometheus names):
 * <ul>
 *   <li>{@code crosstrade_bot_interactions_total{command,outcome}}: every audit step; outcome is the audit kind
 *       ({@code received}, {@code denied}, {@code invalid}, {@code refused}, {@code confirmed}, {@code cancelled},
 *       {@code expired}, {@code halt}, {@code resume}) or, for a {@code result}, its status</li>
 *   <li>{@code crosstrade_bot_confirmations_total{command,event}}: event {@code created} (a card with Confirm was
 *       shown), {@code confirmed}, {@code cancelled}, {@code expired}</li>
 *   <li>{@code crosstrade_upstream_calls_seconds{operation,status}} (histogram): what a command's CrossTrade work
 *       took, per bot command (operation = {@code flatplace}, {@code positions}, …), for results that reached
 *       CrossTrade; reads made for a review card and for autocomplete are not included</li>
 *   <li>{@code crosstrade_bot_outcome_unknown_total{command}}: results whose outcome is unknown (timeout after
 *       sending, shutdown or restart while sending)</li>
 *   <li>{@code crosstrade_bot_halted}: 1 halted, 0 open, NaN not known yet (last state seen by a health probe
 *       or a /halt, /resume of this replica)</li>
 *   <li>{@code crosstrade_ratelimiter_available_tokens}: requests the SDK's client-side limiter would send now
 *       without waiting (0 = calls are waiting)</li>
 *   <li>{@code jvm_memory_used_bytes}, {@code jvm_memory_max_bytes}, {@code jvm_threads_*}: the JVM</li>
 * </ul>
 */
public final class BotMetrics {
  private static final Set<String> STEPS = Set.of("received", "denied", "invalid", "refused", "confirmed",
      "cancelled", "expired", "halt", "resume");
  private static final Set<String> CONFIRMATION_EVENTS = Set.of("confirmed", "cancelled", "expired");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private volatile Set<String> commands = Set.of();
  /** 1 halted, 0 open, -1 unknown. */
  private final AtomicInteger halted = new AtomicInteger(-1);

  /** A registry with the JVM's memory and thread metrics and the halted gauge; see {@link #commands(Set)}. */
  public BotMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    Gauge.builder("crosstrade_bot_halted", halted, h -> h.get() < 0 ? Double.NaN : h.get())
        .description("1 when trading is halted, 0 when open, NaN when not known yet").register(registry);
  }

  /** @param names the bot's command names (label values; anything else is counted as {@code other}) */
  public void commands(Set<String> names) {
    commands = Set.copyOf(names);
  }

  /** @param event one audit step (see {@link AuditLog#addListener}) */
  public void record(AuditEvent event) {
    String command = command(event.command());
    String kind = event.kind();
    if ("result".equals(kind)) {
      String status = Outcomes.status(event.outcome());
      count("crosstrade_bot_interactions", "command", command, "outcome", status);
      if ("outcome_unknown".equals(status)) {
        Counter.builder("crosstrade_bot_outcome_unknown").description("results whose outcome is unknown")
            .tag("command", command).register(registry).increment();
      }
      if (Outcomes.sent(status) && event.latencyMs() >= 0) {
        Timer.builder("crosstrade_upstream_calls").description("CrossTrade work of one command, by its result")
            .tags("operation", command, "status", status).publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry).record(Duration.ofMillis(event.latencyMs()));
      }
      return;
    }
    String step = "command".equals(kind) ? "received" : kind;
    count("crosstrade_bot_interactions", "command", command, "outcome", STEPS.contains(step) ? step : "other");
    if (CONFIRMATION_EVENTS.contains(kind)) {
      confirmation(command, kind);
    }
    if ("halt".equals(kind)) {
      halted.set(1);
    } else if ("resume".equals(kind)) {
      halted.set(0);
    }
  }

  /** @param command a card with Confirm was recorded for this command */
  public void confirmationCreated(String command) {
    confirmation(command(command), "created");
  }

  /** @param isHalted the halt state just read from the store */
  public void halted(boolean isHalted) {
    halted.set(isHalted ? 1 : 0);
  }

  /** @param available tokens the SDK's rate limiter has now ({@code RateLimiter::available}) */
  public void rateLimiter(LongSupplier available) {
    Gauge.builder("crosstrade_ratelimiter_available_tokens", () -> {
      long n = available.getAsLong();
      return n == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : n;
    }).description("requests the SDK's client-side rate limiter would send now without waiting").register(registry);
  }

  /** @return all series in the Prometheus text format (version 0.0.4) */
  public String scrape() {
    return registry.scrape();
  }

  private void confirmation(String command, String event) {
    count("crosstrade_bot_confirmations", "command", command, "event", event);
  }

  private void count(String name, String k1, String v1, String k2, String v2) {
    Counter.builder(name).tags(k1, v1, k2, v2).register(registry).increment();
  }

  private String command(String name) {
    return name != null && commands.contains(name) ? name : "other";
  }
}
