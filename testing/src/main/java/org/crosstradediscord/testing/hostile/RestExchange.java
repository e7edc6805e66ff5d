package org.crosstradediscord.testing.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request read by the {@link HostileUpstream} and the means for a {@link RestMode} to answer it (or not).
 * Every answer carries {@code Connection: close}; the connection is closed once the mode returns, unless the mode
 * {@link #keepOpen() keeps it open}.
 */
final class RestExchange {
  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(201, "Created"),
      Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
      Map.entry(303, "See Other"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(408, "Request Timeout"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));

  private final HttpRequestRecord request;
  private final InputStream in;
  private final OutputStream out;
  private final URI baseUrl;
  private final Recording recording;
  private boolean keepOpen;

  RestExchange(HttpRequestRecord request, InputStream in, OutputStream out, URI baseUrl, Recording recording) {
    this.request = request;
    this.in = in;
    this.out = out;
    this.baseUrl = baseUrl;
    this.recording = recording;
  }

  HttpRequestRecord request() {
    return request;
  }

  URI baseUrl() {
    return baseUrl;
  }

  /** Leaves the connection open after the mode returns (closed by {@link HostileUpstream#reset()} or close). */
  void keepOpen() {
    keepOpen = true;
  }

  boolean keptOpen() {
    return keepOpen;
  }

  /** Sends a complete response with a Content-Length body. */
  void respond(int status, String body, String... extraHeaders) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String type = body.stripLeading().startsWith("{") || body.stripLeading().startsWith("[")
        ? "application/json" : "text/plain; charset=utf-8";
    head(status, concat(extraHeaders, "Content-Type: " + type, "Content-Length: " + bytes.length));
    out.write(bytes);
    out.flush();
  }

  /** Sends the status line and headers (plus {@code Connection: close}) and nothing else. */
  void head(int status, String... headers) throws IOException {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
        .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    sb.append("Connection: close\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Writes raw bytes of a body and counts them as streamed. */
  void bodyBytes(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    out.flush();
    recording.streamed(len);
  }

  /** Writes one chunk of a chunked body and counts its data as streamed. */
  void chunk(byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    recording.streamed(data.length);
  }

  /** Blocks until the client closes its side or the connection is closed by the upstream; reads and drops bytes. */
  void awaitClientGone() {
    byte[] sink = new byte[1024];
    try {
      while (in.read(sink) >= 0) {
        // a client that keeps talking is still there
      }
    } catch (IOException closed) {
      // closed by the upstream (reset/close) or reset by the client
    }
  }

  private static String[] concat(String[] a, String... b) {
    return java.util.stream.Stream.concat(List.of(a).stream(), List.of(b).stream()).toArray(String[]::new);
  }
}
