package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.crosstradediscord.testing.Poll;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.config.JettyWebSocketServletContainerInitializer;

/**
 * A local stand-in for Discord that a real JDA bot connects to: REST under {@code /api/v10} and a gateway
 * WebSocket at {@code /gateway}, on one ephemeral loopback port. It plays the guilds given at start (roles,
 * members, channels), dispatches slash commands, autocomplete requests and button clicks as
 * {@code INTERACTION_CREATE}, records every REST call, keeps the messages members would see, and enforces
 * Discord's rules so tests fail as production would:
 *
 * <ul>
 *   <li>the initial response within 3 s of the dispatch, else 404 {@code 10062 Unknown interaction};
 *   <li>one acknowledgement per interaction, else 400 {@code 40060};
 *   <li>interaction tokens valid 15 minutes for webhook calls, else 401 {@code 50027};
 *   <li>{@code custom_id} 1–100 characters and unique per message, else 400 {@code 50035};
 *   <li>command registration limits ({@link CommandRules}), else 400 {@code 50035 Invalid Form Body};
 *   <li>a message with files ({@code multipart/form-data}: {@code payload_json} and {@code files[n]}) takes PNG images
 *       of at most 10 MiB each: a larger file is 413 {@code 40005 Request entity too large}, another type 400
 *       {@code 50035}; accepted files become the message's {@code attachments} ({@link #attachment} reads them).
 * </ul>
 *
 * Facts about the payloads JDA 6.5.0 needs: {@code shared/reference/discord-standin.md}.
 */
public final class DiscordStandIn implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long INITIAL_RESPONSE_MS = 3_000;
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  private final String botToken;
  private final long botId = Snowflakes.next();
  private final long applicationId = Snowflakes.next();
  private final String botName = "crosstrade-bot";
  private final List<StandInGuild> guilds;
  private final Server server;
  private final List<CapturedCall> calls = new CopyOnWriteArrayList<>();
  private final Map<Long, ArrayNode> commandsByGuild = new ConcurrentHashMap<>();
  private volatile boolean commandReads;
  private final Map<Long, StoredMessage> messages = new ConcurrentHashMap<>();
  private final Map<Long, StandInInteraction> interactionsById = new ConcurrentHashMap<>();
  private final Map<String, StandInInteraction> interactionsByToken = new ConcurrentHashMap<>();
  private final CountDownLatch identified = new CountDownLatch(1);
  private final AtomicLong clockOffsetMs = new AtomicLong();
  /** Every identified gateway connection: like Discord with two sessions on one shard, each gets every dispatch. */
  private final java.util.Set<GatewaySession> sessions = new java.util.concurrent.CopyOnWriteArraySet<>();
  /** Gateway sessions numbered 1, 2, … in the order they identified; the bench tells two bot processes apart by it. */
  private final java.util.concurrent.atomic.AtomicInteger sessionNumbers = new java.util.concurrent.atomic.AtomicInteger();
  /** The one session dispatches go to, by number; 0: every identified session. */
  private volatile int dispatchOnlyTo;

  /** A message the stand-in holds, with who may see it. */
  static final class StoredMessage {
    final long id;
    final long channelId;
    final boolean ephemeral;
    final long visibleTo;
    volatile ObjectNode raw;

    StoredMessage(long id, long channelId, boolean ephemeral, long visibleTo, ObjectNode raw) {
      this.id = id;
      this.channelId = channelId;
      this.ephemeral = ephemeral;
      this.visibleTo = visibleTo;
      this.raw = raw;
    }

    StandInMessage view() {
      return new StandInMessage(id, ephemeral, visibleTo, raw.deepCopy());
    }
  }

  private DiscordStandIn(String botToken, List<StandInGuild> guilds) {
    this.botToken = botToken;
    this.guilds = List.copyOf(guilds);
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("discord-standin");
    this.server = new Server(threads);
  }

  /**
   * Starts the stand-in on an ephemeral loopback port.
   *
   * @param botToken the bot token it accepts ({@code Authorization: Bot <token>} and IDENTIFY)
   * @param guilds the guilds the bot is in
   * @return the running stand-in
   */
  public static DiscordStandIn start(String botToken, StandInGuild... guilds) {
    DiscordStandIn d = new DiscordStandIn(botToken, List.of(guilds));
    ServerConnector connector = new ServerConnector(d.server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    d.server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new StandInRest(d)), "/api/*");
    JettyWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
      container.setIdleTimeout(Duration.ofMinutes(10));
      container.addMapping("/gateway", (req, res) -> new GatewaySession(d));
    });
    d.server.setHandler(context);
    try {
      d.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Discord stand-in could not start: " + e.getMessage(), e);
    }
    return d;
  }

  /** @return REST base URL for JDA's RestConfig, e.g. {@code http://127.0.0.1:4321/api/v10/} */
  public String restBaseUrl() {
    return "http://127.0.0.1:" + port() + "/api/v10/";
  }

  /** @return gateway URL for JDA's SessionController, e.g. {@code ws://127.0.0.1:4321/gateway} */
  public String gatewayUrl() {
    return "ws://127.0.0.1:" + port() + "/gateway";
  }

  /** @return the guilds played */
  public List<StandInGuild> guilds() {
    return guilds;
  }

  /** @return the bot's user id */
  public long botId() {
    return botId;
  }

  /**
   * @param timeout how long to wait
   * @return true when a bot identified on the gateway and got READY and its guilds
   */
  public boolean awaitIdentified(Duration timeout) throws InterruptedException {
    return identified.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * @param guildId a guild
   * @return the commands the bot registered there (as Discord stored them), empty when none
   */
  public ArrayNode registeredCommands(long guildId) {
    ArrayNode a = commandsByGuild.get(guildId);
    return a == null ? JSON.createArrayNode() : a.deepCopy();
  }

  /**
   * Whether {@code GET /applications/{id}/guilds/{id}/commands} is answered (200, the stored commands as
   * {@link #registeredCommands} gives them, {@code []} when none), as Discord does. Off by default (404, the route
   * unknown), because tests and the benchmark take the first 200 on {@code …/commands} for the registration: with it
   * off, the bot's read at start-up fails and it registers its commands as it always did.
   *
   * @param on answer the read from now on
   */
  public void answerCommandReads(boolean on) {
    commandReads = on;
  }

  boolean answersCommandReads() {
    return commandReads;
  }

  /**
   * For tests: replaces what the guild's commands are stored as (what a later {@code GET} of them answers), e.g. to
   * stand for commands an older bot version registered.
   *
   * @param guildId a guild
   * @param commands the stored commands, as Discord would answer them
   */
  public void setRegisteredCommands(long guildId, ArrayNode commands) {
    commandsByGuild.put(guildId, commands.deepCopy());
  }

  /** @return every REST call so far, in arrival order */
  public List<CapturedCall> calls() {
    return List.copyOf(calls);
  }

  /**
   * @param match which call
   * @param timeout how long to wait
   * @return the first matching call
   * @throws AssertionError when none arrives in time (lists the calls seen)
   */
  public CapturedCall awaitCall(Predicate<CapturedCall> match, Duration timeout) {
    return Poll.until(() -> calls.stream().filter(match).findFirst(), timeout, () -> "no matching REST call; saw " + calls);
  }

  /** @return the number of the gateway session that identified last (1, 2, … in identify order), 0 when none did */
  public int lastSession() {
    return sessionNumbers.get();
  }

  /**
   * Sends every following dispatch to one gateway session only (a benchmark running two bot processes against one
   * stand-in); {@code 0} restores the default, every identified session.
   *
   * @param session a number from {@link #lastSession()}, or 0
   */
  public void dispatchOnlyTo(int session) {
    dispatchOnlyTo = session;
  }

  /** Moves the stand-in's clock forward (e.g. past the 15-minute token lifetime). */
  public void advanceClock(Duration d) {
    clockOffsetMs.addAndGet(d.toMillis());
  }

  /**
   * Dispatches a slash command from a member.
   *
   * @param guild the guild
   * @param member who runs it
   * @param command command name (must be registered in the guild)
   * @param options option name to value (String, Long/Integer, Double); types come from the registration
   * @return the interaction
   */
  public StandInInteraction slash(StandInGuild guild, StandInGuild.Member member, String command, Map<String, Object> options) {
    JsonNode def = command(guild, command);
    ObjectNode data = JSON.createObjectNode().put("id", def.path("id").asText()).put("name", command).put("type", 1)
        .put("guild_id", String.valueOf(guild.id()));
    data.set("options", options(def, options, null));
    return dispatch(guild, member, 2, data, null);
  }

  /**
   * Dispatches an autocomplete request and waits for the bot's choices.
   *
   * @param guild the guild
   * @param member who types
   * @param command command name
   * @param options the options typed so far
   * @param focused the option being typed
   * @param timeout how long to wait for the answer
   * @return the choice names offered
   */
  public List<String> autocomplete(StandInGuild guild, StandInGuild.Member member, String command,
      Map<String, Object> options, String focused, Duration timeout) {
    JsonNode def = command(guild, command);
    ObjectNode data = JSON.createObjectNode().put("id", def.path("id").asText()).put("name", command).put("type", 1)
        .put("guild_id", String.valueOf(guild.id()));
    data.set("options", options(def, options, focused));
    StandInInteraction ix = dispatch(guild, member, 4, data, null);
    JsonNode cb = ix.awaitCallback(timeout);
    List<String> out = new ArrayList<>();
    cb.path("data").path("choices").forEach(c -> out.add(c.path("name").asText()));
    return out;
  }

  /**
   * Dispatches a button click on a message the bot sent.
   *
   * @param guild the guild
   * @param member who clicks
   * @param message the message as the member sees it now
   * @param label the button's label
   * @return the interaction
   */
  public StandInInteraction click(StandInGuild guild, StandInGuild.Member member, StandInMessage message, String label) {
    StandInMessage.Button b = message.button(label);
    ObjectNode data = JSON.createObjectNode().put("custom_id", b.customId()).put("component_type", 2);
    return dispatch(guild, member, 3, data, message.raw());
  }

  /**
   * @param id message id
   * @return the message's current state
   */
  public StandInMessage message(long id) {
    StoredMessage m = messages.get(id);
    if (m == null) {
      throw new IllegalArgumentException("no message " + id);
    }
    return m.view();
  }

  /**
   * @param member a member
   * @return every message that member can see (ephemeral ones only when addressed to them), oldest first
   */
  public List<StandInMessage> messagesVisibleTo(StandInGuild.Member member) {
    return messages.values().stream().filter(m -> !m.ephemeral || m.visibleTo == member.id())
        .sorted(Comparator.comparingLong(m -> m.id)).map(StoredMessage::view).toList();
  }

  /**
   * @param channelId a channel
   * @return messages posted to it (non-interaction), oldest first
   */
  public List<StandInMessage> channelMessages(long channelId) {
    return messages.values().stream().filter(m -> m.channelId == channelId && !m.ephemeral)
        .sorted(Comparator.comparingLong(m -> m.id)).map(StoredMessage::view).toList();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- used by StandInRest and GatewaySession ------------------------------------------------------------------

  String botToken() {
    return botToken;
  }

  Instant now() {
    return Instant.now().plusMillis(clockOffsetMs.get());
  }

  void record(CapturedCall call) {
    calls.add(call);
  }

  void disconnected(GatewaySession session) {
    sessions.remove(session);
  }

  ObjectNode botUser() {
    return JSON.createObjectNode().put("id", String.valueOf(botId)).put("username", botName)
        .put("discriminator", "0").put("bot", true).putNull("avatar").put("global_name", botName);
  }

  long applicationId() {
    return applicationId;
  }

  void identified(GatewaySession session) {
    session.number = sessionNumbers.incrementAndGet();
    sessions.add(session);
    identified.countDown();
  }

  ArrayNode storeCommands(long guildId, JsonNode body) {
    ArrayNode stored = JSON.createArrayNode();
    for (JsonNode c : body) {
      ObjectNode copy = ((ObjectNode) c).deepCopy();
      copy.put("id", String.valueOf(Snowflakes.next())).put("application_id", String.valueOf(applicationId))
          .put("version", String.valueOf(Snowflakes.next())).put("type", c.path("type").asInt(1));
      if (guildId != 0) {
        copy.put("guild_id", String.valueOf(guildId));
      }
      if (!copy.has("default_member_permissions")) {
        copy.putNull("default_member_permissions");
      }
      copy.put("nsfw", copy.path("nsfw").asBoolean(false));
      stored.add(copy);
    }
    commandsByGuild.put(guildId, stored);
    return stored;
  }

  StandInInteraction interaction(long id) {
    return interactionsById.get(id);
  }

  StandInInteraction interactionByToken(String token) {
    return interactionsByToken.get(token);
  }

  StoredMessage storedMessage(long id) {
    return messages.get(id);
  }

  private final java.util.concurrent.atomic.AtomicLong editRateLimitMs = new java.util.concurrent.atomic.AtomicLong();

  /**
   * The next channel-message edit is answered 429 with this {@code retry_after} (then edits work again), as Discord
   * does when a bot edits faster than the channel's bucket allows.
   *
   * @param retryAfter how long Discord says to wait
   */
  public void rateLimitNextEdit(Duration retryAfter) {
    editRateLimitMs.set(retryAfter.toMillis());
  }

  long takeEditRateLimit() {
    return editRateLimitMs.getAndSet(0);
  }

  void deleteMessage(long id) {
    messages.remove(id);
  }

  /**
   * Deletes a message as a member would (e.g. someone removing the board message).
   *
   * @param id the message id
   */
  public void delete(long id) {
    messages.remove(id);
  }

  /** Creates a message from a message-create body. */
  StoredMessage createMessage(long channelId, JsonNode data, boolean ephemeral, long visibleTo, boolean fromWebhook) {
    return createMessage(channelId, data, ephemeral, visibleTo, fromWebhook, List.of());
  }

  /** Attachments' bytes by attachment id (only files the stand-in accepted: PNG, at most 10 MiB). */
  private final Map<Long, byte[]> attachmentBytes = new ConcurrentHashMap<>();

  /**
   * @param attachmentId an attachment's id (a message's {@code attachments[].id})
   * @return the file's bytes as the bot sent them
   * @throws IllegalArgumentException no such attachment
   */
  public byte[] attachment(long attachmentId) {
    byte[] b = attachmentBytes.get(attachmentId);
    if (b == null) {
      throw new IllegalArgumentException("no attachment " + attachmentId);
    }
    return b.clone();
  }

  /** Discord's attachment objects for new files; their bytes kept for {@link #attachment}. */
  private ArrayNode attachments(long channelId, List<Multipart.File> files) {
    ArrayNode out = JSON.createArrayNode();
    for (Multipart.File f : files) {
      long id = Snowflakes.next();
      attachmentBytes.put(id, f.bytes());
      String url = restBaseUrl() + "attachments/" + channelId + "/" + id + "/" + f.filename();
      out.addObject().put("id", String.valueOf(id)).put("filename", f.filename()).put("size", f.bytes().length)
          .put("url", url).put("proxy_url", url).put("content_type", "image/png");
    }
    return out;
  }

  /** An embed's {@code attachment://name} image becomes the attachment's URL, as Discord shows it. */
  private static void linkImages(ObjectNode m) {
    for (JsonNode e : m.path("embeds")) {
      JsonNode image = e.path("image");
      String url = image.path("url").asText("");
      if (url.startsWith("attachment://")) {
        String name = url.substring("attachment://".length());
        for (JsonNode a : m.path("attachments")) {
          if (a.path("filename").asText().equals(name)) {
            ((ObjectNode) image).put("url", a.path("url").asText()).put("proxy_url", a.path("url").asText());
          }
        }
      }
    }
  }

  /** Creates a message from a message-create body and its files (already checked). */
  StoredMessage createMessage(long channelId, JsonNode data, boolean ephemeral, long visibleTo, boolean fromWebhook,
      List<Multipart.File> files) {
    long id = Snowflakes.next();
    ObjectNode m = JSON.createObjectNode();
    m.put("id", String.valueOf(id)).put("type", fromWebhook ? 20 : 0).put("channel_id", String.valueOf(channelId));
    m.set("author", botUser());
    m.put("content", data.path("content").asText(""));
    m.set("embeds", embeds(data));
    m.set("components", data.has("components") && data.get("components").isArray() ? data.get("components").deepCopy()
        : JSON.createArrayNode());
    m.set("attachments", attachments(channelId, files));
    linkImages(m);
    m.set("mentions", JSON.createArrayNode());
    m.set("mention_roles", JSON.createArrayNode());
    m.put("mention_everyone", false).put("tts", false).put("pinned", false)
        .put("flags", data.path("flags").asInt(0) | (ephemeral ? 64 : 0))
        .put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now())).putNull("edited_timestamp");
    if (fromWebhook) {
      m.put("webhook_id", String.valueOf(applicationId)).put("application_id", String.valueOf(applicationId));
    }
    StoredMessage s = new StoredMessage(id, channelId, ephemeral, visibleTo, m);
    messages.put(id, s);
    return s;
  }

  /** Applies an edit body to a stored message. */
  ObjectNode editMessage(StoredMessage s, JsonNode data) {
    return editMessage(s, data, List.of());
  }

  /**
   * Applies an edit body and its files (already checked) to a stored message: with files or an {@code attachments}
   * list, the message keeps the listed existing attachments (by id) and gets the new files.
   */
  ObjectNode editMessage(StoredMessage s, JsonNode data, List<Multipart.File> files) {
    ObjectNode m = s.raw.deepCopy();
    for (String field : List.of("content", "embeds", "components")) {
      if (data.has(field) && !data.get(field).isNull()) {
        m.set(field, field.equals("embeds") ? embeds(data) : data.get(field).deepCopy());
      }
    }
    if (!files.isEmpty() || data.path("attachments").isArray()) {
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode old : m.path("attachments")) {
        for (JsonNode listed : data.path("attachments")) {
          if (listed.path("id").asText().equals(old.path("id").asText())) {
            kept.add(old);
          }
        }
      }
      kept.addAll(attachments(s.channelId, files));
      m.set("attachments", kept);
    }
    linkImages(m);
    m.put("edited_timestamp", DateTimeFormatter.ISO_INSTANT.format(now()));
    if ((m.path("flags").asInt(0) & 128) != 0) { // a deferred reply stops "thinking" at its first edit
      m.put("flags", m.path("flags").asInt(0) & ~128);
    }
    s.raw = m;
    return m.deepCopy();
  }

  /** Embeds as Discord stores them: with {@code type: rich} when the sender gave none. */
  private static ArrayNode embeds(JsonNode data) {
    ArrayNode out = JSON.createArrayNode();
    if (data.has("embeds") && data.get("embeds").isArray()) {
      for (JsonNode e : data.get("embeds")) {
        ObjectNode copy = ((ObjectNode) e).deepCopy();
        if (!copy.hasNonNull("type")) {
          copy.put("type", "rich");
        }
        out.add(copy);
      }
    }
    return out;
  }

  private JsonNode command(StandInGuild guild, String name) {
    ArrayNode defs = commandsByGuild.get(guild.id());
    if (defs == null) {
      throw new IllegalStateException("no commands registered in guild " + guild.name());
    }
    for (JsonNode d : defs) {
      if (d.path("name").asText().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("command /" + name + " is not registered in guild " + guild.name());
  }

  private static ArrayNode options(JsonNode def, Map<String, Object> values, String focused) {
    ArrayNode out = JSON.createArrayNode();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      JsonNode optDef = null;
      for (JsonNode o : def.path("options")) {
        if (o.path("name").asText().equals(e.getKey())) {
          optDef = o;
        }
      }
      if (optDef == null) {
        throw new IllegalArgumentException("/" + def.path("name").asText() + " has no option " + e.getKey());
      }
      ObjectNode o = out.addObject().put("name", e.getKey()).put("type", optDef.path("type").asInt());
      Object v = e.getValue();
      if (v instanceof Integer || v instanceof Long) {
        o.put("value", ((Number) v).longValue());
      } else if (v instanceof Number n) {
        o.put("value", n.doubleValue());
      } else {
        o.put("value", String.valueOf(v));
      }
      if (e.getKey().equals(focused)) {
        o.put("focused", true);
      }
    }
    return out;
  }

  private StandInInteraction dispatch(StandInGuild guild, StandInGuild.Member member, int type, ObjectNode data,
      ObjectNode message) {
    int only = dispatchOnlyTo;
    List<GatewaySession> to = sessions.stream().filter(g -> only == 0 || g.number == only).toList();
    if (to.isEmpty()) {
      throw new IllegalStateException(only == 0 ? "no bot connected to the gateway" : "gateway session " + only
          + " is not connected");
    }
    long id = Snowflakes.next();
    String token = "ix-" + UUID.randomUUID();
    long channelId = message != null ? message.path("channel_id").asLong() : guild.channels().get(0).id();
    long original = message != null ? message.path("id").asLong() : 0;
    StandInInteraction ix = new StandInInteraction(this, id, token, type, member, guild, channelId, original, now());
    interactionsById.put(id, ix);
    interactionsByToken.put(token, ix);

    ObjectNode d = JSON.createObjectNode();
    d.put("id", String.valueOf(id)).put("application_id", String.valueOf(applicationId)).put("type", type)
        .put("token", token).put("version", 1).put("channel_id", String.valueOf(channelId))
        .put("guild_id", String.valueOf(guild.id())).put("context", 0).put("locale", "en-US")
        .put("guild_locale", "en-US").put("app_permissions", "2248473465835073")
        .put("attachment_size_limit", 10485760);
    d.putObject("guild").put("id", String.valueOf(guild.id())).put("locale", "en-US").putArray("features");
    d.putObject("channel").put("id", String.valueOf(channelId)).put("type", 0).put("guild_id", String.valueOf(guild.id()))
        .put("name", channelName(guild, channelId)).put("position", 0).put("flags", 0).putNull("parent_id")
        .putNull("last_message_id").put("nsfw", false).put("rate_limit_per_user", 0).putNull("topic")
        .put("permissions", "2248473465835073");
    ObjectNode m = d.putObject("member");
    m.putObject("user").put("id", String.valueOf(member.id())).put("username", member.name()).put("discriminator", "0")
        .put("global_name", member.name()).putNull("avatar");
    ArrayNode roles = m.putArray("roles");
    member.roleIds().forEach(r -> roles.add(String.valueOf(r)));
    m.put("permissions", "2248473465835073").put("joined_at", "2025-01-01T00:00:00.000000+00:00").put("deaf", false)
        .put("mute", false).put("flags", 0).put("pending", false).putNull("nick").putNull("avatar")
        .putNull("premium_since").putNull("communication_disabled_until");
    d.putArray("entitlements");
    d.putObject("authorizing_integration_owners").put("0", String.valueOf(guild.id()));
    d.set("data", data);
    if (message != null) {
      d.set("message", message);
    }
    ix.markDispatched();
    for (GatewaySession session : to) { // two bot replicas both see the interaction; one may answer it
      session.dispatch("INTERACTION_CREATE", d);
    }
    return ix;
  }

  private static String channelName(StandInGuild guild, long channelId) {
    return guild.channels().stream().filter(c -> c.id() == channelId).map(StandInGuild.Channel::name).findFirst()
        .orElse("channel");
  }

  private int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}
