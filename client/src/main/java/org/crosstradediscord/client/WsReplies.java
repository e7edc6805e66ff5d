package org.crosstradediscord.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.crosstradediscord.client.WsConnection.ConnectionLostException;
import org.crosstradediscord.client.WsConnection.MessageTooLargeException;

/**
 * The {@link WebSocketTransport}'s reply side: a reply frame into the response model or the mapped error, following
 * openapi.yaml's {@code x-websocket-rpc-notes} ({@code {"id","data":{"error",…}}} and {@code {"id","error",…}}, an
 * optional numeric {@code status}; without one, only a documented pre-execution text is a refusal, anything else is
 * outcome unknown), and a lost connection or an over-large message into the error of a request in flight.
 */
final class WsReplies {
  /**
   * Documented error texts and codes, each matched against the WHOLE start of the reply's {@code error} (or, when
   * absent, {@code detail}) — never anywhere inside it, so "RPC failed after submit: … not found" or "Timed out …;
   * NinjaTrader disconnected" stay outcome unknown (reference §1.4, openapi.yaml {@code x-websocket-rpc-notes}).
   */
  private static final Pattern NO_POSITION = Pattern.compile("^no positions? found\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern RATE_LIMITED = Pattern.compile("^(rate limit exceeded|rate_limited)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_CONNECTED = Pattern.compile(
      "^(not_connected\\s*$|ninjatrader (8 )?(or the crosstrade add-on )?is not connected\\b)", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNAUTHORIZED = Pattern.compile("^(unauthorized|invalid token|invalid_token)\\b",
      Pattern.CASE_INSENSITIVE);
  /**
   * Refusals before anything is executed: validation ("Invalid request", "invalid_…" codes), an unknown account,
   * an order "not found or already terminal", an add-on too old for the command ("Unknown API command").
   */
  private static final Pattern PRE_EXECUTION_REFUSAL = Pattern.compile(
      "^(invalid request\\b|invalid_[a-z_]+\\s*$|account \\S+ not found\\.?\\s*$"
          + "|order linked to '[^']*' not found or already terminal\\.?\\s*$|not found or already terminal\\.?\\s*$"
          + "|unknown api command\\b)",
      Pattern.CASE_INSENSITIVE);

  private final ObjectMapper mapper;
  private final ErrorMapper errors;

  WsReplies(ObjectMapper mapper, ErrorMapper errors) {
    this.mapper = mapper;
    this.errors = errors;
  }

  /** Turns a reply frame into the response model, or throws the mapped error. */
  <T> T read(String operationId, JsonNode frame, Class<T> type) {
    JsonNode data = frame.get("data");
    boolean dataIsError = data != null && data.isObject() && data.hasNonNull("error") && !data.path("success").asBoolean(false);
    JsonNode errorHolder = dataIsError ? data : frame.hasNonNull("error") ? frame : null;
    if (errorHolder != null) {
      int status = frame.path("status").isInt() ? frame.get("status").asInt() : inferStatus(errorHolder);
      throw errors.fromStatus(operationId, status, null, errorHolder.toString());
    }
    if (data == null || !data.isObject()) {
      throw errors.unreadable(operationId, 200, "the WebSocket reply has no data object");
    }
    try {
      return mapper.treeToValue(data, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw errors.unreadable(operationId, 200, "the WebSocket reply's data could not be read");
    }
  }

  /** @return the error of a request whose connection was lost (or received an over-large message) */
  CrossTradeException lostOrTooLarge(String operationId, Throwable cause) {
    if (cause instanceof MessageTooLargeException) {
      return errors.unreadable(operationId, 200, cause.getMessage());
    }
    return errors.connectionLost(operationId, "WebSocket connection lost ("
        + (cause instanceof ConnectionLostException ? cause.getMessage() : cause.getClass().getSimpleName()) + ")",
        cause instanceof ConnectionLostException ? null : cause);
  }

  /**
   * The status of an error reply that carries none (openapi.yaml {@code x-websocket-rpc-notes}): a refusal only for a
   * documented text or code at the start of {@code error} (else of {@code detail}); anything else 502, which the
   * SDK reports as outcome unknown.
   */
  static int inferStatus(JsonNode error) {
    String code = error.path("error").asText("").strip();
    String detail = error.path("detail").asText("").strip();
    String text = code.isEmpty() ? detail : code;
    if (NO_POSITION.matcher(text).find() || (code.matches("(?i)invalid_[a-z_]+") && NO_POSITION.matcher(detail).find())) {
      return 400;
    }
    if (RATE_LIMITED.matcher(text).find()) {
      return 429;
    }
    if (NOT_CONNECTED.matcher(text).find()) {
      return 408;
    }
    if (UNAUTHORIZED.matcher(text).find()) {
      return 401;
    }
    if (PRE_EXECUTION_REFUSAL.matcher(text).find()) {
      return 400;
    }
    // Anything else ("Internal server error", "Timed out waiting for NinjaTrader response", "RPC failed after
    // submit"…) is no proof that nothing was executed: lean to outcome unknown.
    return 502;
  }
}
