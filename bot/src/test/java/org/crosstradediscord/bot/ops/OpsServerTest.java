package org.crosstradediscord.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ops endpoint over real HTTP: what {@code /healthz} says in each state, and what {@code /metrics} counts. */
class OpsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<JDA.Status> gateway = new AtomicReference<>(JDA.Status.CONNECTED);
  private final AtomicReference<Object> haltAnswer = new AtomicReference<>(HaltState.NEVER);
  private BotMetrics metrics;
  private Health health;
  private OpsServer server;

  /** A store whose halt() answers haltAnswer: a HaltState, a RuntimeException to throw, or a Duration to hang. */
  private Store store() {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (p, m, args) -> {
      if (!m.getName().equals("halt")) {
        throw new UnsupportedOperationException(m.getName());
      }
      Object a = haltAnswer.get();
      if (a instanceof RuntimeException e) {
        throw e;
      }
      if (a instanceof Duration d) {
        Thread.sleep(d.toMillis());
        return HaltState.NEVER;
      }
      return a;
    });
  }

  @BeforeEach
  void start() throws Exception {
    metrics = new BotMetrics();
    metrics.commands(java.util.Set.of("flatplace", "positions"));
    health = new Health(metrics::halted);
    server = OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health, metrics::scrape);
  }

  @AfterEach
  void stop() {
    server.close();
    health.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Timeout(30)
  void healthz_saysWhatIsWrong_inOneLine() throws Exception {
    assertThat(get("/healthz")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("starting: commands not registered yet\n");
    });
    health.ready(gateway::get, store(), () -> false);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/healthz").body()).isEqualTo("ok\n");

    gateway.set(JDA.Status.RECONNECT_QUEUED);
    assertThat(get("/healthz").body()).isEqualTo("Discord gateway not connected (RECONNECT_QUEUED)\n");
    gateway.set(JDA.Status.CONNECTED);

    haltAnswer.set(new StoreException("database unreachable: Connection refused", null));
    HttpResponse<String> broken = get("/healthz");
    assertThat(broken.statusCode()).isEqualTo(503);
    assertThat(broken.body()).isEqualTo("store: halt state unreadable\n");

    haltAnswer.set(Duration.ofSeconds(3));
    long t0 = System.nanoTime();
    HttpResponse<String> hung = get("/healthz");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(hung.statusCode()).isEqualTo(503);
    assertThat(hung.body()).isEqualTo("store: no answer within 1000 ms\n");
    assertThat(ms).as("bounded by Health.STORE_WAIT").isBetween(900L, 2_500L);

    haltAnswer.set(new HaltState(true, "news", 1, "rita", null));
    HttpResponse<String> back = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      HttpResponse<String> r;
      do {
        r = get("/healthz"); // the hung read finishes within 3 s; the next check starts a fresh one
      } while (r.statusCode() != 200);
      return r;
    });
    assertThat(back.body()).isEqualTo("ok\n");
    assertThat(get("/healthz").statusCode()).isEqualTo(200); // a fresh read (the hung one answered the old state)
    assertThat(get("/metrics").body()).contains("crosstrade_bot_halted 1.0");

    health.closing();
    assertThat(get("/healthz").body()).isEqualTo("stopping\n");
  }

  @Test
  @Timeout(60)
  void healthz_namesNoHostOrDatabase_whenTheStoreIsUnreachable(@TempDir Path dir) throws Exception {
    Path where = Files.createDirectories(dir.resolve("db.internal.example"));
    try (JdbcStore real = JdbcStore.open(JdbcStore.SQLITE + where.resolve("trades_prod.db"), Map.of())) {
      health.ready(gateway::get, real, () -> false);
      assertThat(get("/healthz").statusCode()).isEqualTo(200);
      real.close(); // the store cannot answer any more (its pool keeps an open file, so moving it would not do)

      HttpResponse<String> r = get("/healthz");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("store: halt state unreadable\n")
          .doesNotContain("db.internal.example").doesNotContain("trades_prod").doesNotContain(dir.toString());
    }
  }

  @Test
  @Timeout(120)
  void stalledClients_areDropped_andHealthzStillAnswers() throws Exception {
    // the default workers and queue, a 1 s deadline instead of 3 s: the test waits for it to pass twice
    Duration deadline = Duration.ofSeconds(1);
    server.close();
    server = OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health, metrics::scrape,
        OpsServer.THREADS, OpsServer.QUEUE, deadline);
    health.ready(gateway::get, store(), () -> false);
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < OpsServer.THREADS + 4; i++) { // more stalled clients than worker threads
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        s.setSoTimeout(30_000);
        String half = i % 2 == 0 ? "GET /heal" // half a request line
            : "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"; // a body that stalls
        s.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        stalled.add(s);
      }

      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + server.address().getPort() + "/healthz")).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(ms).as("answered once the stalled clients' deadline passed")
          .isLessThan(deadline.toMillis() + 4_000);

      assertTimeoutPreemptively(deadline.plusSeconds(10), () -> {
        for (Socket s : stalled) {
          assertThat(readToEnd(s)).as("the server closes a stalled connection").isTrue();
        }
      });
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  @Timeout(60)
  void connectionsBeyondTheWorkersAndTheQueue_areClosedAtOnce_notQueued() throws Exception {
    server.close();
    server = OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health, metrics::scrape, 2, 1,
        Duration.ofSeconds(60)); // a deadline far beyond this test: a close seen here is a refusal
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 2 + 1 + 3; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        s.setSoTimeout(200);
        s.getOutputStream().write("GET /heal".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        stalled.add(s);
      }
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        int closed;
        do {
          closed = 0;
          for (Socket s : stalled) {
            closed += closedByServer(s) ? 1 : 0;
          }
        } while (closed < 3);
        assertThat(closed).as("3 connections over 2 workers + 1 waiting place").isEqualTo(3);
      });
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  /** @return true once the server closed the socket (EOF or reset), false while it is still open */
  private static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  /** Reads until the server closes; true on EOF or reset, false when the socket's read timeout passes first. */
  private static boolean readToEnd(Socket s) throws IOException {
    try {
      while (s.getInputStream().read() >= 0) {
        // the answer to a request whose body then stalled; the close follows
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  @Test
  void otherPathsAndMethods_areRefused() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/healthz/../metrics").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
        + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void metrics_countStepsConfirmationsAndCalls_withoutNamesAccountsOrFreeText() throws Exception {
    Map<String, String> args = Map.of("account", "Sim101", "instrument", "MES 12-25");
    metrics.record(new AuditEvent("command", 42, "alice", "flatplace", args, "received", null, -1));
    metrics.confirmationCreated("flatplace");
    metrics.record(new AuditEvent("confirmed", 42, "alice", "flatplace", args, "confirmed", null, -1));
    metrics.record(new AuditEvent("result", 42, "alice", "flatplace", args, "ok", List.of("ORD-1"), 12));
    metrics.record(new AuditEvent("result", 42, "alice", "flatplace", args,
        "OutcomeUnknownException: flatPlaceOrder: no answer within 20000 ms <@123> secret-ish text", null, 20_000));
    metrics.record(new AuditEvent("result", 42, "alice", "flatplace", args, "paper: not sent", null, 0));
    metrics.record(new AuditEvent("expired", 42, "alice", "positions", args, "expired", null, -1));
    metrics.record(new AuditEvent("denied", 42, "alice", "made-up\"} 1\nevil", args, "no role", null, -1));

    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(OpsServer.METRICS_TYPE);
    String text = r.body();
    assertThat(text)
        .contains("crosstrade_bot_interactions_total{command=\"flatplace\",outcome=\"received\"} 1.0")
        .contains("crosstrade_bot_interactions_total{command=\"flatplace\",outcome=\"ok\"} 1.0")
        .contains("crosstrade_bot_interactions_total{command=\"flatplace\",outcome=\"outcome_unknown\"} 1.0")
        .contains("crosstrade_bot_interactions_total{command=\"flatplace\",outcome=\"paper\"} 1.0")
        .contains("crosstrade_bot_interactions_total{command=\"other\",outcome=\"denied\"} 1.0")
        .contains("crosstrade_bot_confirmations_total{command=\"flatplace\",event=\"created\"} 1.0")
        .contains("crosstrade_bot_confirmations_total{command=\"flatplace\",event=\"confirmed\"} 1.0")
        .contains("crosstrade_bot_confirmations_total{command=\"positions\",event=\"expired\"} 1.0")
        .contains("crosstrade_bot_outcome_unknown_total{command=\"flatplace\"} 1.0")
        .contains("crosstrade_upstream_calls_seconds_count{operation=\"flatplace\",status=\"ok\"} 1")
        .contains("crosstrade_upstream_calls_seconds_count{operation=\"flatplace\",status=\"outcome_unknown\"} 1")
        .doesNotContain("status=\"paper\"")
        .contains("crosstrade_bot_halted NaN")
        .contains("jvm_memory_used_bytes{")
        .doesNotContain("alice").doesNotContain("Sim101").doesNotContain("ORD-1").doesNotContain("evil")
        .doesNotContain("<@123>");
  }

  @Test
  void outcomes_mapToFixedWords() {
    assertThat(Outcomes.status("ok")).isEqualTo("ok");
    assertThat(Outcomes.status("RateLimitedException: 429")).isEqualTo("rate_limited");
    assertThat(Outcomes.status("UnauthorizedException: bad token")).isEqualTo("unauthorized");
    assertThat(Outcomes.status("not sent: trading is halted")).isEqualTo("not_sent");
    assertThat(Outcomes.status("not read: the bot is busy or stopping")).isEqualTo("not_sent");
    assertThat(Outcomes.status("outcome unknown: the bot restarted while sending")).isEqualTo("outcome_unknown");
    assertThat(Outcomes.status("refused before sending: quantity")).isEqualTo("invalid_request");
    assertThat(Outcomes.status("internal error NullPointerException")).isEqualTo("internal_error");
    assertThat(Outcomes.status("SomethingElse: x")).isEqualTo("other");
    assertThat(Outcomes.status(null)).isEqualTo("other");
  }
}
