package org.crosstradediscord.bot.discord;

import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.DiscordConfig;
import org.crosstradediscord.bot.discord.DiscordBot.StartupException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's connection to Discord: JDA built from the config (REST base URL and gateway URL are configurable so the
 * bot can run against a local Discord stand-in), with no privileged gateway intent (the member and its roles come
 * with each interaction) and no mention parsed in any message; then READY, the slash commands in each configured
 * guild, the audit channel, and the disconnect.
 */
final class DiscordSession {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class); // the bot's log lines keep one logger
  /** How long start-up waits for READY, in seconds. */
  static final long READY_TIMEOUT_SECONDS = 60;
  /** How long shutdown waits for the audit channel's posts, in seconds. */
  private static final long AUDIT_POSTS_SECONDS = 5;
  /** How long shutdown waits for JDA to disconnect before forcing it, in seconds. */
  private static final long SHUTDOWN_SECONDS = 10;

  private final JDA jda;
  private final CountDownLatch ready;
  /** {@link System#nanoTime()} when READY came (0 before). */
  private final AtomicLong readyAt;
  /** Audit channel posts not yet answered by Discord; awaited (bounded) at shutdown. */
  private final Set<CompletableFuture<?>> auditPosts = ConcurrentHashMap.newKeySet();

  private DiscordSession(JDA jda, CountDownLatch ready, AtomicLong readyAt) {
    this.jda = jda;
    this.ready = ready;
    this.readyAt = readyAt;
  }

  /**
   * Builds JDA and starts logging in; returns before READY ({@link #awaitReady}).
   *
   * @param config the Discord URLs
   * @param token {@code DISCORD_TOKEN}
   * @param events receives JDA's events after READY's own listener (the {@link StartGate} in front of the router)
   * @param tokens the secrets to scrub from messages
   * @return the session, connecting
   * @throws StartupException Discord rejected the token, JDA refused a setting, or Discord could not be reached
   *     (one line, scrubbed of the tokens)
   */
  static DiscordSession connect(DiscordConfig config, String token, EventListener events, List<String> tokens) {
    CountDownLatch ready = new CountDownLatch(1);
    AtomicLong readyAt = new AtomicLong();
    String gateway = config.gatewayUrl().toString();
    // Second layer behind DiscordText: no message of the bot may ping anyone (allowed mentions "parse": [],
    // https://discord.com/developers/docs/resources/message#allowed-mentions-object). JDA applies this default to
    // every message, reply and interaction response it builds from now on.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    try {
      JDA jda = JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
          .setRestConfig(new RestConfig().setBaseUrl(config.restBaseUrl().toString()))
          .setSessionController(new SessionControllerAdapter() {
            @Override
            public String getGateway() {
              return gateway;
            }
          })
          .setCompression(Compression.NONE)
          .setEnableShutdownHook(false)
          .addEventListeners(new ListenerAdapter() {
            @Override
            public void onReady(ReadyEvent event) {
              readyAt.set(System.nanoTime());
              ready.countDown();
            }
          }, events)
          .build();
      return new DiscordSession(jda, ready, readyAt);
    } catch (InvalidTokenException e) {
      throw new StartupException("Discord rejected DISCORD_TOKEN (check the bot token)");
    } catch (IllegalArgumentException e) {
      throw new StartupException("cannot start JDA: " + SafeText.scrubbed(e.getMessage(), tokens));
    } catch (RuntimeException e) {
      throw new StartupException("cannot reach Discord at " + BotConfig.display(config.restBaseUrl()) + ": "
          + unreachable(e, config.restBaseUrl(), tokens));
    }
  }

  /**
   * Why Discord could not be reached, in an admin's words with the setting to check, e.g.
   * {@code unknown host discord.example (check discord.rest_base_url and DNS)}: JDA reports it as
   * {@code ErrorResponseException: -1: java.net.UnknownHostException}, which names classes, not the fault. An
   * unrecognised failure keeps its type and message ({@link DiscordBot#describe}), scrubbed of the tokens.
   */
  static String unreachable(Throwable e, java.net.URI restBase, List<String> tokens) {
    String host = restBase.getHost() == null ? String.valueOf(restBase) : restBase.getHost();
    String all = SafeText.oneLine(DiscordBot.describe(e, tokens));
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable c = e; c != null && seen.add(c); c = c.getCause()) {
      if (c instanceof java.net.UnknownHostException u) {
        String named = u.getMessage() == null || u.getMessage().isBlank() ? host : u.getMessage().split(":", 2)[0].strip();
        return "unknown host " + SafeText.scrubbed(SafeText.oneLine(named), tokens)
            + " (check discord.rest_base_url and DNS)";
      }
      if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException) {
        return "connection refused by " + host + " (check discord.rest_base_url, and that this machine may connect"
            + " out to it)";
      }
      if (c instanceof java.net.SocketTimeoutException || c instanceof java.net.http.HttpConnectTimeoutException) {
        return "no connection to " + host + " in time (check discord.rest_base_url, the network or a proxy/firewall)";
      }
      if (c instanceof javax.net.ssl.SSLException) {
        return "the TLS handshake with " + host + " failed (check discord.rest_base_url and the machine's clock and"
            + " CA certificates)";
      }
    }
    if (all.contains("UnknownHostException")) { // only named in a message, without the cause attached
      return "unknown host " + host + " (check discord.rest_base_url and DNS)";
    }
    if (all.contains("ConnectException")) {
      return "connection refused by " + host + " (check discord.rest_base_url, and that this machine may connect"
          + " out to it)";
    }
    if (e instanceof ErrorResponseException r && r.getErrorCode() > 0) {
      return "Discord refused it: " + SafeText.scrubbed(SafeText.oneLine(r.getMeaning()), tokens) + " (code "
          + r.getErrorCode() + "; check the bot's permissions in the guild and the ids in the config)";
    }
    return all;
  }

  /** @return the JDA instance */
  JDA jda() {
    return jda;
  }

  /** @return {@link System#nanoTime()} when READY came, or now when it has not come yet */
  long readyAtNanos() {
    long at = readyAt.get();
    return at == 0 ? System.nanoTime() : at;
  }

  /**
   * @param config the Discord URLs (the gateway's, for the message)
   * @throws StartupException READY did not come within {@value #READY_TIMEOUT_SECONDS} s
   * @throws InterruptedException interrupted while waiting
   */
  void awaitReady(DiscordConfig config) throws InterruptedException {
    if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new StartupException("Discord gateway not ready within " + READY_TIMEOUT_SECONDS + " s ("
          + BotConfig.display(config.gatewayUrl()) + ")");
    }
  }

  /**
   * Registers the slash commands in each guild, in one batch per guild (replacing the guild's commands), unless the
   * guild's registered commands already are exactly these ({@link CommandSet}: one GET; on any doubt or failure of
   * it, they are registered).
   *
   * @param definitions the commands
   * @param guildIds the configured guilds
   * @throws StartupException the bot is not a member of a guild
   */
  void registerCommands(Collection<? extends CommandData> definitions, List<Long> guildIds) {
    for (long guildId : guildIds) {
      Guild guild = jda.getGuildById(guildId);
      if (guild == null) {
        throw new StartupException("guild_ids: the bot is not a member of guild " + guildId);
      }
      if (CommandSet.registered(guild, definitions)) {
        log.info("slash commands in guild {} ({}) unchanged: {} registered", guild.getName(), guildId,
            definitions.size());
        continue;
      }
      guild.updateCommands().addCommands(definitions).complete();
      log.info("registered {} slash commands in guild {} ({})", definitions.size(), guild.getName(), guildId);
    }
  }

  /**
   * Checks the audit channel and, when it is usable, has the audit log post one line per event there (no mention,
   * no embed); a failed post is one warning.
   *
   * @param channelId {@code audit_channel_id}; empty: nothing is posted
   * @param audit the audit log that posts
   * @throws StartupException no text channel with that id is visible to the bot, or the bot may not view it or send
   *     messages in it
   */
  void openAuditChannel(OptionalLong channelId, AuditLog audit) {
    if (channelId.isEmpty()) {
      return;
    }
    long id = channelId.getAsLong();
    TextChannel channel = jda.getTextChannelById(id);
    if (channel == null) {
      throw new StartupException("audit_channel_id: no text channel " + id + " visible to the bot");
    }
    Set<Permission> missing = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND);
    missing.removeAll(channel.getGuild().getSelfMember().getPermissions(channel));
    if (!missing.isEmpty()) {
      throw new StartupException("audit_channel_id: the bot lacks " + missing.stream()
          .map(Permission::getName).collect(Collectors.joining(" and "))
          + " in #" + SafeText.oneLine(channel.getName()) + " (" + id + "); fix: allow View Channel and"
          + " Send Messages for the bot there (channel settings → Permissions), or remove audit_channel_id");
    }
    audit.setChannel(line -> {
      CompletableFuture<?> post = channel.sendMessage(line).setAllowedMentions(List.of())
          .setSuppressEmbeds(true).submit();
      auditPosts.add(post);
      post.whenComplete((ok, err) -> {
        auditPosts.remove(post);
        if (err != null) {
          log.warn("audit channel post failed: {}", err.toString());
        }
      });
    });
  }

  /**
   * Waits (at most {@value #AUDIT_POSTS_SECONDS} s) for the audit channel's posts not yet answered: the channel must
   * see every result line before Discord is disconnected. One warning when some were not delivered.
   */
  void awaitAuditPosts() {
    try {
      CompletableFuture.allOf(auditPosts.toArray(CompletableFuture[]::new)).get(AUDIT_POSTS_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("some audit channel posts were not delivered before shutdown ({})", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Disconnects from Discord: waits up to {@value #SHUTDOWN_SECONDS} s, then forces it (at once when interrupted). */
  void disconnect() {
    try {
      jda.shutdown();
      if (!jda.awaitShutdown(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        jda.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jda.shutdownNow();
    }
  }
}
