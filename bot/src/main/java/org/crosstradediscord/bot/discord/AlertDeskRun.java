package org.crosstradediscord.bot.discord;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import org.crosstradediscord.bot.config.AlertsConfig;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.intake.AlertListener;
import org.crosstradediscord.bot.intake.IntakeSource;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.store.Store;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert desk of a running bot ({@code alerts}): its inbox ({@link AlertDesk}), the expiry sweeps
 * ({@link AlertExpiry}) and the listener ({@link AlertListener}), started once Discord is ready and closed at
 * shutdown, listener first (no new alert is taken while the rest stops).
 */
final class AlertDeskRun implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertDeskRun.class);

  private final AlertsConfig config;
  private final Map<String, String> keys;
  private final AlertDesk desk;
  private final AlertExpiry expiry;
  private volatile @Nullable AlertListener listener;

  private AlertDeskRun(AlertsConfig config, Map<String, String> keys, AlertDesk desk, AlertExpiry expiry) {
    this.config = config;
    this.keys = Map.copyOf(keys);
    this.desk = desk;
    this.expiry = expiry;
  }

  /**
   * @param config the bot's config
   * @param keys source name → alert key (from the environment)
   * @param desk the desk's services (store, halt switch, audit log, SDK, read threads)
   * @param jda the logged-in JDA
   * @return the desk, not started; null when {@code alerts} is off
   */
  static @Nullable AlertDeskRun create(BotConfig config, Map<String, String> keys, Desk desk, JDA jda) {
    AlertsConfig alerts = config.alerts();
    if (alerts == null) {
      return null;
    }
    Clock clock = Clock.systemUTC();
    Store store = desk.trail().store();
    AlertDesk inbox = new AlertDesk(alerts, store.alerts(), desk.halt(), new LimitGuard(config.limits()), desk.audit(),
        jda, clock, desk.client(), desk.reads());
    return new AlertDeskRun(alerts, keys, inbox, new AlertExpiry(store.alerts(), desk.audit(), jda, clock));
  }

  /** @return the inbox (also the sources' settings, for the approvals) */
  AlertDesk desk() {
    return desk;
  }

  /**
   * Starts the expiry sweeps and binds the listener.
   *
   * @throws StartupException {@code alerts.listen} cannot be bound
   */
  void start() {
    expiry.start();
    Map<String, IntakeSource> sources = new LinkedHashMap<>();
    for (AlertsConfig.Source s : config.sources()) {
      sources.put(s.name(), new IntakeSource(s.name(), keys.get(s.name()), config.maxBodyBytes(), s.maxPerMinute()));
    }
    try {
      AlertListener l = AlertListener.start(config.listen(), sources, desk);
      listener = l;
      log.info("alert desk listening on {} for {}", BotConfig.hostPort(l.address()), sources.keySet());
    } catch (IOException e) {
      throw new DiscordBot.StartupException("alerts.listen: cannot listen on " + BotConfig.hostPort(config.listen()) + ": "
          + e.getMessage());
    }
  }

  @Override
  public void close() {
    AlertListener l = listener;
    listener = null;
    if (l != null) {
      l.close();
    }
    expiry.close();
  }
}
