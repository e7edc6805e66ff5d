package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.commands.ReportCommand;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.CrossTradeConfig;
import org.crosstradediscord.bot.config.Secrets;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.discord.DiscordBot.StartupException;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.ops.Ops;
import org.crosstradediscord.bot.ops.StartSplit;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.text.SafeText;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the bot once, in dependency order, each given what it needs through its
 * constructor, and hands them to the running bot's handle ({@link DiscordBot}), which closes them.
 *
 * <p>In order: the store starts opening on its own thread ({@link StoreStart}); the ops endpoint (bound before
 * Discord: a taken port fails fast); the CrossTrade SDK and, with {@code crosstrade.check_at_start}, one read of the
 * accounts (before Discord); JDA logs in ({@link DiscordSession}) behind a {@link StartGate}; then, once the store is
 * open, the audit trail on it, the desk's services ({@link Desk}, the halt state read), the command registry and the
 * {@link InteractionRouter}, which the gate then lets through; once READY, the slash commands, the audit channel, the
 * {@link DeskFeed} (board, P&amp;L stream, daily loss limits); {@code /healthz} ready; the {@link Presence} and the
 * claim recovery; one line with the start-up split ({@link StartSplit}).
 */
public final class BotAssembly {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class); // the bot's log lines keep one logger
  /** CrossTrade calls sent at once. */
  static final int CALL_THREADS = 4;
  /** Confirmed trades waiting for a call thread, at most; beyond it a click is refused ("busy"). */
  static final int CALL_QUEUE = 16;
  /** Read-only CrossTrade calls (answers, autocomplete) at once. */
  static final int READ_THREADS = 4;
  /** Reads waiting for a thread, at most; beyond it a read is refused ("busy"). */
  static final int READ_QUEUE = 32;
  /** The longest an interaction waits for the store (pending confirmations); JDA's gateway thread waits on it. */
  static final Duration STORE_WAIT = Duration.ofSeconds(1);

  private BotAssembly() {}

  /**
   * Starts the bot and returns once it is connected and its commands are registered. The store opens on a thread of
   * its own ({@link StoreStart}) while the ops endpoint is bound, the SDK is built (and, with
   * {@code crosstrade.check_at_start}, reads once) and JDA logs in; JDA's events pass a {@link StartGate} that holds
   * interactions until the router exists, after the store is open and the halt state read.
   *
   * @param config validated config
   * @param secrets the two tokens
   * @param openStore opens the store (halt state, audit trail; e.g. {@code JdbcStore.openForBot}); the bot closes it
   *     when it stops or fails to start
   * @param split where the start-up time goes; its line is logged once the commands are registered
   * @return the running bot; {@link DiscordBot#close()} stops it
   * @throws org.crosstradediscord.bot.store.StoreException the store cannot be opened (reported before any other
   *     failure, as when it opened first)
   * @throws StartupException the SDK builder refused a setting, CrossTrade refused the token or could not be reached
   *     (with {@code crosstrade.check_at_start}), Discord rejected the token, Discord could not be reached, READY did
   *     not come within 60 s, the bot is not in a configured guild, the audit channel is unknown or the bot may not
   *     view it or send messages in it, the board channel is unusable, or {@code ops.listen} cannot be bound. The
   *     message says which, is one line, and never holds a token (text from exceptions is scrubbed of both tokens
   *     and its control characters replaced). Whatever was started is stopped again.
   */
  public static DiscordBot start(BotConfig config, Secrets secrets, Supplier<Store> openStore, StartSplit split) {
    Instant startedAt = Instant.now();
    StoreStart store = StoreStart.begin(openStore, split);
    Ops ops;
    try {
      ops = Ops.start(config.ops().listen()); // bound before Discord: a taken port fails fast
    } catch (IllegalStateException e) {
      throw store.first(new StartupException(e.getMessage()));
    }
    try {
      return start(config, secrets, store, ops, split, startedAt);
    } catch (RuntimeException e) {
      ops.close();
      throw e;
    }
  }

  private static DiscordBot start(BotConfig config, Secrets secrets, StoreStart store, Ops ops, StartSplit split,
      Instant startedAt) {
    List<String> tokens = new java.util.ArrayList<>(List.of(secrets.discordToken(), secrets.crossTradeToken()));
    tokens.addAll(secrets.alertKeys().values());
    long t0 = StartSplit.now();
    CrossTradeClient client;
    try {
      client = crossTrade(config.crosstrade(), secrets.crossTradeToken(), tokens);
      if (config.crosstrade().checkAtStart()) {
        checkCrossTrade(client, config.crosstrade(), tokens); // before Discord is contacted
      }
    } catch (StartupException e) {
      throw store.first(e);
    }
    split.took("sdk", t0, "");
    StartGate gate = new StartGate();
    TradeCalls calls = new TradeCalls(CALL_THREADS, CALL_QUEUE, config.crosstrade().requestTimeout());
    DiscordSession discord;
    t0 = StartSplit.now();
    try {
      discord = DiscordSession.connect(config.discord(), secrets.discordToken(), gate, tokens);
    } catch (StartupException e) {
      calls.close(Duration.ZERO);
      client.close();
      throw store.first(e);
    }
    split.took("discord login", t0, "");
    long loggedIn = StartSplit.now();
    AuditTrail trail;
    try {
      trail = new AuditTrail(store.join());
    } catch (RuntimeException e) {
      gate.fail();
      discord.disconnect();
      calls.close(Duration.ZERO);
      client.close();
      throw e;
    }
    split.also("store", "waited " + (StartSplit.now() - loggedIn) / 1_000_000);
    return assemble(config, secrets.alertKeys(), tokens, trail, ops, client, calls, discord, gate, split, startedAt,
        loggedIn);
  }

  /** The parts that need the store, then READY, the commands and the rest; the gate opens once the router exists. */
  private static DiscordBot assemble(BotConfig config, Map<String, String> alertKeys, List<String> tokens,
      AuditTrail trail, Ops ops,
      CrossTradeClient client, TradeCalls calls, DiscordSession discord, StartGate gate, StartSplit split,
      Instant startedAt, long loggedIn) {
    Desk desk;
    CommandRegistry registry;
    InteractionRouter router;
    Duration grace = shutdownGrace(config.crosstrade());
    try {
      ConfirmationStore confirmations = ConfirmationStore.create(config.confirmationTimeout(), trail.store(), STORE_WAIT);
      AuditLog audit = new AuditLog();
      audit.setTrail(trail::append);
      HaltSwitch halt = new HaltSwitch(trail.store(), audit); // the halt state is read here, before the gate opens
      // Reads (/positions, /orders, autocomplete) on threads of their own: 4 at once, 32 waiting at most.
      Workers reads = new Workers("crosstrade-read", READ_THREADS, READ_QUEUE);
      ApprovalDesk secondPerson = config.approvals() == null ? null : new ApprovalDesk(config.approvals(),
          trail.store(), config.dailyLoss(), discord.jda(), audit, Clock.systemUTC(), reads, config.mode());
      registry = CommandRegistry.standard(trail, halt, secondPerson == null ? null
          : new ResumeRequests(secondPerson, halt, config.mode(), audit, reads));
      if (config.board() != null) { // session reports cover the board's accounts
        registry = registry.plus(new ReportCommand(SessionReports.reader(config, trail), config.board().accounts(),
            Clock.systemUTC()));
      }
      Set<String> names = registry.definitions().stream().map(d -> d.getName()).collect(Collectors.toSet());
      ops.watch(audit, confirmations, client, names);
      desk = new Desk(trail, confirmations, client, audit, halt, calls, reads);
      AlertDeskRun alerts = AlertDeskRun.create(config, alertKeys, desk, discord.jda());
      router = new InteractionRouter(desk, registry, config.policy(), new LimitGuard(config.limits()),
          config.mode(), grace.plus(config.crosstrade().requestTimeout()), alerts, secondPerson);
    } catch (RuntimeException e) {
      gate.fail();
      discord.disconnect();
      calls.close(Duration.ZERO);
      client.close();
      trail.close();
      throw e;
    }
    gate.open(router);
    Presence presence = new Presence(discord.jda(), desk.halt(),
        new ClaimRecovery(desk.confirmations(), discord.jda(), desk.audit(), trail.store().shared(), startedAt));
    DeskFeed feed = DeskFeed.NONE;
    try {
      discord.awaitReady(config.discord());
      split.between("ready", loggedIn, discord.readyAtNanos(), "");
      long t0 = StartSplit.now();
      discord.registerCommands(registry.definitions(), config.guildIds());
      split.took("commands", t0, "");
      split.registered();
      discord.openAuditChannel(config.auditChannelId(), desk.audit());
      feed = DeskFeed.start(config, discord.jda(), desk);
      router.startDesks(); // after READY: their cards need the channels
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      new DiscordBot(desk, ops, grace, discord, router, feed, presence).close(); // what was built, in the one order
      throw new StartupException("interrupted while starting");
    } catch (RuntimeException e) {
      new DiscordBot(desk, ops, grace, discord, router, feed, presence).close();
      throw e instanceof StartupException s ? s
          : new StartupException("start-up failed: " + DiscordSession.unreachable(e, config.discord().restBaseUrl(), tokens));
    }
    ops.ready(discord.jda(), trail.store(), calls::stopping);
    presence.start();
    log.info("storage {} — trading {}", trail.store().describe(), haltedAtStart(desk.halt()) ? "HALTED (use /resume)" : "open");
    log.info("ready as {} — CrossTrade at {} over {}", discord.jda().getSelfUser().getName(),
        BotConfig.display(config.crosstrade().baseUrl()), config.crosstrade().transport());
    log.info("{}", split.line());
    return new DiscordBot(desk, ops, grace, discord, router, feed, presence);
  }

  /**
   * Shutdown waits for calls in flight: the longest one waits up to the request timeout for the SDK's rate limiter,
   * then has connect + request timeout for the exchange; plus a margin. (A claimed trade's lease adds the longest a
   * confirmed trade may wait for a call thread, the request timeout: connect + 3 × request timeout + 5 s.)
   *
   * @param crosstrade the {@code crosstrade} section
   * @return connect timeout + 2 × request timeout + 5 s
   */
  static Duration shutdownGrace(CrossTradeConfig crosstrade) {
    return crosstrade.connectTimeout().plus(crosstrade.requestTimeout().multipliedBy(2)).plusSeconds(5);
  }

  /** @throws StartupException the SDK builder refused a setting */
  private static CrossTradeClient crossTrade(CrossTradeConfig crosstrade, String token, List<String> tokens) {
    try {
      return CrossTradeClient.builder().token(token)
          .baseUrl(crosstrade.baseUrl()).connectTimeout(crosstrade.connectTimeout())
          .requestTimeout(crosstrade.requestTimeout()).transport(crosstrade.transport())
          .maxResponseBytes(crosstrade.maxResponseBytes())
          .allowInsecureHttp(crosstrade.allowInsecureHttp()).build();
    } catch (IllegalArgumentException e) {
      throw new StartupException("the CrossTrade SDK refused a setting: " + SafeText.scrubbed(e.getMessage(), tokens));
    }
  }

  /**
   * One read of the accounts ({@code GET /v1/api/accounts}, bounded by the request timeout) before Discord is
   * contacted: a refused token or an unreachable CrossTrade stops start-up with one line naming the cause and the fix;
   * NinjaTrader not connected yet, or any other answer, is one warning (the bot starts; trades say what fails).
   *
   * @throws StartupException CrossTrade refused the token or could not be reached (the client is closed)
   */
  private static void checkCrossTrade(CrossTradeClient client, CrossTradeConfig crosstrade, List<String> tokens) {
    String where = BotConfig.display(crosstrade.baseUrl());
    try {
      var accounts = client.listAccounts();
      log.info("CrossTrade at {} answered: {} account(s) visible to the token", where,
          accounts == null || accounts.getAccounts() == null ? 0 : accounts.getAccounts().size());
    } catch (UnauthorizedException e) {
      client.close();
      throw new StartupException("CrossTrade at " + where + " refused CROSSTRADE_TOKEN (HTTP 401): copy the secret key"
          + " again from your CrossTrade account (API access needs the Pro plan)");
    } catch (UnreachableException | OutcomeUnknownException e) {
      client.close();
      throw new StartupException("cannot reach CrossTrade at " + where + " (" + SafeText.scrubbed(
          SafeText.oneLine(String.valueOf(e.getMessage())), tokens) + "): check crosstrade.base_url and the network");
    } catch (NinjaTraderNotConnectedException e) {
      log.warn("CrossTrade at {} answers, but NinjaTrader is not connected to it (HTTP 408): start NinjaTrader 8 with the"
          + " CrossTrade add-on; trades fail until then", where);
    } catch (CrossTradeException e) {
      log.warn("CrossTrade at {} answered the start-up read with {}: starting anyway", where,
          SafeText.scrubbed(SafeText.oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()), tokens));
    }
  }

  /** @return whether trading is halted now; true when the store cannot say */
  private static boolean haltedAtStart(HaltSwitch halt) {
    try {
      return halt.current().halted();
    } catch (RuntimeException e) {
      return true;
    }
  }
}
