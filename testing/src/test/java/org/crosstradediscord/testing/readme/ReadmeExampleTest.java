package org.crosstradediscord.testing.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.crosstradediscord.testing.simulator.SimulatorMain;
import org.junit.jupiter.api.Test;

/**
 * The README's SDK example is {@link ReadmeExample}, verbatim: it is compiled with the tests, run against the
 * simulator as started by scripts/simulator.sh (same token and accounts; an ephemeral port passed as the
 * example's argument instead of 8089, so concurrent builds never fight over a port), and must leave the account
 * flat: no position, no working order.
 */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path SOURCE =
      ROOT.resolve("testing/src/test/java/org/crosstradediscord/testing/readme/ReadmeExample.java");
  /** The README line right before the example's code block. */
  static final String MARKER = "<!-- the example below is testing/src/test/java/org/crosstradediscord/testing/readme/"
      + "ReadmeExample.java verbatim (ReadmeExampleTest) -->";

  @Test
  void theReadmeExampleIsThisFileVerbatim() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher block = Pattern.compile(Pattern.quote(MARKER) + "\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertThat(block.find()).as("README.md has the marker line followed by a ```java block").isTrue();
    String source = Files.readString(SOURCE);
    String afterPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).stripLeading();
    assertThat(block.group(1)).isEqualTo(afterPackage);
  }

  @Test
  void itIsWrittenForTheSimulatorThatScriptsSimulatorShStarts() throws IOException {
    String source = Files.readString(SOURCE);
    assertThat(source).contains("\"http://127.0.0.1:" + SimulatorMain.DEFAULT_PORT + "\"")
        .contains(".token(\"" + SimulatorMain.DEFAULT_TOKEN + "\")");
    assertThat(SimulatorMain.banner("http://127.0.0.1:" + SimulatorMain.DEFAULT_PORT, SimulatorMain.DEFAULT_TOKEN,
        SimulatorMain.DEFAULT_ACCOUNTS))
        .contains("http://127.0.0.1:8089").contains("token=" + SimulatorMain.DEFAULT_TOKEN).contains("Sim101");
  }

  @Test
  void itRunsAgainstTheSimulatorAndLeavesTheAccountFlat() {
    try (CrossTradeSimulator sim = CrossTradeSimulator.start(0, SimulatorMain.DEFAULT_TOKEN,
        SimulatorMain.DEFAULT_ACCOUNTS, java.util.Map.of())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      PrintStream stderr = System.err;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        ReadmeExample.main(new String[] {sim.baseUrl()});
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
      }
      String printed = out.toString(StandardCharsets.UTF_8);
      stdout.print(printed);
      assertThat(err.toString(StandardCharsets.UTF_8)).as("the example's error output").isEmpty();
      assertThat(printed).contains(": Long 2 @ ").contains(" Limit Working").contains("open positions: 0");

      List<String> operations = sim.requests().stream().map(RecordedRequest::operationId).toList();
      assertThat(operations).containsSubsequence("flatPlaceOrder", "getPosition", "closePosition", "flatPlaceOrder",
          "listOrders", "cancelOrder", "flatten", "listPositions");
      assertThat(sim.book().position("Sim101", "MES 12-25")).as("MES position left").isZero();
      sim.book().snapshot().get("accounts").forEach(account -> {
        assertThat(account.get("positions")).as(account.get("name") + " positions").isEmpty();
        assertThat(account.get("workingOrders")).as(account.get("name") + " working orders").isEmpty();
      });
      assertThat(sim.book().workingOrders("Sim101")).as("working orders left").isEmpty();
      assertThat(sim.book().orderState("Sim101", lastOrderIdOf(printed))).isEqualTo("Cancelled");
    }
  }

  /** The LIMIT order's id: the line "ID Limit Working" the example prints. */
  private static String lastOrderIdOf(String printed) {
    Matcher m = Pattern.compile("(?m)^(\\S+) Limit Working$").matcher(printed);
    assertThat(m.find()).as("the example printed its working LIMIT order").isTrue();
    return m.group(1);
  }
}
