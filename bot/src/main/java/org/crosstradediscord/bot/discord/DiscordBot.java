package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.board.DailyLossGuard;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.ops.Ops;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.PnlStream;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.text.SafeText;
import org.crosstradediscord.bot.config.Secrets;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.client.CrossTradeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: builds the CrossTrade SDK and JDA from the config (REST base URL and gateway URL are
 * configurable so the bot can run against a local Discord stand-in), waits for READY, registers the slash
 * commands in each configured guild in one batch, and wires the audit channel. No privileged gateway intents:
 * the member and its roles come with each interaction.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
  private static final long READY_TIMEOUT_SECONDS = 60;
  /** CrossTrade calls sent at once. */
  static final int CALL_THREADS = 4;
  /** Confirmed trades waiting for a call thread, at most; beyond it a click is refused ("busy"). */
  static final int CALL_QUEUE = 16;
  /** Read-only CrossTrade calls (answers, autocomplete) at once. */
  static final int READ_THREADS = 4;
  /** Reads waiting for a thread, at most; beyond it a read is refused ("busy"). */
  static final int READ_QUEUE = 32;

  private final JDA jda;
  private final TradeCalls calls;
  private final ConfirmationStore store;
  private final CrossTradeClient client;
  private final Duration grace;
  /** Audit channel posts not yet answered by Discord; awaited (bounded) at shutdown. */
  private final java.util.Set<java.util.concurrent.CompletableFuture<?>> auditPosts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Workers reads;
  private AuditTrail trail;
  private HaltSwitch halt;
  /** Re-reads the halt state every {@value #PRESENCE_POLL_SECONDS} s for the presence (another replica may change it). */
  private final java.util.concurrent.ScheduledExecutorService presencePoll =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "presence");
        t.setDaemon(true);
        return t;
      });
  private final java.util.concurrent.atomic.AtomicReference<Boolean> shownHalted = new java.util.concurrent.atomic.AtomicReference<>();
  static final int PRESENCE_POLL_SECONDS = 5;
  /** The longest an interaction waits for the store (pending confirmations); JDA's gateway thread waits on it. */
  static final Duration STORE_WAIT = Duration.ofSeconds(1);

  private volatile InteractionRouter handler;
  private volatile DeskBoard board;
  private volatile PnlStream pnl;
  private AuditLog audit;
  private volatile Ops ops = Ops.OFF;

  /** @return where {@code /healthz} and {@code /metrics} are served (the real port), or empty without {@code ops.listen} */
  public java.util.Optional<java.net.InetSocketAddress> opsAddress() {
    return ops.address();
  }
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @return true when no review card is reading what it affects (no GET queued or running); for tests and
   *     diagnostics, e.g. to await quiet before resetting the upstream
   */
  public boolean reviewReadsIdle() {
    InteractionRouter h = handler;
    return h == null || h.reviewReadsIdle();
  }

  private DiscordBot(JDA jda, TradeCalls calls, ConfirmationStore store, CrossTradeClient client, Duration grace) {
    this.grace = grace;
    this.jda = jda;
    this.calls = calls;
    this.store = store;
    this.client = client;
  }

  /**
   * Starts the bot and returns once it is connected and its commands are registered.
   *
   * @param config validated config
   * @param secrets the two tokens
   * @param durable the opened store (halt state, audit trail); the bot closes it when it stops or fails to start
   * @return the running bot; {@link #close()} stops it
   * @throws StartupException the SDK builder refused a setting, Discord rejected the token, Discord could not be
   *     reached, READY did not come within 60 s, the bot is not in a configured guild, the audit channel is
   *     unknown or the bot may not view it or send messages in it, or {@code ops.listen} cannot be bound. The message says which, is one line, and never holds a token (text from exceptions is scrubbed of
   *     both tokens and its control characters replaced).
   */
  public static DiscordBot start(BotConfig config, Secrets secrets, Store durable) {
    AuditTrail trail = new AuditTrail(durable);
    Ops ops;
    try {
      ops = Ops.start(config.ops().listen()); // bound before Discord: a taken port fails fast
    } catch (IllegalStateException e) {
      trail.close();
      throw new StartupException(e.getMessage());
    }
    try {
      return start(config, secrets, trail, ops);
    } catch (RuntimeException e) {
      ops.close();
      trail.close();
      throw e;
    }
  }

  private static DiscordBot start(BotConfig config, Secrets secrets, AuditTrail trail,
      Ops ops) {
    java.time.Instant startedAt = java.time.Instant.now();
    List<String> tokens = List.of(secrets.discordToken(), secrets.crossTradeToken());
    CrossTradeClient client;
    try {
      client = CrossTradeClient.builder().token(secrets.crossTradeToken())
          .baseUrl(config.crosstrade().baseUrl()).connectTimeout(config.crosstrade().connectTimeout())
          .requestTimeout(config.crosstrade().requestTimeout()).transport(config.crosstrade().transport())
          .maxResponseBytes(config.crosstrade().maxResponseBytes())
          .allowInsecureHttp(config.crosstrade().allowInsecureHttp()).build();
    } catch (IllegalArgumentException e) {
      throw new StartupException("the CrossTrade SDK refused a setting: " + SafeText.scrubbed(e.getMessage(), tokens));
    }
    if (config.crosstrade().checkAtStart()) {
      checkCrossTrade(client, config, tokens);
    }
    ConfirmationStore store = ConfirmationStore.create(config.confirmationTimeout(), trail.store(), STORE_WAIT);
    AuditLog audit = new AuditLog();
    audit.setTrail(trail::append);
    HaltSwitch halt = new HaltSwitch(trail.store(), audit);
    // 4 calls at once, 16 waiting at most; a confirmed trade older than the request timeout is never sent late.
    TradeCalls calls = new TradeCalls(CALL_THREADS, CALL_QUEUE, config.crosstrade().requestTimeout());
    CommandRegistry registry = CommandRegistry.standard(trail, halt);
    ops.watch(audit, store, client, registry.definitions().stream().map(d -> d.getName())
        .collect(java.util.stream.Collectors.toSet()));
    // Reads (/positions, /orders, autocomplete) on threads of their own: 4 at once, 32 waiting at most.
    Workers reads = new Workers("crosstrade-read", READ_THREADS, READ_QUEUE);
    // Shutdown waits for calls in flight: the longest one waits up to the request timeout for the SDK's rate limiter,
    // then has connect + request timeout for the exchange; plus a margin. A claimed trade's lease adds the longest a
    // confirmed trade may wait for a call thread (the request timeout): connect + 3 x request timeout + 5 s.
    Duration grace = config.crosstrade().connectTimeout().plus(config.crosstrade().requestTimeout().multipliedBy(2)).plusSeconds(5);
    InteractionRouter handler = new InteractionRouter(registry, config.policy(), store, client, audit, calls, reads,
        new LimitGuard(config.limits()), config.mode(), halt,
        grace.plus(config.crosstrade().requestTimeout()));
    CountDownLatch ready = new CountDownLatch(1);
    String gateway = config.discord().gatewayUrl().toString();

    // Second layer behind DiscordText: no message of the bot may ping anyone (allowed mentions "parse": [],
    // https://discord.com/developers/docs/resources/message#allowed-mentions-object). JDA applies this default to
    // every message, reply and interaction response it builds from now on.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    JDA jda;
    try {
      jda = JDABuilder.createLight(secrets.discordToken(), EnumSet.noneOf(GatewayIntent.class))
          .setRestConfig(new RestConfig().setBaseUrl(config.discord().restBaseUrl().toString()))
          .setSessionController(new SessionControllerAdapter() {
            @Override
            public String getGateway() {
              return gateway;
            }
          })
          .setCompression(Compression.NONE)
          .setEnableShutdownHook(false)
          .addEventListeners(handler, new ListenerAdapter() {
            @Override
            public void onReady(ReadyEvent event) {
              ready.countDown();
            }
          })
          .build();
    } catch (InvalidTokenException e) {
      calls.close(Duration.ZERO);
      client.close();
      throw new StartupException("Discord rejected DISCORD_TOKEN (check the bot token)");
    } catch (IllegalArgumentException e) {
      calls.close(Duration.ZERO);
      client.close();
      throw new StartupException("cannot start JDA: " + SafeText.scrubbed(e.getMessage(), tokens));
    } catch (RuntimeException e) {
      calls.close(Duration.ZERO);
      client.close();
      throw new StartupException("cannot reach Discord at " + BotConfig.display(config.discord().restBaseUrl()) + ": "
          + describe(e, tokens));
    }
    DiscordBot bot = new DiscordBot(jda, calls, store, client, grace);
    bot.ops = ops;
    bot.handler = handler;
    bot.reads = reads;
    bot.trail = trail;
    bot.halt = halt;
    bot.audit = audit;
    try {
      if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new StartupException("Discord gateway not ready within " + READY_TIMEOUT_SECONDS + " s ("
            + BotConfig.display(config.discord().gatewayUrl()) + ")");
      }
      var definitions = registry.definitions();
      for (long guildId : config.guildIds()) {
        Guild guild = jda.getGuildById(guildId);
        if (guild == null) {
          throw new StartupException("guild_ids: the bot is not a member of guild " + guildId);
        }
        guild.updateCommands().addCommands(definitions).complete();
        log.info("registered {} slash commands in guild {} ({})", definitions.size(), guild.getName(), guildId);
      }
      if (config.auditChannelId().isPresent()) {
        long channelId = config.auditChannelId().getAsLong();
        TextChannel channel = jda.getTextChannelById(channelId);
        if (channel == null) {
          throw new StartupException("audit_channel_id: no text channel " + channelId + " visible to the bot");
        }
        java.util.Set<net.dv8tion.jda.api.Permission> missing = java.util.EnumSet.of(
            net.dv8tion.jda.api.Permission.VIEW_CHANNEL, net.dv8tion.jda.api.Permission.MESSAGE_SEND);
        missing.removeAll(channel.getGuild().getSelfMember().getPermissions(channel));
        if (!missing.isEmpty()) {
          throw new StartupException("audit_channel_id: the bot lacks " + missing.stream()
              .map(net.dv8tion.jda.api.Permission::getName).collect(java.util.stream.Collectors.joining(" and "))
              + " in #" + SafeText.oneLine(channel.getName()) + " (" + channelId + "); fix: allow View Channel and"
              + " Send Messages for the bot there (channel settings → Permissions), or remove audit_channel_id");
        }
        audit.setChannel(line -> {
          java.util.concurrent.CompletableFuture<?> post = channel.sendMessage(line).setAllowedMentions(List.of())
              .setSuppressEmbeds(true).submit();
          bot.auditPosts.add(post);
          post.whenComplete((ok, err) -> {
            bot.auditPosts.remove(post);
            if (err != null) {
              log.warn("audit channel post failed: {}", err.toString());
            }
          });
        });
      }
      bot.startBoard(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      bot.close();
      throw new StartupException("interrupted while starting");
    } catch (RuntimeException e) {
      bot.close();
      throw e instanceof StartupException s ? s : new StartupException("start-up failed: " + describe(e, tokens));
    }
    ops.ready(jda, trail.store(), bot::isStopping);
    halt.onChange(bot::showHalt);
    ClaimRecovery recovery = new ClaimRecovery(store, jda, audit, trail.store().shared(), startedAt);
    recovery.run(); // trades a dead process left claimed: "outcome unknown"
    bot.presencePoll.scheduleWithFixedDelay(recovery::run, ClaimRecovery.PERIOD_SECONDS,
        ClaimRecovery.PERIOD_SECONDS, TimeUnit.SECONDS);
    bot.presencePoll.scheduleWithFixedDelay(bot::refreshPresence, 0, PRESENCE_POLL_SECONDS, TimeUnit.SECONDS);
    log.info("storage {} — trading {}", trail.store().describe(), bot.haltedAtStart() ? "HALTED (use /resume)" : "open");
    log.info("ready as {} — CrossTrade at {} over {}", jda.getSelfUser().getName(), BotConfig.display(config.crosstrade().baseUrl()),
        config.crosstrade().transport());
    return bot;
  }

  /**
   * Starts the P&amp;L stream when the board or a daily loss limit needs it, and the board.
   *
   * @throws StartupException the board channel is unusable
   */
  private void startBoard(BotConfig config) {
    boolean limits = !config.dailyLoss().byAccount().isEmpty();
    if (config.board() == null && !limits) {
      return;
    }
    // The board draws at most once per refresh whatever the stream's pace; a daily loss limit wants frames every 5 s.
    Duration interval = config.board() == null ? Duration.ofSeconds(5) : config.board().refresh();
    if (limits && interval.compareTo(Duration.ofSeconds(5)) > 0) {
      interval = Duration.ofSeconds(5);
    }
    if (interval.compareTo(CrossTradeClient.MAX_PNL_INTERVAL) > 0) {
      interval = CrossTradeClient.MAX_PNL_INTERVAL;
    }
    DeskBoard b = null;
    if (config.board() != null) {
      b = new DeskBoard(config.board(), jda, trail.store(), halt::current, interval);
      try {
        b.start();
      } catch (IllegalStateException e) {
        throw new StartupException(e.getMessage());
      }
      board = b;
    }
    DailyLossGuard guard = !limits ? null
        : new DailyLossGuard(config.dailyLoss(), trail.store(), halt, client, audit,
            new Invoker(jda.getSelfUser().getIdLong(), "crosstrade-bot (daily loss limit)",
                java.util.Set.of()), config.mode(), java.time.Clock.systemUTC());
    DeskBoard shown = b;
    pnl = client.streamPnl(interval, update -> {
      if (shown != null) {
        shown.onUpdate(update);
      }
      if (guard != null) {
        guard.check(update);
      }
    });
    log.info("P&L stream every {} ms for {}{}", interval.toMillis(), config.board() == null ? "" : "the desk board",
        limits ? (config.board() == null ? "" : " and ") + "daily loss limits " + config.dailyLoss().summary() : "");
  }

  /**
   * One read of the accounts ({@code GET /v1/api/accounts}, bounded by the request timeout) before Discord is
   * contacted: a refused token or an unreachable CrossTrade stops start-up with one line naming the cause and the fix;
   * NinjaTrader not connected yet, or any other answer, is one warning (the bot starts; trades say what fails).
   *
   * @throws StartupException CrossTrade refused the token or could not be reached
   */
  private static void checkCrossTrade(CrossTradeClient client, BotConfig config, List<String> tokens) {
    String where = BotConfig.display(config.crosstrade().baseUrl());
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

  /** @return the desk board, or null when {@code board} is not configured */
  public DeskBoard board() {
    return board;
  }

  /** @return the JDA instance (for tests and diagnostics) */
  public JDA jda() {
    return jda;
  }

  /** @return true once {@link #close()} began: Confirm clicks are refused from then on */
  public boolean isStopping() {
    return calls.stopping();
  }

  /** @return how long {@link #close()} waits for CrossTrade calls in flight: connect + 2 × request timeout + 5 s */
  public Duration shutdownGrace() {
    return grace;
  }

  /** @return the CrossTrade SDK the bot trades and reads with (for tests and diagnostics) */
  public CrossTradeClient crossTrade() {
    return client;
  }

  /** @return the halt switch (backed by the store) */
  public HaltSwitch halt() {
    return halt;
  }

  /** @return the durable audit trail */
  public AuditTrail auditTrail() {
    return trail;
  }

  private boolean haltedAtStart() {
    try {
      return halt.current().halted();
    } catch (RuntimeException e) {
      return true;
    }
  }

  private void refreshPresence() {
    try {
      showHalt(halt.current());
    } catch (RuntimeException e) {
      log.debug("presence not refreshed: {}", SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** Shows the halt in the bot's presence: Do Not Disturb with "HALTED …", else Online. */
  private void showHalt(HaltState state) {
    Boolean previous = shownHalted.getAndSet(state.halted());
    if (previous != null && previous == state.halted()) {
      return;
    }
    try {
      if (state.halted()) {
        jda.getPresence().setPresence(net.dv8tion.jda.api.OnlineStatus.DO_NOT_DISTURB,
            net.dv8tion.jda.api.entities.Activity.customStatus("HALTED: no new positions (/resume)"));
      } else {
        jda.getPresence().setPresence(net.dv8tion.jda.api.OnlineStatus.ONLINE,
            net.dv8tion.jda.api.entities.Activity.customStatus("Trading open"));
      }
    } catch (RuntimeException e) {
      shownHalted.set(previous);
      log.debug("presence not updated: {}", SafeText.oneLine(e.toString()));
    }
  }

  /** @return pending confirmations */
  public ConfirmationStore confirmations() {
    return store;
  }

  /**
   * Stops: Confirm clicks from now on are refused (never audited "confirmed"); confirmed trades not yet sent are
   * reported "not sent"; calls in flight get {@link #shutdownGrace()} (the SDK's deadline ends them before
   * that), and any still running after it has its card edited to "outcome unknown — the bot was shutting down;
   * check NinjaTrader" and a {@code result} audit line; then Discord is disconnected. A second call does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ops.stopping(); // /healthz: 503 "stopping" while the calls in flight finish
    presencePoll.shutdownNow();
    if (board != null) {
      board.close();
    }
    if (pnl != null) {
      pnl.close();
    }
    calls.close(grace);
    reads.close();
    handler.close();
    halt.close(); // its poll must not outlive the store
    try {
      // the audit channel must see every result line before Discord is disconnected (bounded)
      java.util.concurrent.CompletableFuture.allOf(auditPosts.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("some audit channel posts were not delivered before shutdown ({})", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      client.close();
      jda.shutdown();
      if (!jda.awaitShutdown(10, TimeUnit.SECONDS)) {
        jda.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jda.shutdownNow();
    }
    store.close();
    if (trail != null) {
      trail.close();
    }
    ops.close();
    log.info("stopped");
  }

  /**
   * One line for an exception from outside: its type and message, then the innermost cause's (the one that says
   * "Connection refused"; JDA's {@code ContextException}, a call-site trace, is skipped), scrubbed of the tokens.
   */
  static String describe(Throwable e, List<String> tokens) {
    Throwable root = e;
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    seen.add(e);
    for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
      if (!c.getClass().getSimpleName().equals("ContextException")) {
        root = c;
      }
    }
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (root != e) {
      text += " (cause: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
          + ")";
    }
    return SafeText.scrubbed(text, tokens);
  }

  /** The bot could not start; the message says why and names the config key or variable when one is at fault. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
      super(message);
    }
  }
}
