package org.crosstradediscord.testing.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 2 GiB answer never costs the SDK more than its response limit: a child JVM with a 128 MiB heap (and
 * {@code -XX:+ExitOnOutOfMemoryError}, so an OutOfMemoryError on any thread ends it) calls flatPlaceOrder against a
 * {@link HostileUpstream} streaming 2 GiB, and must end with {@code OutcomeUnknownException}
 * ({@code UNREADABLE_RESPONSE}, the documented reason for a response over {@code maxResponseBytes}).
 */
class SdkHugeBodyMemoryTest {
  private static final long CHILD_TIMEOUT_S = 60;

  @Test
  void rest_hugeBodyOf2GiB_isOutcomeUnknown_in128MiBHeap() throws Exception {
    String out = runChild("rest");

    assertThat(out).contains("RESULT org.crosstradediscord.client.OutcomeUnknownException")
        .contains("reason=UNREADABLE_RESPONSE").doesNotContain("OutOfMemoryError");
  }

  /** The WebSocket transport's message bound is the subject here (kept apart from REST so each is seen alone). */
  @Test
  void websocket_hugeMessageOf2GiB_isOutcomeUnknown_in128MiBHeap() throws Exception {
    String out = runChild("websocket");

    assertThat(out).contains("RESULT org.crosstradediscord.client.OutcomeUnknownException")
        .contains("reason=UNREADABLE_RESPONSE").doesNotContain("OutOfMemoryError");
  }

  /** Runs {@link HugeResponseChild}, asserts it exited 0 within the timeout, and returns its output. */
  private static String runChild(String transport) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), HugeResponseChild.class.getName(), transport))
        .redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(p.getInputStream(), output), "child-output-" + transport);
    reader.setDaemon(true);
    reader.start();
    boolean ended = p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    reader.join(5_000);
    String out;
    synchronized (output) {
      out = output.toString(StandardCharsets.UTF_8);
    }
    System.out.println("child (" + transport + ") output:\n" + out);
    assertThat(ended).as("child (%s) ended within %d s; output:%n%s", transport, CHILD_TIMEOUT_S, out).isTrue();
    assertThat(p.exitValue()).as("child (%s) exit code; output:%n%s", transport, out).isZero();
    return out;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // the child ended
    }
  }
}
