package org.crosstradediscord.client;

/** How the SDK reaches CrossTrade; the API and the models are the same on both. */
public enum TransportType {
  /** HTTPS requests to {@code /v1/api/...} (openapi.yaml paths). The default. */
  REST,
  /**
   * RPC frames on one long-lived WebSocket to {@code /ws/stream} ({@code {"action":"rpc","id",…,"api",…,"args":{…}}},
   * reference §5), with each operation's RPC name from openapi.yaml's {@code x-websocket-rpc}.
   */
  WEBSOCKET
}
