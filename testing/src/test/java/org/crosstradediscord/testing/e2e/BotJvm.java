package org.crosstradediscord.testing.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * JVM options for the bot processes the end-to-end tests start ({@code java [options] -jar …-all.jar}): the C1
 * compiler only and the serial collector, as for the test JVMs (root pom {@code argLine}). A bot that lives a few
 * seconds spends about half the CPU it would compiling with C2, which the tests running side by side on two cores
 * need. They change how fast the code runs, not what it does; the distribution's launcher is started as an operator
 * starts it ({@code DistributionEndToEndTest}), and the benchmarks use their own options.
 */
final class BotJvm {
  private BotJvm() {}

  /**
   * @param more the test's own options, e.g. {@code -Xmx128m}
   * @return the options above, then {@code more}
   */
  static List<String> options(String... more) {
    List<String> all = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    all.addAll(List.of(more));
    return List.copyOf(all);
  }
}
