package org.crosstradediscord.testing.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.crosstradediscord.testing.spec.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The upstream docs' own WebSocket RPC frames, sent verbatim (NinjaTrader casing: {@code "action": "Buy"},
 * {@code "orderType": "Market"}, {@code "timeInForce": "Gtc"}) to the simulator: each is accepted, executed, and its
 * reply's {@code data} obeys the spec's 200 response.
 */
class SeedFramesTest {
  static final String TOKEN = "seed-frames-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final CrossTradeSimulator SIM = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101", "Sim102"),
      Map.of("ES 09-26", 5800.0, "MES 12-25", 6000.0));
  static final OpenApiInteractionValidator VALIDATOR = Spec.get().validator();

  /** shared/seeds/000 (POST Flat Place Order), verbatim. */
  static final String FLAT_PLACE = """
      {
      "action": "rpc",
      "id": "my-request",
      "api": "FlatPlace",
      "args": {
      "account": "Sim101",
      "instrument": "ES 09-26",
      "action": "Buy",
      "orderType": "Market",
      "quantity": 1,
      "timeInForce": "Gtc"
      }
      }""";
  /** shared/seeds/001 (POST Reverse Position, first rendering), verbatim. */
  static final String REVERSE_POSITION = """
      {
      "action": "rpc",
      "id": "my-request-id",
      "api": "ReversePosition",
      "args": {
      "account": "Sim101",
      "instrument": "ES 09-26",
      "action": "Buy",
      "orderType": "Market",
      "quantity": 1,
      "timeInForce": "Gtc"
      }
      }""";
  /** shared/seeds/004 (POST Reverse Position, second rendering), verbatim. */
  static final String REVERSE_POSITION_2 = """
      {
        "action": "rpc",
        "id": "my-request-id",
        "api": "ReversePosition",
        "args": {
          "account": "Sim101",
          "instrument": "ES 09-26",
          "action": "Buy",
          "orderType": "Market",
          "quantity": 1,
          "timeInForce": "Gtc"
        }
      }""";
  /** reference §4.2 POST Close Position, WebSocket (the seed page shows none), verbatim. */
  static final String CLOSE_POSITION = """
      {"action": "rpc", "id": "my-request-id", "api": "ClosePosition", "args": {"account": "Sim101", "instrument": "ES 09-26"}}""";
  /** shared/seeds/002 (POST Flatten Everything, with filters), verbatim. */
  static final String FLATTEN = """
      {
      "action": "rpc",
      "id": "my-request-id",
      "api": "Flatten",
      "args": {
      "account": "Sim101",
      "instrument": "MES 12-25",
      "marketPosition": "short"
      }
      }""";
  /** shared/seeds/002 (POST Flatten Everything, no filters), verbatim. */
  static final String FLATTEN_EVERYTHING = """
      {
      "action": "rpc",
      "id": "my-request-id",
      "api": "FlattenEverything",
      "args": {}
      }""";

  @AfterAll
  static void stop() {
    SIM.close();
  }

  @Test
  void theSeedPagesFrames_areAcceptedVerbatim_executed_andAnsweredWithTheSpecsResponses() throws Exception {
    SIM.reset();
    SIM.book().setPosition("Sim101", "MES 12-25", -2, 6005.0);
    SIM.book().setPosition("Sim102", "ES 09-26", 3, 5790.0);
    BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
        .buildAsync(URI.create(SIM.baseUrl().replace("http", "ws") + "/ws/stream"), new WebSocket.Listener() {
          final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              try {
                frames.add(JSON.readTree(text.toString()));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              text.setLength(0);
            }
            w.request(1);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);
    try {
      JsonNode flatPlace = rpc(ws, frames, FLAT_PLACE, "my-request");
      assertThat(SIM.book().position("Sim101", "ES 09-26")).isEqualTo(1);
      JsonNode reverse = rpc(ws, frames, REVERSE_POSITION, "my-request-id");
      assertThat(SIM.book().position("Sim101", "ES 09-26")).as("closed Long 1, then bought 1").isEqualTo(1);
      JsonNode reverse2 = rpc(ws, frames, REVERSE_POSITION_2, "my-request-id");
      JsonNode close = rpc(ws, frames, CLOSE_POSITION, "my-request-id");
      assertThat(SIM.book().position("Sim101", "ES 09-26")).isZero();
      JsonNode flatten = rpc(ws, frames, FLATTEN, "my-request-id");
      assertThat(SIM.book().position("Sim101", "MES 12-25")).isZero();
      JsonNode everything = rpc(ws, frames, FLATTEN_EVERYTHING, "my-request-id");
      assertThat(SIM.book().position("Sim102", "ES 09-26")).isZero();

      assertReply(flatPlace, "flatPlaceOrder");
      assertReply(reverse, "reversePosition");
      assertReply(reverse2, "reversePosition");
      assertReply(close, "closePosition");
      assertReply(flatten, "flatten");
      assertReply(everything, "flatten");
      assertThat(close.at("/data/closedPositions/0/marketPosition").asText()).isEqualTo("Long");
      assertThat(everything.at("/data/closedPositions/0/account").asText()).isEqualTo("Sim102");
      assertThat(SIM.requests()).extracting(RecordedRequest::status).containsOnly(200);
      assertThat(SIM.requests().get(0).body().path("action").asText()).as("received as sent").isEqualTo("Buy");
    } finally {
      ws.abort();
    }
  }

  private static JsonNode rpc(WebSocket ws, BlockingQueue<JsonNode> frames, String frame, String id) throws Exception {
    ws.sendText(frame, true).get(5, TimeUnit.SECONDS);
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < end) {
      JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
      if (f != null && id.equals(f.path("id").asText())) {
        return f;
      }
    }
    throw new AssertionError("no reply to " + frame);
  }

  private static void assertReply(JsonNode reply, String operationId) {
    assertThat(reply.path("status").asInt()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.path("data").path("success").asBoolean()).as(reply.toString()).isTrue();
    var report = VALIDATOR.validateResponse(Spec.get().operation(operationId).path("Sim101"), Request.Method.POST,
        SimpleResponse.Builder.status(200).withContentType("application/json").withBody(reply.get("data").toString())
            .build());
    assertThat(report.getMessages()).as(reply.toString()).isEmpty();
  }
}
