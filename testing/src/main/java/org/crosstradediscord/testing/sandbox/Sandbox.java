package org.crosstradediscord.testing.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.BotMain;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.ConfigLoader;
import org.crosstradediscord.bot.discord.DiscordBot;
import org.crosstradediscord.testing.discord.DiscordStandIn;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;

/**
 * The whole system on one machine with no accounts: the CrossTrade simulator, the Discord stand-in and the real
 * bot, started through its normal start-up path ({@link ConfigLoader} on a YAML file, {@link BotMain#start}).
 *
 * <p>The guild "Trading Desk" has roles Trader (may run every command on Sim101 and Sim102, including the
 * read-only {@code /positions} and {@code /orders} ({@code view}) and {@code /cancel}) and Risk (also
 * {@code flatten_everything}), members alice and bob (Trader), rita (Trader, Risk), june (Trader, Junior) and carol
 * (no role), and channels #trading and #audit (the audit channel). Limits: Junior {@code max_quantity: 2,
 * order_types: [MARKET, LIMIT], instruments: [MES, MNQ], max_position: 4}; everyone else {@code max_quantity: 100}.
 * The bot runs in live mode unless started with {@link #startPaper}, or switched with {@link #restartBot}.
 */
public final class Sandbox implements AutoCloseable {
  /** The Discord bot token the stand-in accepts (not a real token). */
  public static final String DISCORD_TOKEN = "sandbox-discord-token-not-real";
  /** The CrossTrade token the simulator accepts (not a real token). */
  public static final String CROSSTRADE_TOKEN = "sandbox-crosstrade-token-not-real";

  /** The sandbox's {@code limits.default} (the bot's own default without a {@code limits} section is max_quantity 10). */
  public static final String DEFAULT_LIMITS = "{max_quantity: 100}";
  /** The Junior role's {@code limits.by_role} entry. */
  public static final String JUNIOR_LIMITS = "{max_quantity: 2, order_types: [MARKET, LIMIT], instruments: [MES, MNQ], max_position: 4}";
  /** Which role holds each grant of the sandbox's role policy (grant → role name), as written into its config. */
  public static final Map<String, String> GRANT_ROLES = grantRoles();

  private static Map<String, String> grantRoles() {
    Map<String, String> g = new java.util.LinkedHashMap<>();
    for (String grant : List.of("flatplace", "reverse", "close", "flatten", "view", "cancel")) {
      g.put(grant, "Trader");
    }
    for (String grant : List.of("flatten_everything", "audit", "halt")) {
      g.put(grant, "Risk");
    }
    return java.util.Collections.unmodifiableMap(g);
  }

  private final CrossTradeSimulator simulator;
  private final DiscordStandIn discord;
  private final StandInGuild guild;
  private volatile DiscordBot bot;
  private Map<String, String> env = secrets();
  private volatile BotConfig config;
  private final Path configFile;
  private final List<DiscordBot> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Sandbox(CrossTradeSimulator simulator, DiscordStandIn discord, StandInGuild guild, DiscordBot bot, BotConfig config,
      Path configFile) {
    this.simulator = simulator;
    this.discord = discord;
    this.guild = guild;
    this.bot = bot;
    this.config = config;
    this.configFile = configFile;
  }

  /**
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @return the running sandbox
   */
  public static Sandbox start(Duration confirmationTimeout, Duration requestTimeout) {
    return start(confirmationTimeout, requestTimeout, "rest");
  }

  /**
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @param transport the bot's CrossTrade transport: rest or websocket
   * @return the running sandbox
   */
  public static Sandbox start(Duration confirmationTimeout, Duration requestTimeout, String transport) {
    return start(confirmationTimeout, requestTimeout, transport, true);
  }

  /**
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @param transport the bot's CrossTrade transport: rest or websocket
   * @param inProcessBot start the bot in this JVM; false leaves {@link #configFile()} for a bot process
   * @return the running sandbox
   */
  public static Sandbox start(Duration confirmationTimeout, Duration requestTimeout, String transport, boolean inProcessBot) {
    return start(confirmationTimeout, requestTimeout, transport, inProcessBot, null, "live", null, Map.of());
  }

  /**
   * A sandbox whose bot keeps its durable state in the given store instead of a fresh SQLite file, e.g. one
   * PostgreSQL shared by two sandboxes (two bot replicas).
   *
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @param storageUrl the bot's {@code storage.url}
   * @param storageEnv extra environment for the bot (STORAGE_USER, STORAGE_PASSWORD)
   * @return the running sandbox with the bot in this JVM
   */
  public static Sandbox startWithStorage(Duration confirmationTimeout, Duration requestTimeout, String storageUrl,
      Map<String, String> storageEnv) {
    return start(confirmationTimeout, requestTimeout, "rest", true, null, "live", storageUrl, storageEnv);
  }

  /**
   * A sandbox whose bot talks to another upstream than its simulator, e.g. a hostile server from
   * {@code org.crosstradediscord.testing.hostile}; the simulator still runs (and records nothing).
   *
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @param transport the bot's CrossTrade transport: rest or websocket
   * @param crossTradeBaseUrl the upstream the bot uses instead of the simulator
   * @return the running sandbox with the bot in this JVM
   */
  public static Sandbox startAgainst(Duration confirmationTimeout, Duration requestTimeout, String transport,
      java.net.URI crossTradeBaseUrl) {
    return start(confirmationTimeout, requestTimeout, transport, true, crossTradeBaseUrl, "live", null, Map.of());
  }

  /**
   * A sandbox for a bot started as its own process ({@link #configFile()} with {@link BotProcess}), talking to
   * another upstream than its simulator, e.g. a hostile server; the simulator still runs (and records nothing).
   *
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @param crossTradeBaseUrl the upstream the bot uses instead of the simulator
   * @return the running sandbox without an in-process bot
   */
  public static Sandbox startForProcessAgainst(Duration confirmationTimeout, Duration requestTimeout,
      java.net.URI crossTradeBaseUrl) {
    return start(confirmationTimeout, requestTimeout, "rest", false, crossTradeBaseUrl, "live", null, Map.of());
  }

  /**
   * A sandbox whose bot runs in paper mode ({@code mode: paper}): reviews and audits, never sends a trade.
   *
   * @param confirmationTimeout how long review cards stay confirmable
   * @param requestTimeout the bot's CrossTrade request timeout
   * @return the running sandbox with the bot in this JVM
   */
  public static Sandbox startPaper(Duration confirmationTimeout, Duration requestTimeout) {
    return start(confirmationTimeout, requestTimeout, "rest", true, null, "paper", null, Map.of());
  }

  private static Sandbox start(Duration confirmationTimeout, Duration requestTimeout, String transport, boolean inProcessBot,
      java.net.URI crossTradeBaseUrl, String mode, String storageUrl, Map<String, String> storageEnv) {
    return start(confirmationTimeout, requestTimeout, transport, inProcessBot, crossTradeBaseUrl, mode, storageUrl,
        storageEnv, null, "");
  }

  /**
   * A sandbox whose bot keeps the desk board in #trading ({@code board: {channel_id: <#trading>, accounts: [Sim101,
   * Sim102], refresh_seconds: …}}) and has the given extra {@code limits} keys, e.g. a daily loss limit.
   *
   * @param refresh the board's {@code refresh_seconds}
   * @param limitsExtra YAML lines under {@code limits:} (one key per line, indentation ignored), e.g.
   *     {@code "daily_loss: {Sim101: 50}"}
   * @return the running sandbox with the bot in this JVM
   */
  public static Sandbox startWithBoard(Duration refresh, String limitsExtra) {
    return start(Duration.ofSeconds(60), Duration.ofSeconds(2), "rest", true, null, "live", null, Map.of(), refresh,
        limitsExtra);
  }

  /**
   * A sandbox for a bot started as its own process ({@link #configFile()} with {@link BotProcess}) that keeps the desk
   * board in #trading (accounts Sim101 and Sim102).
   *
   * @param requestTimeout the bot's CrossTrade request timeout
   * @param refresh the board's {@code refresh_seconds}
   * @return the running sandbox without an in-process bot
   */
  public static Sandbox startForProcessWithBoard(Duration requestTimeout, Duration refresh) {
    return start(Duration.ofSeconds(60), requestTimeout, "rest", false, null, "live", null, Map.of(), refresh, "");
  }

  /**
   * {@link #startWithBoard(Duration, String)} on a given store, e.g. one PostgreSQL shared with a replica
   * ({@link #startReplica()}).
   *
   * @param refresh the board's {@code refresh_seconds}
   * @param storageUrl the bot's {@code storage.url}
   * @param storageEnv extra environment for the bot (STORAGE_USER, STORAGE_PASSWORD)
   * @return the running sandbox with the bot in this JVM
   */
  public static Sandbox startWithBoard(Duration refresh, String storageUrl, Map<String, String> storageEnv) {
    return start(Duration.ofSeconds(60), Duration.ofSeconds(2), "rest", true, null, "live", storageUrl, storageEnv,
        refresh, "");
  }

  private static Sandbox start(Duration confirmationTimeout, Duration requestTimeout, String transport, boolean inProcessBot,
      java.net.URI crossTradeBaseUrl, String mode, String storageUrl, Map<String, String> storageEnv, Duration boardRefresh,
      String limitsExtra) {
    return start(confirmationTimeout, requestTimeout, transport, inProcessBot, crossTradeBaseUrl, mode, storageUrl,
        storageEnv, boardRefresh, limitsExtra, "");
  }

  /**
   * A sandbox with the alert desk on: {@code alertsYaml} is the config's {@code alerts} section, where
   * {@code {trading}} stands for the #trading channel's id and {@code {role:NAME}} for a role's id.
   *
   * @param alertsYaml the {@code alerts:} section (top-level key included)
   * @param env the alert keys' environment variables
   * @return the running sandbox with the bot in this JVM (live mode)
   */
  public static Sandbox startWithAlerts(String alertsYaml, Map<String, String> env) {
    return startWithAlerts(Duration.ofSeconds(60), Duration.ofSeconds(2), alertsYaml, env);
  }

  /**
   * {@link #startWithAlerts(String, Map)} with other timeouts.
   *
   * @param confirmationTimeout how long a Confirm stays valid
   * @param requestTimeout the SDK's request timeout
   * @param alertsYaml the {@code alerts:} section
   * @param env the alert keys' environment variables
   * @return the running sandbox with the bot in this JVM (live mode)
   */
  public static Sandbox startWithAlerts(Duration confirmationTimeout, Duration requestTimeout, String alertsYaml,
      Map<String, String> env) {
    return start(confirmationTimeout, requestTimeout, "rest", true, null, "live", null, env, null, "", alertsYaml);
  }

  /**
   * A sandbox for bot processes with the alert desk on ({@link #configFile()} with {@link BotProcess}); a second
   * replica takes a copy of the config with another {@code alerts.listen}.
   *
   * @param alertsYaml the {@code alerts:} section, as {@link #startWithAlerts(String, Map)}
   * @param storageUrl the bot's {@code storage.url}, e.g. one PostgreSQL for two replicas
   * @return the running sandbox without an in-process bot
   */
  public static Sandbox startForAlertProcesses(String alertsYaml, String storageUrl) {
    return startForAlertProcesses(alertsYaml, storageUrl, null, "");
  }

  /**
   * {@link #startForAlertProcesses(String, String)} with the desk board and more limits.
   *
   * @param alertsYaml the {@code alerts:} section (and any other top-level sections)
   * @param storageUrl the bot's {@code storage.url}, or null for an SQLite file
   * @param boardRefresh the board's {@code refresh_seconds} (accounts Sim101 and Sim102 in #trading), or null for none
   * @param limitsExtra YAML lines under {@code limits:}, as {@link #startWithBoard(Duration, String)}
   * @return the running sandbox without an in-process bot
   */
  public static Sandbox startForAlertProcesses(String alertsYaml, String storageUrl, Duration boardRefresh,
      String limitsExtra) {
    return start(Duration.ofSeconds(60), Duration.ofSeconds(3), "rest", false, null, "live", storageUrl, Map.of(),
        boardRefresh, limitsExtra, alertsYaml);
  }

  /** The sandbox's alert key for its source {@code tv-mes} (a sandbox value: never a real secret). */
  public static final String ALERT_KEY = "sandbox-alert-key-0000000001";

  /**
   * @param port the listener's port
   * @return the sandbox's {@code alerts} section: source {@code tv-mes} on #trading, Sim101 and Sim102, approved by
   *     the Risk role (rita), 120 s to approve
   */
  public static String alertsYaml(int port) {
    return """
        alerts:
          listen: "127.0.0.1:%d"
          sources:
            tv-mes:
              secret_env: ALERT_KEY_TV_MES
              channel_id: "{trading}"
              accounts: [Sim101, Sim102]
              approvers: ["{role:Risk}"]
              ttl_seconds: 120
        """.formatted(port);
  }

  private static Sandbox start(Duration confirmationTimeout, Duration requestTimeout, String transport, boolean inProcessBot,
      java.net.URI crossTradeBaseUrl, String mode, String storageUrl, Map<String, String> storageEnv, Duration boardRefresh,
      String limitsExtra, String extraYaml) {
    CrossTradeSimulator sim = CrossTradeSimulator.start(0, CROSSTRADE_TOKEN, List.of("Sim101", "Sim102", "Live-A"),
        Map.of("MES 12-25", 6000.25, "ES 12-25", 5800.5, "NQ 12-25", 21000.0));
    StandInGuild guild = new StandInGuild(org.crosstradediscord.testing.discord.Snowflakes.next(), "Trading Desk");
    StandInGuild.Role trader = guild.addRole("Trader");
    StandInGuild.Role risk = guild.addRole("Risk");
    StandInGuild.Role junior = guild.addRole("Junior");
    StandInGuild.Channel trading = guild.addChannel("trading");
    StandInGuild.Channel audit = guild.addChannel("audit");
    guild.addMember("alice", trader);
    guild.addMember("bob", trader);
    guild.addMember("rita", trader, risk);
    guild.addMember("carol");
    guild.addMember("june", trader, junior);
    DiscordStandIn discord = DiscordStandIn.start(DISCORD_TOKEN, guild);
    try {
      Path storageDir = Files.createTempDirectory("crosstrade-discord-sandbox"); // the bot's SQLite store and config
      String yaml = """
          mode: %s
          guild_ids: [%d]
          limits:
            default: %s
            by_role:
              "%d": %s
            %s
          roles:
            %s
          accounts:
            allowed: [Sim101, Sim102]
          audit_channel_id: %d
          confirmation_timeout_seconds: %d
          crosstrade:
            base_url: %s
            request_timeout_ms: %d
            transport: %s
            check_at_start: false
          discord:
            rest_base_url: %s
            gateway_url: %s
          storage:
            url: "%s"
          %s
          """.formatted(mode, guild.id(), DEFAULT_LIMITS, junior.id(), JUNIOR_LIMITS,
          String.join("\n  ", limitsExtra.strip().lines().map(String::strip).toList()),
          String.join("\n  ", GRANT_ROLES.entrySet().stream().map(e -> e.getKey() + ": [" + guild.role(e.getValue()).id() + "]").toList()),
          audit.id(),
          confirmationTimeout.toSeconds(), crossTradeBaseUrl != null ? crossTradeBaseUrl : sim.baseUrl(),
          requestTimeout.toMillis(), transport, discord.restBaseUrl(),
          discord.gatewayUrl(), storageUrl != null ? storageUrl : "jdbc:sqlite:" + storageDir.resolve("crosstrade-bot.db"),
          boardRefresh == null ? "" : "board: {channel_id: " + trading.id() + ", accounts: [Sim101, Sim102], refresh_seconds: "
              + boardRefresh.toSeconds() + "}");
      String extra = extraYaml.replace("{trading}", String.valueOf(trading.id()));
      for (StandInGuild.Role r : List.of(trader, risk, junior)) {
        extra = extra.replace("{role:" + r.name() + "}", String.valueOf(r.id()));
      }
      yaml = yaml + extra;
      Path file = storageDir.resolve("config.yaml");
      Files.writeString(file, yaml);
      file.toFile().deleteOnExit();
      BotConfig config = ConfigLoader.load(file);
      Map<String, String> env = new java.util.HashMap<>(secrets());
      env.putAll(storageEnv);
      // As Discord does, the stand-in answers a read of the registered commands for a bot started here (which returns
      // once they are registered); not for a bot process, whose tests wait for the first 200 on …/commands.
      discord.answerCommandReads(inProcessBot);
      DiscordBot bot = inProcessBot ? BotMain.start(config, env) : null;
      Sandbox sandbox = new Sandbox(sim, discord, guild, bot, config, file);
      sandbox.env = Map.copyOf(env);
      return sandbox;
    } catch (java.io.IOException | RuntimeException e) {
      discord.close();
      sim.close();
      throw new IllegalStateException("sandbox could not start: " + e.getMessage(), e);
    }
  }

  /** @return the two sandbox tokens as the bot's environment */
  public static Map<String, String> secrets() {
    return Map.of("DISCORD_TOKEN", DISCORD_TOKEN, "CROSSTRADE_TOKEN", CROSSTRADE_TOKEN);
  }

  /** @return the bot's YAML config file */
  public Path configFile() {
    return configFile;
  }

  /** @return the CrossTrade simulator */
  public CrossTradeSimulator simulator() {
    return simulator;
  }

  /** @return the Discord stand-in */
  public DiscordStandIn discord() {
    return discord;
  }

  /** @return the guild */
  public StandInGuild guild() {
    return guild;
  }

  /** @return the running bot, or null when started without an in-process bot */
  public DiscordBot bot() {
    return bot;
  }

  /**
   * Stops the in-process bot (as SIGTERM would) and starts a new one through the normal start-up path on the same
   * config file, hence the same SQLite store: what survives a restart of the bot process.
   *
   * @return the new bot
   */
  public DiscordBot restartBot() {
    if (bot != null) {
      bot.close();
    }
    config = ConfigLoader.load(configFile);
    bot = BotMain.start(config, env);
    return bot;
  }

  /**
   * Waits until the in-process bot has no review-card read queued or running, so a read made for the previous
   * test's card cannot land after the simulator is reset.
   */
  public void awaitReviewReadsIdle() {
    if (bot != null) {
      org.crosstradediscord.testing.Poll.until(() -> bot.reviewReadsIdle() ? java.util.Optional.of(true)
          : java.util.Optional.empty(), Duration.ofSeconds(10), () -> "review reads still running");
    }
  }

  /**
   * Starts another bot on the same config file — the same store, stand-in and simulator — as a second replica of the
   * desk's bot would run (with PostgreSQL as the store). The stand-in dispatches every interaction to both, as Discord
   * does to two sessions on one shard. Closed with the sandbox.
   *
   * @return the replica
   */
  public DiscordBot startReplica() {
    DiscordBot replica = BotMain.start(ConfigLoader.load(configFile), env);
    replicas.add(replica);
    return replica;
  }

  /** @return the bot's config */
  public BotConfig config() {
    return config;
  }

  /** @return the audit channel's id */
  public long auditChannelId() {
    return config.auditChannelId().orElseThrow();
  }

  /**
   * Stops the in-process bot and starts it again with {@code mode} written into its config file (the sandbox's
   * {@code mode paper|live} command).
   *
   * @param mode paper or live
   */
  public synchronized void restartBot(String mode) {
    if (bot == null) {
      throw new IllegalStateException("no in-process bot");
    }
    bot.close();
    bot = null;
    try {
      String yaml = Files.readString(configFile).replaceFirst("(?m)^mode: \\w+$", "mode: " + mode);
      Files.writeString(configFile, yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    config = ConfigLoader.load(configFile);
    bot = BotMain.start(config, env);
  }

  @Override
  public void close() {
    replicas.forEach(DiscordBot::close);
    if (bot != null) {
      bot.close();
    }
    discord.close();
    simulator.close();
  }
}
