package org.crosstradediscord.testing.hostile;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The server side of RFC 6455 framing: the accept key, masked client frames in, unmasked server frames out. */
final class WsFrames {
  /** RFC 6455 §1.3. */
  static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  /** One frame as received, payload unmasked. */
  record Frame(boolean fin, int opcode, byte[] payload) {
    boolean isControl() {
      return (opcode & 0x8) != 0;
    }
  }

  private WsFrames() {}

  /**
   * @param key the client's {@code Sec-WebSocket-Key}
   * @return {@code Sec-WebSocket-Accept}: base64(sha1(key + GUID))
   */
  static String acceptKey(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  /**
   * Reads one client frame; client frames must be masked (§5.1).
   *
   * @param in the connection's input
   * @param maxPayload largest payload accepted
   * @return the frame, or null at a clean EOF before its first byte
   * @throws IOException EOF mid-frame, an unmasked frame or one over the limit
   */
  static Frame read(InputStream in, int maxPayload) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    int b1 = readByte(in);
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    boolean masked = (b1 & 0x80) != 0;
    long len = b1 & 0x7F;
    if (len == 126) {
      len = (readByte(in) << 8) | readByte(in);
    } else if (len == 127) {
      len = 0;
      for (int i = 0; i < 8; i++) {
        len = (len << 8) | readByte(in);
      }
    }
    if (!masked) {
      throw new ProtocolException("unmasked client frame");
    }
    if (len < 0 || len > maxPayload) {
      throw new ProtocolException("client frame of " + len + " bytes over the limit " + maxPayload);
    }
    byte[] mask = readFully(in, 4);
    byte[] payload = readFully(in, (int) len);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i & 3];
    }
    return new Frame(fin, opcode, payload);
  }

  /**
   * Writes one unmasked server frame (the caller serialises writers).
   *
   * @param out the connection's output
   * @param fin last frame of the message
   * @param opcode e.g. {@link #TEXT}, {@link #CONTINUATION}, {@link #CLOSE}
   */
  static void write(OutputStream out, boolean fin, int opcode, byte[] b, int off, int len) throws IOException {
    byte[] head;
    int first = (fin ? 0x80 : 0) | opcode;
    if (len < 126) {
      head = new byte[] {(byte) first, (byte) len};
    } else if (len < 65536) {
      head = new byte[] {(byte) first, 126, (byte) (len >>> 8), (byte) len};
    } else {
      head = new byte[10];
      head[0] = (byte) first;
      head[1] = 127;
      for (int i = 0; i < 8; i++) {
        head[9 - i] = (byte) ((long) len >>> (8 * i));
      }
    }
    out.write(head);
    out.write(b, off, len);
    out.flush();
  }

  /**
   * @param code close status code
   * @param reason UTF-8 reason; RFC 6455 allows 123 bytes, a longer one is sent anyway (hostile on purpose)
   * @return the close frame payload
   */
  static byte[] closePayload(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[2 + r.length];
    p[0] = (byte) (code >>> 8);
    p[1] = (byte) code;
    System.arraycopy(r, 0, p, 2, r.length);
    return p;
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed mid-frame");
    }
    return b;
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("connection closed mid-frame");
    }
    return b;
  }
}
