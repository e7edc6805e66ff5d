package org.crosstradediscord.testing.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the simulated upstream answers: an HTTP status and a JSON body (the same body the WebSocket RPC carries
 * in its {@code data}).
 *
 * @param status HTTP status
 * @param body JSON body
 * @param retryAfterSeconds value of a Retry-After header, or -1 for none
 */
public record SimResponse(int status, JsonNode body, long retryAfterSeconds) {
  static final ObjectMapper JSON = new ObjectMapper();

  static SimResponse ok(ObjectNode body) {
    body.put("success", true);
    return new SimResponse(200, body, -1);
  }

  static SimResponse error(int status, String error) {
    return new SimResponse(status, JSON.createObjectNode().put("error", error), -1);
  }

  static SimResponse envelope(int status, String code, String detail) {
    return new SimResponse(status, JSON.createObjectNode().put("success", false).put("error", code).put("detail", detail), -1);
  }
}
