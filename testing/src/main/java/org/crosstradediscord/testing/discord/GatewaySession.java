package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.crosstradediscord.testing.ws.JsonSocket;

/**
 * One gateway connection: HELLO on open, heartbeat ACKs, IDENTIFY → READY and one GUILD_CREATE per guild (with
 * roles, members and channels), then dispatches. JSON text frames only (the bot uses no compression).
 */
final class GatewaySession extends JsonSocket {
  private final DiscordStandIn d;
  private final AtomicInteger sequence = new AtomicInteger();
  /** Set once IDENTIFY succeeded: 1, 2, … in identify order ({@link DiscordStandIn#lastSession()}). */
  volatile int number;

  GatewaySession(DiscordStandIn d) {
    this.d = d;
  }

  @Override
  protected void opened() {
    send(DiscordStandIn.JSON.createObjectNode().put("op", 10).set("d",
        DiscordStandIn.JSON.createObjectNode().put("heartbeat_interval", 41250)));
  }

  @Override
  protected void onMalformed() {
    close(4002, "Decode error");
  }

  @Override
  protected void onFrame(JsonNode frame) {
    switch (frame.path("op").asInt(-1)) {
      case 1 -> send(DiscordStandIn.JSON.createObjectNode().put("op", 11));
      case 2 -> identify(frame.path("d"));
      case 6 -> send(DiscordStandIn.JSON.createObjectNode().put("op", 9).put("d", false)); // cannot resume
      case 8 -> { } // member chunking not needed: member_count equals the members sent
      default -> { }
    }
  }

  @Override
  public void onWebSocketBinary(byte[] payload, int offset, int len) {
    close(4002, "Decode error: binary frames are not used");
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    super.onWebSocketClose(statusCode, reason);
    d.disconnected(this);
  }

  void dispatch(String event, JsonNode data) {
    ObjectNode f = DiscordStandIn.JSON.createObjectNode().put("op", 0).put("t", event).put("s", sequence.incrementAndGet());
    f.set("d", data);
    send(f);
  }

  private void identify(JsonNode d0) {
    if (!d.botToken().equals(d0.path("token").asText())) {
      close(4004, "Authentication failed.");
      return;
    }
    ObjectNode ready = DiscordStandIn.JSON.createObjectNode();
    ready.put("v", 10).set("user", d.botUser());
    ArrayNode guilds = ready.putArray("guilds");
    d.guilds().forEach(g -> guilds.addObject().put("id", String.valueOf(g.id())).put("unavailable", true));
    ready.put("session_id", "standin-session").put("resume_gateway_url", "ws://unused-resume");
    ready.putObject("application").put("id", String.valueOf(d.applicationId())).put("flags", 0);
    ready.putArray("private_channels");
    ready.putArray("relationships");
    dispatch("READY", ready);
    for (StandInGuild g : d.guilds()) {
      dispatch("GUILD_CREATE", guildCreate(g));
    }
    d.identified(this);
  }

  private ObjectNode guildCreate(StandInGuild g) {
    ObjectNode o = DiscordStandIn.JSON.createObjectNode();
    o.put("id", String.valueOf(g.id())).put("name", g.name())
        .put("owner_id", String.valueOf(g.botIsOwner() ? d.botId() : Snowflakes.next()))
        .put("afk_timeout", 300).putNull("afk_channel_id").put("verification_level", 0)
        .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
        .put("premium_tier", 0).put("nsfw_level", 0).put("preferred_locale", "en-US").put("large", false)
        .put("unavailable", false).put("joined_at", "2025-01-01T00:00:00.000000+00:00").putArray("features");
    ArrayNode roles = o.putArray("roles");
    roles.add(role(g.id(), "@everyone", 0, "1071698660929"));
    int pos = 1;
    for (StandInGuild.Role r : g.roles()) {
      roles.add(role(r.id(), r.name(), pos++, "0"));
    }
    ArrayNode channels = o.putArray("channels");
    int cpos = 0;
    for (StandInGuild.Channel c : g.channels()) {
      channels.addObject().put("id", String.valueOf(c.id())).put("type", 0).put("name", c.name()).put("position", cpos++)
          .put("guild_id", String.valueOf(g.id())).putNull("parent_id").put("nsfw", false).put("rate_limit_per_user", 0)
          .putArray("permission_overwrites");
      if (g.hiddenFromBot(c)) { // @everyone (role id = guild id) denied VIEW_CHANNEL (1 << 10)
        ((ArrayNode) channels.get(channels.size() - 1).get("permission_overwrites")).addObject()
            .put("id", String.valueOf(g.id())).put("type", 0).put("allow", "0").put("deny", "1024");
      }
    }
    ArrayNode members = o.putArray("members");
    members.add(member(d.botUser(), new ArrayNode(DiscordStandIn.JSON.getNodeFactory())));
    for (StandInGuild.Member m : g.members().values()) {
      ArrayNode r = DiscordStandIn.JSON.createArrayNode();
      m.roleIds().forEach(id -> r.add(String.valueOf(id)));
      members.add(member(DiscordStandIn.JSON.createObjectNode().put("id", String.valueOf(m.id())).put("username", m.name())
          .put("discriminator", "0").put("global_name", m.name()).putNull("avatar"), r));
    }
    o.put("member_count", members.size());
    o.putArray("threads");
    o.putArray("emojis");
    o.putArray("stickers");
    o.putArray("voice_states");
    o.putArray("presences");
    o.putArray("guild_scheduled_events");
    o.putArray("stage_instances");
    o.putArray("soundboard_sounds");
    return o;
  }

  private static ObjectNode role(long id, String name, int position, String permissions) {
    ObjectNode r = DiscordStandIn.JSON.createObjectNode();
    r.put("id", String.valueOf(id)).put("name", name).put("position", position).put("permissions", permissions)
        .put("color", 0).put("hoist", false).put("managed", false).put("mentionable", false).put("flags", 0);
    r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
    return r;
  }

  private static ObjectNode member(JsonNode user, ArrayNode roles) {
    ObjectNode m = DiscordStandIn.JSON.createObjectNode();
    m.set("user", user);
    m.set("roles", roles);
    m.put("joined_at", "2025-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0)
        .put("pending", false).putNull("nick");
    return m;
  }
}
