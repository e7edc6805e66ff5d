package org.crosstradediscord.testing.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON text of an exact byte length, {@code prefix + "x"… + suffix}, written in fixed-size slices and never held
 * whole: a 2 GiB body costs one 64 KiB buffer. With the default prefix and suffix it reads as a valid
 * {@code OrderIdResponse} whose {@code orderId} is very long.
 */
final class LazyJson {
  /** Size of one slice written (and of one WebSocket frame). */
  static final int SLICE = 64 * 1024;
  private static final byte FILLER = 'x';

  private final byte[] prefix;
  private final byte[] suffix;
  private final long length;

  /**
   * @param prefix text before the filler
   * @param suffix text after the filler
   * @param length total length in bytes; at least the prefix and suffix (a shorter length is raised to that)
   */
  LazyJson(String prefix, String suffix, long length) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    this.length = Math.max(length, (long) this.prefix.length + this.suffix.length);
  }

  /** @return an {@code OrderIdResponse}-shaped text of {@code length} bytes */
  static LazyJson orderId(long length) {
    return new LazyJson("{\"orderId\":\"", "\",\"success\":true}", length);
  }

  /** @return the exact length in bytes */
  long length() {
    return length;
  }

  /** Receives consecutive slices; {@code last} marks the final one. */
  @FunctionalInterface
  interface SliceSink {
    void accept(byte[] bytes, int off, int len, boolean last) throws IOException;
  }

  /**
   * Writes the text as slices of at most {@link #SLICE} bytes.
   *
   * @param sink receives each slice; an exception from it stops the writing
   * @throws IOException from the sink
   */
  void writeSlices(SliceSink sink) throws IOException {
    byte[] buf = new byte[SLICE];
    Arrays.fill(buf, FILLER);
    long written = 0;
    while (written < length) {
      int n = (int) Math.min(SLICE, length - written);
      boolean special = written < prefix.length || written + n > length - suffix.length;
      if (special) {
        for (int i = 0; i < n; i++) {
          buf[i] = byteAt(written + i);
        }
      }
      written += n;
      sink.accept(buf, 0, n, written == length);
      if (special) {
        Arrays.fill(buf, FILLER);
      }
    }
  }

  /**
   * @param out where to write the whole text
   * @param counted called with each slice's size after it was written
   * @throws IOException when the peer went away
   */
  void writeTo(OutputStream out, java.util.function.LongConsumer counted) throws IOException {
    writeSlices((b, off, len, last) -> {
      out.write(b, off, len);
      counted.accept(len);
    });
    out.flush();
  }

  private byte byteAt(long i) {
    if (i < prefix.length) {
      return prefix[(int) i];
    }
    long fromEnd = length - i;
    if (fromEnd <= suffix.length) {
      return suffix[suffix.length - (int) fromEnd];
    }
    return FILLER;
  }
}
