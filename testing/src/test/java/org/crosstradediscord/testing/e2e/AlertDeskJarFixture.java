package org.crosstradediscord.testing.e2e;


import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The alert desk's end-to-end fixture: the bot started from its jar against the Discord stand-in and the simulator,
 * with two alert sources ({@code tv-mes}, 60 s to approve; {@code tv-fast}, 10 s), approved by the Risk role, and the
 * two-person rule (orders above 9 contracts, a flatten of every account and a /resume after the daily loss halt need a
 * second Risk member, 12 s); with {@link WithDeskBoard} also the desk board (1 s) with a trailing-drawdown limit of 250
 * on Sim102 that flattens.
 * One bot per test class (each class runs in its own JVM fork).
 */
abstract class AlertDeskJarFixture {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String KEY = "tv-mes-key-0123456789abcdef";
  static final String FAST_KEY = "tv-fast-key-0123456789abcdef";
  static final String PLACE = "command=PLACE;\naccount=Sim101;\ninstrument=MES 12-25;\naction=BUY;\norder_type=MARKET;"
      + "\ntif=DAY;\n";
  static Sandbox sandbox;
  static BotProcess bot;
  static StandInGuild guild;
  static int port;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * On a test class: the bot posts the board accounts' session reports at {@link #reportAt} ({@code board.report_at},
   * New York time: {@value #REPORT_AFTER_SECONDS} s after the config is written), so a report comes while the class's
   * other tests run instead of after a session of its own.
   */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface WithSessionReports {}

  /**
   * On a test class: the bot also runs the desk board (1 s, in #trading) with a trailing-drawdown limit of 250 on
   * Sim102 that flattens. Other classes run without them (no P&amp;L stream, no watermark reads: less work per class).
   */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface WithDeskBoard {}

  /** Seconds from writing the config to the session report: the jar's start (3–5 s) and a first P&amp;L sample fit. */
  static final long REPORT_AFTER_SECONDS = 15;
  /** When the session report is due (with {@link WithSessionReports}), else null. */
  static java.time.Instant reportAt;

  @BeforeAll
  static void startTheBot(org.junit.jupiter.api.TestInfo info) throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    boolean reports = info.getTestClass().map(c -> c.isAnnotationPresent(WithSessionReports.class)).orElse(false);
    boolean desk = info.getTestClass().map(c -> c.isAnnotationPresent(WithDeskBoard.class)).orElse(false);
    sandbox = Sandbox.startForAlertProcesses("""
        alerts:
          listen: "127.0.0.1:%d"
          sources:
            tv-mes:
              secret_env: ALERT_KEY_TV_MES
              channel_id: "{trading}"
              accounts: [Sim101]
              approvers: ["{role:Risk}"]
              ttl_seconds: 60
            tv-fast:
              secret_env: ALERT_KEY_TV_FAST
              channel_id: "{trading}"
              accounts: [Sim101]
              approvers: ["{role:Risk}"]
              ttl_seconds: 10
        approvals:
          channel_id: "{trading}"
          approvers: ["{role:Risk}"]
          above_quantity: 9
          for: [flatten_everything, resume_after_daily_loss]
          ttl_seconds: 12
        """.formatted(port), null, desk || reports ? Duration.ofSeconds(1) : null,
        desk ? "trailing_drawdown: {Sim102: 250}\nflatten_on_trailing_drawdown: true" : "");
    guild = sandbox.guild();
    reportAt = null;
    if (reports) {
      reportAt = java.time.Instant.now().plusSeconds(REPORT_AFTER_SECONDS).truncatedTo(
          java.time.temporal.ChronoUnit.SECONDS);
      String yaml = java.nio.file.Files.readString(sandbox.configFile());
      String withReport = yaml.replaceFirst("(?m)^(board: \\{.*)}$", "$1, report_at: \""
          + java.time.LocalTime.ofInstant(reportAt, java.time.ZoneId.of("America/New_York")) + "\"}");
      if (withReport.equals(yaml)) {
        throw new IllegalStateException("no board line in the sandbox config to add report_at to");
      }
      java.nio.file.Files.writeString(sandbox.configFile(), withReport); // read by the bot process at its start
    }
    Map<String, String> env = new java.util.HashMap<>(Sandbox.secrets());
    env.putAll(Map.of("ALERT_KEY_TV_MES", KEY, "ALERT_KEY_TV_FAST", FAST_KEY));
    bot = BotProcess.start(BotJarEndToEndTest.jar(), BotJvm.options("-Xmx128m"), sandbox.configFile(), env,
        Path.of("target", "alert-desk-e2e.log"));
    awaitListener();
  }

  @AfterAll
  static void stopTheBot() {
    if (bot != null) {
      bot.close();
    }
    sandbox.close();
  }

  /** Stops the bot and starts it again from its jar on the same config and SQLite file; returns once it listens. */
  static void restartTheBot() throws Exception {
    bot.close();
    Map<String, String> env = new java.util.HashMap<>(Sandbox.secrets());
    env.putAll(Map.of("ALERT_KEY_TV_MES", KEY, "ALERT_KEY_TV_FAST", FAST_KEY));
    bot = BotProcess.start(BotJarEndToEndTest.jar(), BotJvm.options("-Xmx128m"), sandbox.configFile(), env,
        Path.of("target", "alert-desk-e2e-restarted.log"));
    awaitListener();
  }

  private static void awaitListener() {
    Poll.until(() -> { // the listener starts once the bot's commands are registered
      try {
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/tv-mes")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return java.util.Optional.of(true);
      } catch (java.io.IOException e) {
        return java.util.Optional.empty();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(60), () -> "the bot's alert listener on port " + port);
  }

  static HttpResponse<String> post(String body) throws Exception {
    return post("tv-mes", body);
  }

  static HttpResponse<String> post(String source, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/" + source))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long trading() {
    return guild.channels().stream().filter(c -> c.name().equals("trading")).findFirst().orElseThrow().id();
  }

  static List<StandInMessage> cards(String alertId) {
    return sandbox.discord().channelMessages(trading()).stream().filter(m -> m.text().contains("Alert " + alertId))
        .toList();
  }

  static StandInMessage awaitCard(String alertId, String contains) {
    return Poll.until(() -> cards(alertId).stream().filter(m -> m.text().contains(contains)).findFirst(), WAIT,
        () -> "a card of alert " + alertId + " saying '" + contains + "': " + cards(alertId).stream()
            .map(StandInMessage::text).toList());
  }

  static List<RecordedRequest> orders() {
    return sandbox.simulator().requests().stream().filter(r -> r.operationId() != null && r.method().equals("POST"))
        .toList();
  }

}
