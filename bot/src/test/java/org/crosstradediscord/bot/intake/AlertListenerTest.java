package org.crosstradediscord.bot.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener over real HTTP (JDK server and client, raw sockets for a stalled client). */
class AlertListenerTest {
  static final String SECRET = "tv-mes-secret-0123456789";
  static final String PLACE = "command=PLACE; account=Sim101; instrument=MES 12-25; action=BUY; qty=1;"
      + " order_type=MARKET; tif=DAY;";

  final AtomicLong nanos = new AtomicLong();
  final List<Alert> received = new CopyOnWriteArrayList<>();
  final Map<String, String> byIdentity = new ConcurrentHashMap<>();
  volatile RuntimeException storeFailure;
  final AlertInbox inbox = (source, alert, identity) -> {
    if (storeFailure != null) {
      throw storeFailure;
    }
    String seen = byIdentity.get(identity);
    if (seen != null) {
      return AlertInbox.Receipt.duplicate(seen);
    }
    String id = "A" + (byIdentity.size() + 1);
    byIdentity.put(identity, id);
    received.add(alert);
    return AlertInbox.Receipt.accepted(id);
  };
  final HttpClient http = HttpClient.newHttpClient();
  AlertListener listener;

  AlertListener start(Duration deadline) throws IOException {
    listener = AlertListener.start(new InetSocketAddress("127.0.0.1", 0),
        Map.of("tv-mes", new IntakeSource("tv-mes", SECRET, 512, 3)), inbox, new PerMinute(nanos::get), deadline);
    return listener;
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.address().getPort() + path);
  }

  @Test
  void anAlertWithTheRightKey_isAccepted_once_andTheKeyNeverReachesTheInbox() throws Exception {
    start(Duration.ofSeconds(5));

    HttpResponse<String> first = post("/alerts/tv-mes", "key=" + SECRET + ";\n" + PLACE);
    HttpResponse<String> again = post("/alerts/tv-mes", PLACE.replace("; ", ";\n") + " KEY=" + SECRET + ";");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).isEqualTo("accepted A1\n");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("duplicate A1\n");
    assertThat(received).singleElement().satisfies(a -> {
      assertThat(a.command()).isEqualTo(AlertCommand.PLACE);
      assertThat(a.fields()).doesNotContainKey("key");
      assertThat(a.fields().values()).noneMatch(v -> v.contains(SECRET));
    });
  }

  @Test
  void aWrongOrMissingKey_is401_withNoDetail_andNothingRecorded() throws Exception {
    start(Duration.ofSeconds(5));

    HttpResponse<String> wrong = post("/alerts/tv-mes", "key=guess-guess-guess;" + PLACE);
    HttpResponse<String> missing = post("/alerts/tv-mes", PLACE);

    assertThat(List.of(wrong, missing)).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("unauthorized\n");
    });
    assertThat(received).isEmpty();
  }

  @Test
  void unknownSource_otherMethods_badFields_andTheStoreDown_eachGetTheirAnswer() throws Exception {
    start(Duration.ofSeconds(5));

    assertThat(post("/alerts/tv-es", "key=" + SECRET + ";" + PLACE).statusCode()).isEqualTo(404);
    assertThat(post("/alerts/", "x").statusCode()).isEqualTo(404);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/alerts/tv-mes")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> bad = post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE.replace("qty=1", "qty=0"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("qty: must be a whole number from 1 to 1000\n");
    HttpResponse<String> bracket = post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE + " take_profit=10;");
    assertThat(bracket.body()).startsWith("take_profit: brackets are not carried");
    storeFailure = new IllegalStateException("database is locked");
    HttpResponse<String> down = post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).doesNotContain("database");
    assertThat(received).isEmpty();
  }

  @Test
  void aBodyOverTheLimit_is413_announcedOrStreamed() throws Exception {
    start(Duration.ofSeconds(5));
    String big = "key=" + SECRET + ";" + PLACE + " strategy=" + "s".repeat(600) + ";";

    HttpResponse<String> announced = post("/alerts/tv-mes", big);
    HttpResponse<String> streamed = http.send(HttpRequest.newBuilder(uri("/alerts/tv-mes"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
            big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(announced.statusCode()).isEqualTo(413);
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(announced.body()).isEqualTo("body over 512 bytes\n");
  }

  @Test
  void moreThanMaxPerMinute_is429_untilTheMinuteHasPassed() throws Exception {
    start(Duration.ofSeconds(5));
    for (int i = 1; i <= 3; i++) {
      assertThat(post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE.replace("qty=1", "qty=" + i)).statusCode())
          .isEqualTo(202);
    }

    HttpResponse<String> fourth = post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE.replace("qty=1", "qty=4"));
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(post("/alerts/tv-mes", "key=wrong-wrong-wrong;" + PLACE).statusCode()).isEqualTo(401);

    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE.replace("qty=1", "qty=4")).statusCode())
        .isEqualTo(202);
  }

  @Test
  void aStalledClient_losesItsConnectionAtTheDeadline_andOthersAreAnsweredMeanwhile() throws Exception {
    start(Duration.ofMillis(500));
    try (Socket stalled = new Socket("127.0.0.1", listener.address().getPort())) {
      OutputStream out = stalled.getOutputStream();
      out.write(("POST /alerts/tv-mes HTTP/1.1\r\nHost: x\r\nContent-Length: 300\r\n\r\nkey=").getBytes(
          StandardCharsets.US_ASCII));
      out.flush();

      assertThat(post("/alerts/tv-mes", "key=" + SECRET + ";" + PLACE).statusCode()).isEqualTo(202);
      stalled.setSoTimeout(10_000);
      InputStream in = stalled.getInputStream();
      long start = System.nanoTime();
      byte[] answer = in.readAllBytes(); // returns when the server closes the connection
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("202");
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void theSourcesSecret_isNeverShown() {
    IntakeSource source = new IntakeSource("tv-mes", SECRET, 512, 3);

    assertThat(source.toString()).doesNotContain(SECRET).contains("tv-mes");
    assertThat(source.keyMatches(SECRET)).isTrue();
    assertThat(source.keyMatches(SECRET + " ")).isFalse();
    assertThat(source.keyMatches(null)).isFalse();
  }
}
