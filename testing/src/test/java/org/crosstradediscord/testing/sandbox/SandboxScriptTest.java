package org.crosstradediscord.testing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed sandbox tour runs every command end to end, and every expectation in it holds. */
class SandboxScriptTest {
  @Test
  void committedTourScript_runsEveryCommand_andEveryExpectationHolds() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code = SandboxMain.run(Path.of("sandbox/tour.script"), out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output).isZero();
    assertThat(output).contains("script passed").contains("Done: Flat-place order").contains("Done: Reverse position")
        .contains("Closed positions").contains("Done: Flatten").contains("FLATTEN EVERYTHING")
        .contains("Sent — approved by rita")
        .doesNotContain(Sandbox.DISCORD_TOKEN).doesNotContain(Sandbox.CROSSTRADE_TOKEN)
        .doesNotContain("`key` sandbox-alert-key"); // the card never shows the alert's key

  }
}
