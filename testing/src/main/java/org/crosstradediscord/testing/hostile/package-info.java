/**
 * A hostile CrossTrade upstream for fault tests: {@link org.crosstradediscord.testing.hostile.HostileUpstream} on
 * loopback, switched per test between {@link org.crosstradediscord.testing.hostile.RestMode REST modes} (stalls,
 * drips, huge bodies, redirects, token echoes, half-open sockets, markdown in errors) and
 * {@link org.crosstradediscord.testing.hostile.WsMode WebSocket modes} (silence, error replies, endless fragments,
 * huge messages, close frames, dropped connections), with a {@link org.crosstradediscord.testing.hostile.Recording}
 * of what the client sent. HTTP/1.1 and RFC 6455 are written by hand on a {@link java.net.ServerSocket} so every
 * rule a server library keeps can be broken.
 */
package org.crosstradediscord.testing.hostile;
