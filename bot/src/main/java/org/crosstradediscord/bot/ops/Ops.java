package org.crosstradediscord.bot.ops;

import org.crosstradediscord.bot.text.SafeText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.JDA;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.client.CrossTradeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations side of one running bot: {@code GET /healthz} and {@code GET /metrics} on {@code ops.listen}
 * ({@link BotMetrics}, {@link Health}). Without {@code ops.listen}, {@link #OFF}: nothing is bound, nothing is
 * counted and Micrometer is never loaded.
 *
 * <p>Life cycle, driven by {@code BotAssembly} (start-up) and {@code DiscordBot} (shutdown): {@link #start} binds
 * before Discord is contacted (so a taken port stops start-up at once, and {@code /healthz} answers 503 "starting"
 * meanwhile); {@link #watch} hooks the audit log, the confirmation store and the SDK's limiter; {@link #ready} once
 * the commands are registered; {@link #stopping} when shutdown begins (503 "stopping"); {@link #close} at the end.
 */
public class Ops implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ops.class);

  /** No endpoint, no metrics. */
  public static final Ops OFF = new Ops();

  private Ops() {}

  /**
   * @param listen {@code ops.listen}; empty = {@link #OFF}
   * @return the started ops endpoint
   * @throws IllegalStateException the address cannot be bound; the message names {@code ops.listen}, the address
   *     and the cause, on one line
   */
  public static Ops start(Optional<InetSocketAddress> listen) {
    if (listen.isEmpty()) {
      return OFF;
    }
    BotMetrics metrics = new BotMetrics();
    Health health = new Health(metrics::halted);
    try {
      OpsServer server = OpsServer.start(listen.get(), health, metrics::scrape);
      log.info("ops: GET /healthz and /metrics on http://{}", BotConfig.hostPort(server.address()));
      if (!listen.get().getAddress().isLoopbackAddress()) {
        log.warn("ops.listen {} is not a loopback address: /healthz and /metrics answer anyone who can reach it,"
            + " without authentication; keep the port firewalled (or inside a container network)",
            BotConfig.hostPort(listen.get()));
      }
      return new Live(metrics, health, server);
    } catch (IOException e) {
      health.close();
      throw new IllegalStateException("ops.listen: cannot listen on " + BotConfig.hostPort(listen.get()) + ": "
          + SafeText.oneLine(e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()))
          + " (is another process using the port? pick another port or remove ops.listen)");
    }
  }

  /**
   * Hooks the metrics in.
   *
   * @param audit every interaction step
   * @param confirmations cards with Confirm
   * @param client the SDK (its rate limiter)
   * @param commands the bot's command names (the only command label values)
   */
  public void watch(AuditLog audit, ConfirmationStore confirmations, CrossTradeClient client, Set<String> commands) {}

  /**
   * @param jda the connected bot (its gateway status)
   * @param store the durable store (the health check's read)
   * @param stopping true once shutdown began
   */
  public void ready(JDA jda, Store store, BooleanSupplier stopping) {}

  /** Shutdown began: {@code /healthz} answers 503 "stopping" from now on. */
  public void stopping() {}

  /** @return the bound address, or empty when off */
  public Optional<InetSocketAddress> address() {
    return Optional.empty();
  }

  @Override
  public void close() {}

  private static final class Live extends Ops {
    private final BotMetrics metrics;
    private final Health health;
    private final OpsServer server;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    Live(BotMetrics metrics, Health health, OpsServer server) {
      this.metrics = metrics;
      this.health = health;
      this.server = server;
    }

    @Override
    public void watch(AuditLog audit, ConfirmationStore confirmations, CrossTradeClient client, Set<String> commands) {
      metrics.commands(commands);
      audit.addListener(metrics::record);
      confirmations.onCreated(metrics::confirmationCreated);
      metrics.rateLimiter(client.rateLimiter()::available);
    }

    @Override
    public void ready(JDA jda, Store store, BooleanSupplier stopping) {
      health.ready(jda::getStatus, store, stopping);
    }

    @Override
    public void stopping() {
      health.closing();
    }

    @Override
    public Optional<InetSocketAddress> address() {
      return Optional.of(server.address());
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      server.close();
      health.close();
    }
  }
}
