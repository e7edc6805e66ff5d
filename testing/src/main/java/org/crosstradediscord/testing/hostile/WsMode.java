package org.crosstradediscord.testing.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;

/**
 * How the {@link HostileUpstream} behaves on an upgraded WebSocket ({@code /ws/stream}), set per test with
 * {@link HostileUpstream#websocket(WsMode)} and read at every frame, so a change applies to open connections too.
 * Every mode records each {@code {"action":"rpc",…}} and {@code {"action":"ping"}} frame. Unless said otherwise a
 * mode answers RFC 6455 ping and close control frames and app-level pings with {@code {"type":"pong"}}.
 */
public final class WsMode {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PONG = "{\"type\":\"pong\"}";

  /** Reacts to one received RPC frame. */
  @FunctionalInterface
  interface RpcHandler {
    void onRpc(WsConnection c, JsonNode rpc) throws IOException;
  }

  private final String name;
  private final boolean answersControlFrames;
  private final boolean answersAppPings;
  private final RpcHandler onRpc;

  private WsMode(String name, boolean answersControlFrames, boolean answersAppPings, RpcHandler onRpc) {
    this.name = name;
    this.answersControlFrames = answersControlFrames;
    this.answersAppPings = answersAppPings;
    this.onRpc = onRpc;
  }

  /**
   * @return answers each RPC with {@code {"id":<same>,"data":{…}}}, the data valid for its {@code api} (the shapes
   *     of openapi.yaml's 200 examples), and each app-level ping with {@code {"type":"pong"}}
   */
  public static WsMode ok() {
    return new WsMode("ok", true, true, (c, rpc) -> {
      ObjectNode reply = JSON.createObjectNode();
      reply.set("id", rpc.get("id"));
      reply.set("data", parse(OkBodies.forRpc(rpc.path("api").asText())));
      c.sendText(reply.toString());
    });
  }

  /** @return after the handshake, silence: reads and records frames, answers nothing, not even pings or a close */
  public static WsMode halfOpen() {
    return new WsMode("halfOpen", false, false, (c, rpc) -> { });
  }

  /**
   * @param errorJson a JSON object, e.g. {@code {"error":"Internal server error"}}
   * @return answers each RPC with {@code {"id":<same>}} merged with the fields of {@code errorJson} (its fields win,
   *     an {@code id} included)
   * @throws IllegalArgumentException {@code errorJson} is not a JSON object
   */
  public static WsMode errorReply(String errorJson) {
    JsonNode fields = parse(Objects.requireNonNull(errorJson, "errorJson"));
    if (!fields.isObject()) {
      throw new IllegalArgumentException("errorJson must be a JSON object: " + errorJson);
    }
    return new WsMode("errorReply(" + errorJson + ")", true, true, (c, rpc) -> {
      ObjectNode reply = JSON.createObjectNode();
      reply.set("id", rpc.get("id"));
      reply.setAll((ObjectNode) fields.deepCopy());
      c.sendText(reply.toString());
    });
  }

  /**
   * @return answers an RPC with a text frame {@code {"id":<same>,"data":{"orderId":"} with FIN=0, then
   *     continuation frames of 64 KiB of {@code x}, FIN=0, forever, until the client closes or goes away
   */
  public static WsMode endlessFragments() {
    return new WsMode("endlessFragments", true, true, (c, rpc) -> c.streamEndless(
        "{\"id\":" + idJson(rpc) + ",\"data\":{\"orderId\":\""));
  }

  /**
   * @param bytes the message's size, e.g. {@code 2L << 30}
   * @return answers an RPC with ONE text message of exactly {@code bytes} bytes,
   *     {@code {"id":<same>,"data":{"orderId":"xxx…","success":true}}}, in frames of 64 KiB, generated lazily
   */
  public static WsMode hugeMessage(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0");
    }
    return new WsMode("hugeMessage(" + bytes + ")", true, true, (c, rpc) -> c.streamMessage(new LazyJson(
        "{\"id\":" + idJson(rpc) + ",\"data\":{\"orderId\":\"", "\",\"success\":true}}", bytes)));
  }

  /**
   * @param code close status code, e.g. 1011
   * @param reason close reason, sent as given (newlines and all; over 123 bytes it breaks RFC 6455 on purpose)
   * @return on the first RPC of a connection, sends a close frame with that code and reason; the TCP connection
   *     is closed once the client answers the close
   */
  public static WsMode closeWith(int code, String reason) {
    Objects.requireNonNull(reason, "reason");
    return new WsMode("closeWith(" + code + ")", true, true, (c, rpc) -> c.sendClose(code, reason));
  }

  /** @return answers pings (control and app-level) but never an RPC */
  public static WsMode noReply() {
    return new WsMode("noReply", true, true, (c, rpc) -> { });
  }

  /** @return closes the TCP connection abruptly (RST, no close frame) when an RPC arrives */
  public static WsMode dropOnRpc() {
    return new WsMode("dropOnRpc", true, true, (c, rpc) -> c.abort());
  }

  boolean answersControlFrames() {
    return answersControlFrames;
  }

  void onRpc(WsConnection c, JsonNode rpc) throws IOException {
    onRpc.onRpc(c, rpc);
  }

  void onAppPing(WsConnection c) throws IOException {
    if (answersAppPings) {
      c.sendText(PONG);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** @return the RPC's id as JSON text ({@code null} when it has none) */
  private static String idJson(JsonNode rpc) {
    JsonNode id = rpc.get("id");
    return id == null ? "null" : id.toString();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
