package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The alert desk end to end with the bot started from its jar, as two replicas on one PostgreSQL, each with its own
 * listener (as behind one proxy): the same alert given to both makes one card; Approve, dispatched to both replicas,
 * sends exactly one PlaceOrder with the bot's orderId. The two-person rule on the same replicas: a large order's
 * Confirm makes one request; two approvers clicking Approve at once, each click dispatched to both replicas, send
 * exactly one order.
 */
class AlertDeskReplicasJarEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(40);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ALERT = "key=" + Sandbox.ALERT_KEY + ";\ncommand=PLACE;\naccount=Sim101;\ninstrument=MES 12-25;"
      + "\naction=BUY;\nqty=1;\norder_type=MARKET;\ntif=DAY;\n";

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** POSTs the alert once the listener is up (it starts after the bot's commands are registered). */
  static HttpResponse<String> post(int port) {
    return Poll.until(() -> {
      try {
        return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/tv-mes"))
            .POST(HttpRequest.BodyPublishers.ofString(ALERT)).build(), HttpResponse.BodyHandlers.ofString()));
      } catch (ConnectException e) {
        return Optional.empty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, WAIT, () -> "the alert listener on port " + port);
  }

  static final String APPROVALS = """
      approvals:
        channel_id: "{trading}"
        approvers: ["{role:Risk}"]
        above_quantity: 9
      """;

  @Test
  void twoReplicasGivenTheSameAlert_postOneCard_andApproveSendsOnePlaceOrder() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE alerts");
      }
      int one = freePort();
      int two = freePort();
      Map<String, String> env = new HashMap<>(Sandbox.secrets());
      env.putAll(Map.of("STORAGE_USER", "postgres", "STORAGE_PASSWORD", "not-needed-here", "ALERT_KEY_TV_MES",
          Sandbox.ALERT_KEY));
      try (Sandbox world = Sandbox.startForAlertProcesses(Sandbox.alertsYaml(one) + APPROVALS,
          "jdbc:postgresql://localhost:" + pg.getPort() + "/alerts")) {
        Path second = world.configFile().resolveSibling("config-replica.yaml");
        Files.writeString(second, Files.readString(world.configFile()).replace("127.0.0.1:" + one, "127.0.0.1:" + two));
        try (BotProcess a = BotProcess.start(jar, BotJvm.options("-Xmx128m"), world.configFile(), env,
                Path.of("target", "alert-replica-a.log"));
            BotProcess b = BotProcess.start(jar, BotJvm.options("-Xmx128m"), second, env,
                Path.of("target", "alert-replica-b.log"))) {
          CompletableFuture<HttpResponse<String>> toA = CompletableFuture.supplyAsync(() -> post(one));
          CompletableFuture<HttpResponse<String>> toB = CompletableFuture.supplyAsync(() -> post(two));
          List<HttpResponse<String>> answers = List.of(toA.get(), toB.get());

          assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 200);
          String id = answers.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow().body().strip()
              .substring("accepted ".length());
          assertThat(answers).extracting(r -> r.body().strip()).contains("duplicate " + id);
          long trading = world.guild().channels().stream().filter(ch -> ch.name().equals("trading")).findFirst()
              .orElseThrow().id();
          StandInMessage card = Poll.until(() -> world.discord().channelMessages(trading).stream()
              .filter(m -> m.text().contains("Alert " + id)).findFirst(), WAIT, () -> "the card of " + id);

          StandInGuild guild = world.guild();
          world.discord().click(guild, guild.member("rita"), card, "Approve");
          Poll.until(() -> world.discord().channelMessages(trading).stream()
              .filter(m -> m.text().contains("Alert " + id) && m.text().contains("Sent — approved by rita"))
              .findFirst(), WAIT, () -> "the card of " + id + " sent");

          assertThat(world.discord().channelMessages(trading).stream().filter(m -> m.text().contains("Alert " + id)))
              .as("one card for the alert, on two replicas").hasSize(1);
          List<RecordedRequest> posts = world.simulator().requests().stream()
              .filter(r -> "POST".equals(r.method())).toList();
          assertThat(posts).singleElement().satisfies(r -> {
            assertThat(r.operationId()).isEqualTo("placeOrder");
            assertThat(r.body().path("orderId").asText()).isEqualTo("alert-" + id.toLowerCase(Locale.ROOT));
          });

          twoApproversAtOnce_sendOneOrder(world, trading);
        }
      }
    }
  }

  /** A large /flatplace on two replicas: one request card; two approvers clicking at once send exactly one order. */
  static void twoApproversAtOnce_sendOneOrder(Sandbox world, long trading) throws Exception {
    StandInGuild guild = world.guild();
    StandInGuild.Member ralph = guild.addMember("ralph", guild.role("Risk"));
    StandInGuild.Member rhea = guild.addMember("rhea", guild.role("Risk"));
    StandInInteraction ask = world.discord().slash(guild, guild.member("rita"), "flatplace", BotEndToEndTest.marketOrder(
        "Sim101", "MES 12-25", "BUY", 10));
    StandInMessage review = ask.awaitOriginal(m -> !m.buttons().isEmpty(), WAIT);
    world.discord().click(guild, guild.member("rita"), review, review.buttons().get(0).label());
    ask.awaitOriginal(m -> m.text().contains("Waiting for a second approval"), WAIT);
    StandInMessage request = Poll.until(() -> world.discord().channelMessages(trading).stream()
        .filter(m -> !m.ephemeral() && m.text().contains("Second approval needed")).findFirst(), WAIT,
        () -> "the request card");
    assertThat(world.discord().channelMessages(trading).stream().filter(m -> !m.ephemeral()
        && m.text().contains("Second approval needed")))
        .as("one request, on two replicas").hasSize(1);

    CompletableFuture<StandInInteraction> first = CompletableFuture.supplyAsync(
        () -> world.discord().click(guild, ralph, request, "Approve"));
    CompletableFuture<StandInInteraction> second = CompletableFuture.supplyAsync(
        () -> world.discord().click(guild, rhea, request, "Approve"));
    first.get();
    second.get();
    // whichever replica handled the approval edits the invoker's card too (the request keeps the invoker's token)
    ask.awaitOriginal(m -> m.text().contains("Approved by"), WAIT);
    Poll.until(() -> world.discord().channelMessages(trading).stream().filter(m -> m.id() == request.id()
        && m.text().contains("Approved by")).findFirst(), WAIT, () -> "the request card's result");
    assertThat(world.simulator().requests().stream().filter(r -> "flatPlaceOrder".equals(r.operationId())))
        .as("approved once across replicas, sent once").singleElement()
        .satisfies(r -> assertThat(r.body().path("quantity").asInt()).isEqualTo(10));
  }
}
