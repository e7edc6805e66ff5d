package org.crosstradediscord.testing.simulator;

import org.eclipse.jetty.servlet.ServletContextHandler;

/** The simulator's {@code /ws/stream} WebSocket RPC endpoint (see the WebSocket issue); not served yet. */
final class WebSocketRpc {
  private WebSocketRpc() {}

  static void install(ServletContextHandler context, Upstream upstream) {
    // Intentionally empty until the WebSocket RPC transport lands.
  }
}
