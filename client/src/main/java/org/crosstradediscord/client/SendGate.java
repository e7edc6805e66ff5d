package org.crosstradediscord.client;

/**
 * Last check before an order-placing request leaves the machine. Installed with
 * {@link CrossTradeClient#withSendGate(SendGate)}; called for the write operations only (every operation that is not a
 * GET in the generated {@code Operations} table: {@code flatPlaceOrder},
 * {@code reversePosition}, {@code closePosition}, {@code flatten} — also for {@code flattenEverything()}, whose
 * operationId is {@code flatten} — and {@code cancelOrder}), never for reads (GET).
 *
 * <p>When: once per call, <b>after</b> the client-side {@link RateLimiter} token was taken (so time spent queueing
 * behind other requests is covered) and immediately before the request is written: over REST just before it is
 * handed to the JDK HttpClient (which may still open a connection, at most the connect timeout); over WebSocket after
 * the connection is open and the connection's send lock is held, right before the frame is sent. A gate that throws
 * {@link NotSentException} stops the request: nothing is sent, and the call throws that exception. A gate that throws
 * anything else stops it too (a {@link NotSentException} with the failure as its cause). A refused call has spent its
 * rate-limiter token; it is never retried by the SDK.
 *
 * <p>Must be fast and must not block: over WebSocket it runs while holding the connection's send lock, so every other
 * request on that connection (and the keepalive) waits for it. Reading an in-memory flag is right; a database or
 * network read is not (do it before the call and let the gate check only what can change meanwhile).
 */
@FunctionalInterface
public interface SendGate {
  /**
   * @param operationId the spec's operationId (e.g. {@code "flatPlaceOrder"}; {@code "flatten"} for both
   *     {@code flatten(filters)} and {@code flattenEverything()})
   * @throws NotSentException to stop the request: nothing is sent
   */
  void beforeSend(String operationId);

  /** A gate that lets every request through (the default of a client). */
  SendGate OPEN = op -> { };
}
