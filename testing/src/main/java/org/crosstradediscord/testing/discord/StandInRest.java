package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stand-in's REST API under {@code /api/v10}: the routes a JDA bot uses, with Discord's rules. */
final class StandInRest extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Pattern GUILD_COMMANDS = Pattern.compile("^/applications/(\\d+)/guilds/(\\d+)/commands$");
  private static final Pattern GLOBAL_COMMANDS = Pattern.compile("^/applications/(\\d+)/commands$");
  private static final Pattern CALLBACK = Pattern.compile("^/interactions/(\\d+)/([^/]+)/callback$");
  private static final Pattern ORIGINAL = Pattern.compile("^/webhooks/(\\d+)/([^/]+)/messages/@original$");
  private static final Pattern FOLLOWUP = Pattern.compile("^/webhooks/(\\d+)/([^/]+)$");
  private static final Pattern CHANNEL_MESSAGES = Pattern.compile("^/channels/(\\d+)/messages$");
  private static final Pattern CHANNEL_MESSAGE = Pattern.compile("^/channels/(\\d+)/messages/(\\d+)$");
  private static final Pattern GUILD_MEMBER = Pattern.compile("^/guilds/(\\d+)/members/(\\d+)$");

  private final transient DiscordStandIn d;

  StandInRest(DiscordStandIn d) {
    this.d = d;
  }

  /** A response to send: status and JSON (null for 204). */
  private record Answer(int status, JsonNode body) {}

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String uri = req.getRequestURI();
    String route = uri.startsWith("/api/v10") ? uri.substring("/api/v10".length()) : uri.substring("/api".length());
    byte[] bytes = req.getInputStream().readAllBytes();
    String contentType = req.getContentType();
    List<Multipart.File> files = List.of();
    JsonNode body;
    Answer a = null;
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      Multipart parts; // a message with files: payload_json and files[n], as Discord takes them
      try {
        parts = Multipart.parse(contentType, bytes);
      } catch (IllegalArgumentException e) {
        parts = null;
        a = new Answer(400, formError("multipart body: " + e.getMessage()));
      }
      body = parts == null ? null : parse(parts.payloadJson());
      files = parts == null ? List.of() : parts.files();
      Multipart.Problem problem = parts == null ? null : parts.problem();
      if (problem != null) {
        ObjectNode e = error(problem.code(), problem.message());
        if (problem.formError() != null) {
          e.putObject("errors").putArray("_errors").add(problem.formError());
        }
        a = new Answer(problem.status(), e);
      }
    } else {
      body = parse(new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      if (a == null) {
        a = route(req.getMethod(), route, req.getHeader("Authorization"), body, files);
      }
    } catch (RuntimeException e) {
      a = new Answer(500, error(0, "stand-in failure: " + e));
    }
    d.record(new CapturedCall(Instant.now(), req.getMethod(), route, body, a.status(), a.body()));
    if (a.status() == 429) { // Discord's rate-limit answer: seconds to wait in the header and the body
      double after = a.body().path("retry_after").asDouble();
      res.setHeader("Retry-After", String.valueOf((long) Math.ceil(after)));
      res.setHeader("X-RateLimit-Limit", "5");
      res.setHeader("X-RateLimit-Remaining", "0");
      res.setHeader("X-RateLimit-Reset-After", String.valueOf(after));
      res.setHeader("X-RateLimit-Bucket", "standin-messages");
      res.setHeader("X-RateLimit-Scope", "user");
    }
    res.setStatus(a.status());
    if (a.body() != null) {
      res.setContentType("application/json");
      res.getOutputStream().write(DiscordStandIn.JSON.writeValueAsBytes(a.body()));
    }
  }

  private Answer route(String method, String route, String authorization, JsonNode body, List<Multipart.File> files) {
    Matcher m;
    if ((m = CALLBACK.matcher(route)).matches() && method.equals("POST")) {
      return callback(Long.parseLong(m.group(1)), m.group(2), body);
    }
    if ((m = ORIGINAL.matcher(route)).matches()) {
      return original(method, m.group(2), body, files);
    }
    if ((m = FOLLOWUP.matcher(route)).matches() && method.equals("POST")) {
      return followup(m.group(2), body, files);
    }
    if (!("Bot " + d.botToken()).equals(authorization)) {
      return new Answer(401, error(0, "401: Unauthorized"));
    }
    if (route.equals("/users/@me") && method.equals("GET")) {
      return new Answer(200, d.botUser());
    }
    if ((route.equals("/gateway") || route.equals("/gateway/bot")) && method.equals("GET")) {
      return new Answer(200, DiscordStandIn.JSON.createObjectNode().put("url", "ws://unused"));
    }
    if ((m = GUILD_COMMANDS.matcher(route)).matches() && method.equals("PUT")) {
      return registerCommands(Long.parseLong(m.group(2)), body);
    }
    if ((m = GUILD_COMMANDS.matcher(route)).matches() && method.equals("GET") && d.answersCommandReads()) {
      return new Answer(200, d.registeredCommands(Long.parseLong(m.group(2))));
    }
    if ((m = GLOBAL_COMMANDS.matcher(route)).matches() && method.equals("PUT")) {
      return registerCommands(0, body);
    }
    if ((m = CHANNEL_MESSAGES.matcher(route)).matches() && method.equals("POST")) {
      return channelMessage(Long.parseLong(m.group(1)), body, files);
    }
    if ((m = GUILD_MEMBER.matcher(route)).matches() && method.equals("GET")) {
      return member(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    if ((m = CHANNEL_MESSAGE.matcher(route)).matches()) {
      return existingMessage(method, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), body);
    }
    return new Answer(404, error(0, "404: Not Found"));
  }

  /** GET one member of a guild, with their roles now: 404 {@code 10007 Unknown Member} when they are not in it. */
  private Answer member(long guildId, long userId) {
    StandInGuild guild = d.guilds().stream().filter(g -> g.id() == guildId).findFirst().orElse(null);
    StandInGuild.Member member = guild == null ? null : guild.members().values().stream()
        .filter(x -> x.id() == userId).findFirst().orElse(null);
    if (member == null) {
      return new Answer(404, error(10007, "Unknown Member"));
    }
    ObjectNode m = DiscordStandIn.JSON.createObjectNode();
    m.putObject("user").put("id", String.valueOf(member.id())).put("username", member.name()).put("discriminator", "0")
        .put("global_name", member.name()).putNull("avatar");
    ArrayNode roles = m.putArray("roles");
    member.roleIds().forEach(r -> roles.add(String.valueOf(r)));
    m.put("joined_at", "2025-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0)
        .put("pending", false).putNull("nick").putNull("avatar").putNull("premium_since")
        .putNull("communication_disabled_until");
    return new Answer(200, m);
  }

  /** GET, PATCH (edit) or DELETE one message of a channel: 404 {@code 10008 Unknown Message} when it is not there. */
  private Answer existingMessage(String method, long channelId, long messageId, JsonNode body) {
    DiscordStandIn.StoredMessage msg = d.storedMessage(messageId);
    if (msg == null || msg.channelId != channelId || msg.ephemeral) {
      return new Answer(404, error(10008, "Unknown Message"));
    }
    return switch (method) {
      case "GET" -> new Answer(200, msg.raw.deepCopy());
      case "PATCH" -> {
        long wait = d.takeEditRateLimit();
        if (wait > 0) {
          yield new Answer(429, DiscordStandIn.JSON.createObjectNode().put("message", "You are being rate limited.")
              .put("retry_after", wait / 1000.0).put("global", false));
        }
        String problem = body == null ? "empty body" : componentProblem(body);
        yield problem != null ? new Answer(400, formError(problem)) : new Answer(200, d.editMessage(msg, body));
      }
      case "DELETE" -> {
        d.deleteMessage(messageId);
        yield new Answer(204, null);
      }
      default -> new Answer(405, error(0, "405: Method Not Allowed"));
    };
  }

  private Answer registerCommands(long guildId, JsonNode body) {
    if (body == null) {
      return new Answer(400, error(50035, "Invalid Form Body"));
    }
    List<String> problems = CommandRules.violations(body);
    if (!problems.isEmpty()) {
      ObjectNode e = error(50035, "Invalid Form Body");
      e.putObject("errors").set("_errors", DiscordStandIn.JSON.valueToTree(problems));
      return new Answer(400, e);
    }
    return new Answer(200, d.storeCommands(guildId, body));
  }

  private Answer callback(long id, String token, JsonNode body) {
    StandInInteraction ix = d.interaction(id);
    if (ix == null || !ix.token().equals(token)) {
      return new Answer(404, error(10062, "Unknown interaction"));
    }
    long elapsedMs = (System.nanoTime() - ix.dispatchedNanos()) / 1_000_000;
    if (elapsedMs > DiscordStandIn.INITIAL_RESPONSE_MS) {
      return new Answer(404, error(10062, "Unknown interaction"));
    }
    if (body == null || !body.has("type")) {
      return new Answer(400, error(50035, "Invalid Form Body"));
    }
    int type = body.path("type").asInt();
    JsonNode data = body.path("data");
    String componentProblem = componentProblem(data);
    if (componentProblem != null) {
      return new Answer(400, formError(componentProblem));
    }
    boolean component = ix.type() == 3;
    boolean allowed = switch (type) {
      case 4, 5 -> ix.type() == 2 || ix.type() == 3;
      case 6, 7 -> component;
      case 8 -> ix.type() == 4;
      default -> false;
    };
    if (!allowed) {
      return new Answer(400, error(50035, "Invalid Form Body: callback type " + type + " for interaction type " + ix.type()));
    }
    if (!ix.acknowledge()) {
      return new Answer(400, error(40060, "Interaction has already been acknowledged."));
    }
    ObjectNode resource = DiscordStandIn.JSON.createObjectNode().put("type", type);
    if (type == 4 || type == 5) {
      boolean ephemeral = (data.path("flags").asInt(0) & 64) != 0;
      ObjectNode create = data.isObject() ? ((ObjectNode) data).deepCopy() : DiscordStandIn.JSON.createObjectNode();
      if (type == 5) {
        create.put("flags", create.path("flags").asInt(0) | 128);
      }
      DiscordStandIn.StoredMessage msg = d.createMessage(ix.channelId(), create, ephemeral, ephemeral ? ix.member().id() : 0, true);
      ix.originalMessageId(msg.id); // a reply becomes the interaction's @original, also for a component
      resource.set("message", msg.raw.deepCopy());
    } else if (type == 7) {
      DiscordStandIn.StoredMessage msg = d.storedMessage(ix.originalMessageId());
      if (msg == null) {
        return new Answer(404, error(10008, "Unknown Message"));
      }
      resource.set("message", d.editMessage(msg, data));
    }
    ObjectNode cb = DiscordStandIn.JSON.createObjectNode().put("type", type);
    cb.set("data", data.isMissingNode() ? DiscordStandIn.JSON.createObjectNode() : data.deepCopy());
    ix.callback(cb, System.nanoTime());
    ObjectNode answer = DiscordStandIn.JSON.createObjectNode();
    answer.putObject("interaction").put("id", String.valueOf(id)).put("type", ix.type());
    answer.set("resource", resource);
    return new Answer(200, answer);
  }

  private Answer original(String method, String token, JsonNode body, List<Multipart.File> files) {
    StandInInteraction ix = d.interactionByToken(token);
    if (ix == null) {
      return new Answer(404, error(10015, "Unknown Webhook"));
    }
    if (Duration.between(ix.createdAt(), d.now()).compareTo(DiscordStandIn.TOKEN_LIFETIME) > 0) {
      return new Answer(401, error(50027, "Invalid Webhook Token"));
    }
    DiscordStandIn.StoredMessage msg = ix.originalMessageId() == 0 ? null : d.storedMessage(ix.originalMessageId());
    if (!ix.acknowledged() || msg == null) {
      return new Answer(404, error(10008, "Unknown Message"));
    }
    return switch (method) {
      case "GET" -> new Answer(200, msg.raw.deepCopy());
      case "PATCH" -> {
        String problem = body == null ? null : componentProblem(body);
        yield problem != null ? new Answer(400, formError(problem))
            : new Answer(200, d.editMessage(msg, body == null ? DiscordStandIn.JSON.createObjectNode() : body, files));
      }
      default -> new Answer(405, error(0, "405: Method Not Allowed"));
    };
  }

  private Answer followup(String token, JsonNode body, List<Multipart.File> files) {
    StandInInteraction ix = d.interactionByToken(token);
    if (ix == null) {
      return new Answer(404, error(10015, "Unknown Webhook"));
    }
    if (Duration.between(ix.createdAt(), d.now()).compareTo(DiscordStandIn.TOKEN_LIFETIME) > 0) {
      return new Answer(401, error(50027, "Invalid Webhook Token"));
    }
    if (!ix.acknowledged()) {
      return new Answer(404, error(10015, "Unknown Webhook"));
    }
    JsonNode data = body == null ? DiscordStandIn.JSON.createObjectNode() : body;
    String problem = componentProblem(data);
    if (problem != null) {
      return new Answer(400, formError(problem));
    }
    boolean ephemeral = (data.path("flags").asInt(0) & 64) != 0;
    DiscordStandIn.StoredMessage created = d.createMessage(ix.channelId(), data, ephemeral, ephemeral ? ix.member().id() : 0, true,
        files);
    ix.followUp(created.id);
    return new Answer(200, created.raw.deepCopy());
  }

  private Answer channelMessage(long channelId, JsonNode body, List<Multipart.File> files) {
    boolean known = d.guilds().stream().flatMap(g -> g.channels().stream()).anyMatch(c -> c.id() == channelId);
    if (!known) {
      return new Answer(404, error(10003, "Unknown Channel"));
    }
    if (body == null || (body.path("content").asText("").isEmpty() && body.path("embeds").isEmpty()
        && files.isEmpty())) {
      return new Answer(400, error(50006, "Cannot send an empty message"));
    }
    if (body.path("content").asText("").length() > 2000) {
      return new Answer(400, formError("content: must be 2000 or fewer in length"));
    }
    return new Answer(200, d.createMessage(channelId, body, false, 0, false, files).raw.deepCopy());
  }

  /** custom_id 1–100 characters and unique within the message. */
  private static String componentProblem(JsonNode data) {
    Set<String> ids = new HashSet<>();
    for (JsonNode row : data.path("components")) {
      for (JsonNode c : row.path("components")) {
        if (!c.has("custom_id")) {
          continue;
        }
        String id = c.path("custom_id").asText("");
        if (id.isEmpty() || id.length() > 100) {
          return "components: custom_id must be 1-100 characters, got " + id.length();
        }
        if (!ids.add(id)) {
          return "components: custom_id " + id + " is not unique in the message";
        }
      }
    }
    return null;
  }

  private static ObjectNode formError(String problem) {
    ObjectNode e = error(50035, "Invalid Form Body");
    e.putObject("errors").putArray("_errors").add(problem);
    return e;
  }

  private static ObjectNode error(int code, String message) {
    return DiscordStandIn.JSON.createObjectNode().put("code", code).put("message", message);
  }

  private static JsonNode parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return DiscordStandIn.JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }
}
