package org.crosstradediscord.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.api.Operations.Operation;
import org.junit.jupiter.api.Test;

/** Mapping rules that keep "nothing was executed" for answers that prove it (issue 10). */
class FaultSafetyMappingTest {
  static final String TOKEN = "tok_0123456789abcdefghij";
  final ObjectMapper json = new ObjectMapper();
  final ErrorMapper errors = new ErrorMapper(json, TOKEN);

  @Test
  void redirectToAPost_isOutcomeUnknown_notARefusal() {
    CrossTradeException e = errors.fromStatus("flatPlaceOrder", 307, null, "");
    assertThat(e).isInstanceOf(OutcomeUnknownException.class);
    assertThat(((OutcomeUnknownException) e).reason()).isEqualTo(OutcomeUnknownException.Reason.UNEXPECTED_STATUS);
    assertThat(errors.fromStatus("flatPlaceOrder", 101, null, "")).isInstanceOf(OutcomeUnknownException.class);
    assertThat(errors.fromStatus("flatPlaceOrder", 400, null, "{\"error\":\"Invalid request\"}"))
        .isExactlyInstanceOf(RequestRejectedException.class);
  }

  @Test
  void aReadWithoutAUsableAnswer_saysNothingWasChanged_aPostSaysOutcomeUnknown() {
    assertThat(errors.fromStatus("getPosition", 503, null, "busy").getMessage()).contains("nothing was changed")
        .doesNotContain("may have been executed");
    assertThat(errors.fromStatus("cancelOrder", 503, null, "busy").getMessage()).contains("may have been executed");
    assertThat(errors.unreadable("listOrders", 200, "the body has no orders").getMessage()).contains("nothing was changed");
  }

  /** The read/write split is the table's: every GET of openapi.yaml says "nothing was changed", every other not. */
  @Test
  void everyOperationOfTheTable_isMappedAsItsHttpMethodSays() {
    assertThat(Operations.ALL).isNotEmpty();
    for (Operation op : Operations.ALL) {
      String timeout = errors.timeout(op.operationId(), "no response", null).getMessage();
      String unreadable = errors.unreadable(op.operationId(), 200, "the body is empty").getMessage();
      String failed = errors.fromStatus(op.operationId(), 502, null, "{\"error\":\"Bad gateway\"}").getMessage();
      for (String message : List.of(timeout, unreadable, failed)) {
        if ("GET".equals(op.httpMethod())) {
          assertThat(message).as(op.operationId()).contains("nothing was changed").doesNotContain("may have been");
        } else {
          assertThat(message).as(op.operationId()).contains("may have been executed").doesNotContain("nothing was");
        }
      }
      assertThat(ErrorMapper.isRead(op.operationId())).as(op.operationId()).isEqualTo(op.isRead());
    }
    assertThat(Operations.ALL).filteredOn(op -> !op.isRead()).extracting(Operation::operationId)
        .contains("flatPlaceOrder", "reversePosition", "closePosition", "flatten", "cancelOrder");
    assertThat(ErrorMapper.isRead("noSuchOperation")).as("unknown: treated as a write").isFalse();
    assertThat(WebSocketTransport.RPC_NAMES).containsOnlyKeys(Operations.ALL.stream().map(Operation::operationId)
        .toList());
  }

  @Test
  void tokenAcrossTheTruncationCut_isScrubbed() {
    String body = "x".repeat(490) + TOKEN + "y".repeat(100); // the token straddles the 500-char cut
    CrossTradeException plain = errors.fromStatus("flatPlaceOrder", 400, null, body);
    CrossTradeException inJson = errors.fromStatus("flatPlaceOrder", 400, null,
        "{\"error\":\"" + body + "\"}");
    for (CrossTradeException e : new CrossTradeException[] {plain, inJson}) {
      assertThat(e.getMessage()).doesNotContain(TOKEN.substring(0, 10));
      assertThat(e.error().orElseThrow()).doesNotContain(TOKEN.substring(0, 10));
    }
  }

  @Test
  void causeQuotingAnEchoedToken_isScrubbed() throws Exception {
    // e.g. a parser or proxy error quoting a 2xx body that echoed the Authorization header
    Exception parse = new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected body: Bearer " + TOKEN, null,
        new java.io.IOException("inner " + TOKEN));
    CrossTradeException e = errors.fromFailure("flatPlaceOrder", parse);
    assertThat(e).isInstanceOf(OutcomeUnknownException.class);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
      assertThat(t.toString()).doesNotContain(TOKEN);
    }
    assertThat(e.getCause().getMessage()).contains("JsonParseException").contains("[redacted]");
    assertThat(e.getCause().getCause().getMessage()).contains("IOException").contains("[redacted]");
  }

  @Test
  void webSocketErrorWithoutStatus_isARefusalOnlyForDocumentedPreExecutionTexts() {
    for (String unknown : new String[] {"Internal server error", "Timed out waiting for NinjaTrader response",
        "RPC failed after submit", "something odd",
        // a documented phrase INSIDE another message is no refusal (review finding: substring matching)
        "RPC failed after submit: account Sim101 fill confirmation not found",
        "Timed out waiting for NinjaTrader response; NinjaTrader disconnected",
        "Reverse leg failed after close: no position found",
        "Internal server error (upstream rate limit while confirming fill)",
        "Order submitted; confirmation unauthorized"}) {
      int status = WebSocketTransport.inferStatus(json.createObjectNode().put("error", unknown));
      CrossTradeException e = errors.fromStatus("flatPlaceOrder", status, null, "{\"error\":\"" + unknown + "\"}");
      assertThat(e).as(unknown).isInstanceOf(OutcomeUnknownException.class);
    }
    for (String refusal : new String[] {"Invalid request", "invalid_account",
        "No position found for instrument 'ES 12-25' in account 'sim101'",
        "Order linked to 'ce0a' not found or already terminal.", "Account Sim999 not found", "Unknown API command"}) {
      int status = WebSocketTransport.inferStatus(json.createObjectNode().put("error", refusal));
      assertThat(status).as(refusal).isEqualTo(400);
    }
    assertThat(WebSocketTransport.inferStatus(json.createObjectNode().put("error", "invalid_account")
        .put("detail", "Account Sim999 not found"))).isEqualTo(400);
    assertThat(WebSocketTransport.inferStatus(json.createObjectNode().put("error", "Rate limit exceeded"))).isEqualTo(429);
    assertThat(WebSocketTransport.inferStatus(json.createObjectNode().put("error", "not_connected")
        .put("detail", "NinjaTrader or the CrossTrade add-on is not connected"))).isEqualTo(408);
    assertThat(WebSocketTransport.inferStatus(json.createObjectNode().put("error", "Unauthorized"))).isEqualTo(401);
  }

  @Test
  void aPieceOfTheTokenLeftByAParserCut_isScrubbed_andACauseCycleEnds() {
    String cut = "Unrecognized token 'xx" + TOKEN.substring(0, TOKEN.length() - 3) + "': was expecting JSON";
    Exception parse = new java.io.IOException(cut);
    CrossTradeException e = errors.fromFailure("flatPlaceOrder", parse);
    assertThat(e.getCause().getMessage()).doesNotContain(TOKEN.substring(0, 8)).contains("[redacted]");

    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b); // a cycle of length 2
    Throwable copy = errors.scrubbed(a);
    int depth = 0;
    for (Throwable t = copy; t != null; t = t.getCause()) {
      depth++;
    }
    assertThat(depth).isBetween(2, 8);
  }
}
