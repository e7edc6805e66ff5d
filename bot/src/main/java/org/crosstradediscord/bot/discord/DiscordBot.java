package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  private final JDA jda;
  private final ExecutorService calls;
  private final ConfirmationStore store;
  private final CrossTradeClient client;
  private final Duration grace;

  private DiscordBot(JDA jda, ExecutorService calls, ConfirmationStore store, CrossTradeClient client, Duration grace) {
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
   * @return the running bot; {@link #close()} stops it
   * @throws StartupException Discord rejected the token, READY did not come within 60 s, the bot is not in a
   *     configured guild, or the audit channel is unknown (the message says which; never a token)
   */
  public static DiscordBot start(BotConfig config, Secrets secrets) {
    CrossTradeClient client = CrossTradeClient.builder().token(secrets.crossTradeToken())
        .baseUrl(config.crossTradeBaseUrl()).connectTimeout(config.crossTradeConnectTimeout())
        .requestTimeout(config.crossTradeRequestTimeout()).transport(config.crossTradeTransport()).build();
    ConfirmationStore store = ConfirmationStore.create(config.confirmationTimeout());
    AuditLog audit = new AuditLog();
    ExecutorService calls = Executors.newFixedThreadPool(4, named("crosstrade-call"));
    CommandRegistry registry = CommandRegistry.standard();
    InteractionHandler handler = new InteractionHandler(registry, config.policy(), store, client, audit, calls);
    CountDownLatch ready = new CountDownLatch(1);
    String gateway = config.discordGatewayUrl().toString();

    // Second layer behind DiscordText: no message of the bot may ping anyone (allowed mentions "parse": [],
    // https://discord.com/developers/docs/resources/message#allowed-mentions-object). JDA applies this default to
    // every message, reply and interaction response it builds from now on.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    JDA jda;
    try {
      jda = JDABuilder.createLight(secrets.discordToken(), EnumSet.noneOf(GatewayIntent.class))
          .setRestConfig(new RestConfig().setBaseUrl(config.discordRestBaseUrl().toString()))
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
      calls.shutdown();
      client.close();
      throw new StartupException("Discord rejected DISCORD_TOKEN (check the bot token)");
    } catch (IllegalArgumentException e) {
      calls.shutdown();
      client.close();
      throw new StartupException("cannot start JDA: " + e.getMessage());
    }
    // Shutdown waits for calls in flight: the longest one takes connect + request timeout, plus a margin.
    Duration grace = config.crossTradeConnectTimeout().plus(config.crossTradeRequestTimeout()).plusSeconds(5);
    DiscordBot bot = new DiscordBot(jda, calls, store, client, grace);
    try {
      if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new StartupException("Discord gateway not ready within " + READY_TIMEOUT_SECONDS + " s ("
            + config.discordGatewayUrl() + ")");
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
        audit.setChannel(line -> channel.sendMessage(line).setAllowedMentions(List.of())
            .setSuppressEmbeds(true)
            .queue(ok -> { }, err -> log.warn("audit channel post failed: {}", err.toString())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      bot.close();
      throw new StartupException("interrupted while starting");
    } catch (RuntimeException e) {
      bot.close();
      throw e instanceof StartupException s ? s : new StartupException("start-up failed: " + e);
    }
    log.info("ready as {} — CrossTrade at {} over {}", jda.getSelfUser().getName(), config.crossTradeBaseUrl(),
        config.crossTradeTransport());
    return bot;
  }

  /** @return the JDA instance (for tests and diagnostics) */
  public JDA jda() {
    return jda;
  }

  /** @return pending confirmations */
  public ConfirmationStore confirmations() {
    return store;
  }

  /**
   * Stops taking interactions, lets CrossTrade calls in flight finish (up to connect + request timeout + 5 s, so a
   * call is never abandoned half-way by us), then disconnects from Discord.
   */
  @Override
  public void close() {
    calls.shutdown();
    try {
      if (!calls.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("CrossTrade calls still running after {} ms at shutdown; their outcome is unknown", grace.toMillis());
      }
      client.close();
      jda.shutdown();
      if (!jda.awaitShutdown(10, TimeUnit.SECONDS)) {
        jda.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jda.shutdownNow();
    }
    log.info("stopped");
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }

  /** The bot could not start; the message says why and names the config key or variable when one is at fault. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
      super(message);
    }
  }
}
