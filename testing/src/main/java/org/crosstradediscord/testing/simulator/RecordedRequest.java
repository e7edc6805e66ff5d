package org.crosstradediscord.testing.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request the simulator received, in arrival order. Holds no token: only whether it was accepted.
 *
 * @param at arrival time
 * @param transport {@code rest} or {@code websocket}
 * @param operationId the spec operation, or null for an unknown path
 * @param path the raw path (REST) or the RPC name (WebSocket)
 * @param account the decoded account path parameter, or null
 * @param body the JSON body as received (null when not JSON)
 * @param status the status answered
 * @param response the JSON body answered
 * @param authorized whether the bearer token matched
 * @param receivedNanos {@code System.nanoTime()} on arrival, for latency measurements
 * @param method the HTTP method of the operation (GET or POST)
 * @param params the decoded path and query parameters
 */
public record RecordedRequest(Instant at, String transport, String operationId, String path, String account,
    JsonNode body, int status, JsonNode response, boolean authorized, long receivedNanos, String method,
    java.util.Map<String, String> params) {}
