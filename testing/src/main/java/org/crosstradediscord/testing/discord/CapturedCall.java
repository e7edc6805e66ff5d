package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One REST call the bot made to the stand-in. The Authorization header is not kept.
 *
 * @param at when it arrived
 * @param method HTTP method
 * @param route path below {@code /api/v10}, with ids, e.g. {@code /interactions/123/tok/callback}
 * @param body the JSON body (payload_json for multipart), or null
 * @param status the status answered
 * @param response the JSON answered, or null
 */
public record CapturedCall(Instant at, String method, String route, JsonNode body, int status, JsonNode response) {
  /** @return {@code METHOD route -> status} */
  @Override
  public String toString() {
    return method + " " + route + " -> " + status;
  }
}
