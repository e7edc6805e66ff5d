package org.crosstradediscord.testing.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in enforces Discord's rules. A raw bot (JDK WebSocket + HttpClient) plays the bot here so each rule
 * can be broken on purpose.
 */
class DiscordStandInTest {
  static final String TOKEN = "standin-test-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final StandInGuild GUILD = new StandInGuild(Snowflakes.next(), "Rules");
  static final StandInGuild.Role TRADER = GUILD.addRole("Trader");
  static final StandInGuild.Channel CHANNEL = GUILD.addChannel("general");
  static final StandInGuild.Member ALICE = GUILD.addMember("alice", TRADER);
  static DiscordStandIn discord;
  static RawBot bot;

  /** Gateway client that identifies and queues every dispatch. */
  static final class RawBot implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final StringBuilder partial = new StringBuilder();
    final String token;
    WebSocket ws;

    RawBot(String token) {
      this.token = token;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode f = JSON.readTree(partial.toString());
          partial.setLength(0);
          if (f.path("op").asInt() == 10) {
            webSocket.sendText("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":0,\"properties\":{}}}", true);
          } else {
            frames.add(f);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    /** The INTERACTION_CREATE of interaction {@code id}, passing over those other tests left queued. */
    JsonNode interaction(long id) throws InterruptedException {
      JsonNode d = next("INTERACTION_CREATE");
      while (d.path("id").asLong() != id) {
        d = next("INTERACTION_CREATE");
      }
      return d;
    }

    JsonNode next(String event) throws InterruptedException {
      while (true) {
        JsonNode f = frames.poll(5, TimeUnit.SECONDS);
        assertThat(f).as("gateway frame " + event).isNotNull();
        if (event.equals(f.path("t").asText())) {
          return f.path("d");
        }
      }
    }
  }

  static RawBot connect(String token) {
    RawBot b = new RawBot(token);
    b.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(discord.gatewayUrl() + "?v=10&encoding=json"), b).join();
    return b;
  }

  @BeforeAll
  static void start() throws Exception {
    discord = DiscordStandIn.start(TOKEN, GUILD);
    bot = connect(TOKEN);
    assertThat(discord.awaitIdentified(Duration.ofSeconds(5))).isTrue();
    HttpResponse<String> reg = rest("PUT", "applications/1/guilds/" + GUILD.id() + "/commands",
        "[{\"name\":\"ping\",\"description\":\"Ping\",\"type\":1,\"options\":[{\"name\":\"n\",\"description\":\"N\",\"type\":4}]}]");
    assertThat(reg.statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    discord.close();
  }

  static HttpResponse<String> rest(String method, String route, String body) throws Exception {
    return rest(method, route, body, "Bot " + TOKEN);
  }

  static HttpResponse<String> rest(String method, String route, String body, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + route)).header("Authorization", auth)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int code(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("code").asInt();
  }

  static HttpResponse<String> reply(StandInInteraction ix, String data) throws Exception {
    return rest("POST", "interactions/" + ix.id() + "/" + ix.token() + "/callback?with_response=true",
        "{\"type\":4,\"data\":" + data + "}");
  }

  @Test
  void readyAndGuildCreate_carryWhatJdaNeeds() throws Exception {
    RawBot other = connect(TOKEN);
    JsonNode ready = other.next("READY");
    assertThat(ready.has("private_channels")).isTrue();
    JsonNode guild = other.next("GUILD_CREATE");
    assertThat(guild.path("afk_timeout").asInt()).isEqualTo(300);
    assertThat(guild.path("roles").toString()).contains("Trader").contains("primary_color");
    assertThat(guild.path("member_count").asInt()).isEqualTo(guild.path("members").size());
    other.ws.abort();
  }

  @Test
  void identifyWithAWrongToken_isClosedWith4004() throws Exception {
    RawBot stranger = connect("wrong-token");
    assertThat(stranger.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4004);
  }

  @Test
  void restWithAWrongToken_is401() throws Exception {
    assertThat(rest("GET", "users/@me", null, "Bot wrong").statusCode()).isEqualTo(401);
    assertThat(rest("GET", "users/@me", null).statusCode()).isEqualTo(200);
  }

  @Test
  void dispatchedSlashCommand_carriesTheMemberRolesAndTypedOptions() throws Exception {
    StandInInteraction ix = discord.slash(GUILD, ALICE, "ping", Map.of("n", 3L));
    JsonNode d = bot.interaction(ix.id());
    assertThat(d.path("id").asLong()).isEqualTo(ix.id());
    assertThat(d.path("member").path("roles").get(0).asLong()).isEqualTo(TRADER.id());
    assertThat(d.path("data").path("options").get(0).path("type").asInt()).isEqualTo(4);
    assertThat(((d.path("id").asLong() >> 22) + 1420070400000L)).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    reply(ix, "{\"content\":\"pong\"}");
  }

  @Test
  void secondAcknowledgement_is40060() throws Exception {
    StandInInteraction ix = discord.slash(GUILD, ALICE, "ping", Map.of());
    assertThat(reply(ix, "{\"content\":\"one\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> again = reply(ix, "{\"content\":\"two\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(code(again)).isEqualTo(40060);
  }

  @Test
  void initialResponseAfterThreeSeconds_is10062() throws Exception {
    StandInInteraction ix = discord.slash(GUILD, ALICE, "ping", Map.of());
    Thread.sleep(3_100);
    HttpResponse<String> late = reply(ix, "{\"content\":\"late\"}");
    assertThat(late.statusCode()).isEqualTo(404);
    assertThat(code(late)).isEqualTo(10062);
  }

  @Test
  void customIdOver100Characters_orDuplicated_is50035() throws Exception {
    StandInInteraction ix = discord.slash(GUILD, ALICE, "ping", Map.of());
    String tooLong = "x".repeat(101);
    HttpResponse<String> r = reply(ix, "{\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"style\":4,\"label\":\"Go\","
        + "\"custom_id\":\"" + tooLong + "\"}]}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(code(r)).isEqualTo(50035);
    HttpResponse<String> dup = reply(ix, "{\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"style\":4,\"label\":\"A\","
        + "\"custom_id\":\"same\"},{\"type\":2,\"style\":2,\"label\":\"B\",\"custom_id\":\"same\"}]}]}");
    assertThat(code(dup)).isEqualTo(50035);
  }

  @Test
  void webhookEditAfterFifteenMinutes_is50027() throws Exception {
    StandInInteraction ix = discord.slash(GUILD, ALICE, "ping", Map.of());
    reply(ix, "{\"content\":\"pong\",\"flags\":64}");
    assertThat(rest("PATCH", "webhooks/1/" + ix.token() + "/messages/@original", "{\"content\":\"edit\"}").statusCode())
        .isEqualTo(200);
    discord.advanceClock(Duration.ofMinutes(16));
    try {
      HttpResponse<String> late = rest("PATCH", "webhooks/1/" + ix.token() + "/messages/@original", "{\"content\":\"late\"}");
      assertThat(late.statusCode()).isEqualTo(401);
      assertThat(code(late)).isEqualTo(50027);
    } finally {
      discord.advanceClock(Duration.ofMinutes(-16));
    }
  }

  @Test
  void commandRegistrationBreakingDiscordsLimits_is50035_namingTheProblem() throws Exception {
    String route = "applications/1/guilds/" + GUILD.id() + "/commands";
    StringBuilder opts = new StringBuilder();
    for (int i = 0; i < 26; i++) {
      opts.append(i == 0 ? "" : ",").append("{\"name\":\"o").append(i).append("\",\"description\":\"d\",\"type\":3}");
    }
    Map<String, String> cases = Map.of(
        "[{\"name\":\"Ping\",\"description\":\"d\",\"type\":1}]", "lower case",
        "[{\"name\":\"" + "p".repeat(33) + "\",\"description\":\"d\",\"type\":1}]", "1-32 characters",
        "[{\"name\":\"ping\",\"description\":\"" + "d".repeat(101) + "\",\"type\":1}]", "description: must be 1-100",
        "[{\"name\":\"ping\",\"description\":\"d\",\"type\":1,\"options\":[" + opts + "]}]", "at most 25 options",
        "[{\"name\":\"ping\",\"description\":\"d\",\"type\":1,\"options\":[{\"name\":\"a\",\"description\":\"d\",\"type\":3},"
            + "{\"name\":\"b\",\"description\":\"d\",\"type\":3,\"required\":true}]}]", "required options must come before");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = rest("PUT", route, c.getKey());
      assertThat(r.statusCode()).as(c.getValue()).isEqualTo(400);
      assertThat(code(r)).isEqualTo(50035);
      assertThat(r.body()).contains(c.getValue());
    }
    assertThat(discord.registeredCommands(GUILD.id())).extracting(n -> n.path("name").asText()).containsExactly("ping");
  }

  @Test
  void autocompleteAnswer_isReadBack() throws Exception {
    CompletableFuture<List<String>> choices = CompletableFuture.supplyAsync(() ->
        discord.autocomplete(GUILD, ALICE, "ping", Map.of("n", 1L), "n", Duration.ofSeconds(5)));
    JsonNode d = bot.next("INTERACTION_CREATE");
    while (d.path("type").asInt() != 4) {
      d = bot.next("INTERACTION_CREATE");
    }
    rest("POST", "interactions/" + d.path("id").asText() + "/" + d.path("token").asText() + "/callback",
        "{\"type\":8,\"data\":{\"choices\":[{\"name\":\"one\",\"value\":1}]}}");
    assertThat(choices.get(5, TimeUnit.SECONDS)).containsExactly("one");
  }
}
