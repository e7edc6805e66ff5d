package org.crosstradediscord.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one HTTP/1.1 request (line, headers, Content-Length or chunked body) off a socket, within fixed bounds. */
final class HttpRequestReader {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 1 << 20;

  private HttpRequestReader() {}

  /**
   * @param in the connection's input
   * @return the request, or null when the peer closed before sending a byte
   * @throws IOException malformed, too large, or the connection failed mid-request
   */
  static HttpRequestRecord read(InputStream in) throws IOException {
    String requestLine = line(in, true);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new ProtocolException("not an HTTP/1.x request line");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; ; i++) {
      String h = line(in, false);
      if (h.isEmpty()) {
        break;
      }
      if (i >= MAX_HEADERS) {
        throw new ProtocolException("too many headers");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("malformed header line");
      }
      headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    byte[] body = body(in, headers);
    headers.replaceAll((k, v) -> List.copyOf(v));
    return new HttpRequestRecord(parts[0], path, java.util.Collections.unmodifiableMap(headers),
        new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
    List<String> te = headers.get("transfer-encoding");
    if (te != null && te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in, false);
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        if (size == 0) {
          while (!line(in, false).isEmpty()) {
            // trailers, ignored
          }
          return out.toByteArray();
        }
        if (out.size() + (long) size > MAX_BODY) {
          throw new ProtocolException("request body too large");
        }
        out.write(in.readNBytes(size));
        line(in, false);
      }
    }
    List<String> cl = headers.get("content-length");
    if (cl == null) {
      return new byte[0];
    }
    long length = Long.parseLong(cl.get(0));
    if (length < 0 || length > MAX_BODY) {
      throw new ProtocolException("bad Content-Length " + length);
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new EOFException("request body cut short");
    }
    return body;
  }

  /** One CRLF-terminated line in ISO-8859-1; null at a clean EOF when allowed. */
  private static String line(InputStream in, boolean eofAllowed) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (eofAllowed && sb.length() == 0) {
          return null;
        }
        throw new EOFException("connection closed mid-request");
      }
      if (c == '\n') {
        int end = sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r' ? sb.length() - 1 : sb.length();
        return sb.substring(0, end);
      }
      if (sb.length() >= MAX_LINE) {
        throw new ProtocolException("line too long");
      }
      sb.append((char) c);
    }
  }
}
