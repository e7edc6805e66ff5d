package org.crosstradediscord.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.junit.jupiter.api.Test;

/**
 * JSON is UTF-8 (RFC 8259): the SDK decodes response bodies as UTF-8 whatever the JVM's default charset — on Java 17
 * without a locale that default is ASCII, which would garble a non-ASCII account name or error text. Checked in a
 * child JVM started with {@code -Dfile.encoding=US-ASCII}.
 */
class Utf8ResponsesTest {
  static final String NAME = "Caf\u00e9-\u00dcbung-\u20ac1";

  @Test
  void aNonAsciiAccountName_readsBackExactly_underAnAsciiDefaultCharset() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Dfile.encoding=US-ASCII", "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), Child.class.getName())).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(out).contains("DEFAULT_CHARSET US-ASCII").contains("RESULT same");
  }

  /** The child JVM: one account read against the simulator; prints whether the name came back unchanged. */
  public static final class Child {
    private Child() {}

    /** @param args none */
    public static void main(String[] args) {
      System.out.println("DEFAULT_CHARSET " + java.nio.charset.Charset.defaultCharset().name());
      try (CrossTradeSimulator sim = CrossTradeSimulator.start(0, "utf8-token", List.of(NAME), Map.of("MES 12-25", 6000.0));
          CrossTradeClient client = CrossTradeClient.builder().token("utf8-token").baseUrl(sim.baseUrl()).build()) {
        Account a = client.getAccount(NAME);
        String got = a.getName();
        System.out.println("RESULT " + (NAME.equals(got) ? "same" : "different: "
            + got.codePoints().mapToObj(Integer::toHexString).toList()));
      } catch (RuntimeException e) {
        System.out.println("RESULT failed: " + e);
      }
      System.out.flush();
      System.exit(0);
    }
  }
}
