package org.crosstradediscord.testing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox terminal's own rules: option parsing, which card a click targets, usage lines, shown times. */
class SandboxMainTest {
  static Sandbox sandbox;
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  SandboxMain repl;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.awaitReviewReadsIdle();
    sandbox.simulator().reset();
    repl = new SandboxMain(sandbox, new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  private String run(String line) {
    bytes.reset();
    assertThat(repl.execute(line)).isTrue();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private long posts() {
    return sandbox.simulator().requests().stream().filter(r -> "POST".equals(r.method())).count();
  }

  @Test
  void leftoverWords_areRefusedNamingThem_andNothingIsSent() {
    String out = run("/flatplace account:Sim101 instrument:MES 12-25 action:BUY quantity:2 order_type:MARKET time_in_force:DAY");
    assertThat(out.strip()).isEqualTo(
        "error: \"12-25\" is not an option (name:value); quote values with spaces: instrument:\"MES 12-25\"");
    assertThat(run("/positions Sim101")).contains("error: \"Sim101\" is not an option (name:value)");
    assertThat(run("/flatplace account:Sim101 instrument:\"MES 12-25\" action:BUY quantity:two order_type:MARKET"
        + " time_in_force:DAY")).contains("error: quantity must be a whole number, not \"two\"");
    assertThat(sandbox.simulator().requests()).isEmpty();
  }

  @Test
  void reviewCard_showsItsPreviewEdit_markedEdited_andTheClickShowsTheResult() {
    String card = run("/flatplace account:Sim101 instrument:\"MES 12-25\" action:BUY quantity:2 order_type:MARKET"
        + " time_in_force:DAY");
    assertThat(card).contains("Review: Flat-place order").contains("(edited)").contains("Now: Flat").contains("After: Long 2");
    assertThat(card.indexOf("(edited)")).isGreaterThan(card.indexOf("Review: Flat-place order"));
    String done = run("click Place order");
    assertThat(done).contains("(edited)").contains("Done: Flat-place order");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(2);
  }

  @Test
  void click_targetsTheLastCard_neverReachingBackToAnOlderOne_unlessNamed() {
    String first = run("/flatplace account:Sim101 instrument:\"MES 12-25\" action:BUY quantity:1 order_type:MARKET"
        + " time_in_force:DAY");
    int n = Integer.parseInt(first.replaceAll("(?s).*card #(\\d+).*", "$1"));
    assertThat(run("/close account:Sim101 instrument:\"ES 12-25\"")).contains("Review: Close position");

    String refused = run("click Place order");
    assertThat(refused).contains("error: your last card (#" + (n + 1) + ") has no button 'Place order'")
        .contains("[Close position]").contains("click #<n> Place order");
    assertThat(posts()).isZero();

    assertThat(run("click #" + n + " Place order")).contains("Done: Flat-place order");
    assertThat(sandbox.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(1);
    // the clicked card is now the last one; it has no buttons left, so a second click confirms nothing
    assertThat(run("click Place order")).contains("has no button 'Place order' (it has no buttons now)");
    assertThat(sandbox.simulator().requests().stream().filter(r -> "flatPlaceOrder".equals(r.operationId())).count())
        .isEqualTo(1);
    assertThat(sandbox.simulator().requests()).extracting(RecordedRequest::operationId).doesNotContain("closePosition");
  }

  @Test
  void walk_withoutOrWithABadArgument_printsItsUsage() {
    assertThat(run("walk")).startsWith("usage: walk <ms> [tick] | walk off").doesNotContain("For input string");
    assertThat(run("walk fast")).startsWith("usage: walk <ms> [tick] | walk off");
    assertThat(run("walk 1000 x")).startsWith("usage: walk <ms> [tick] | walk off");
    assertThat(run("walk off")).startsWith("price walk:");
  }

  @Test
  void await_repeatsTheLastLookUntilTheTextShows_andNeedsOne() {
    assertThat(run("await anything")).startsWith("usage: await <text> right after audit, positions or requests");
    run("as bob"); // no other test acts as bob: his audit lines are this test's
    run("/flatplace account:Sim101 instrument:\"MES 12-25\" action:BUY quantity:1 order_type:MARKET time_in_force:DAY");
    run("click Place order");
    run("audit");
    assertThat(run("await `result` /flatplace by bob")).contains("(audit now shows it)");
    assertThat(repl.execute("expect `result` /flatplace by bob")).isTrue();
  }

  @Test
  void discordTimestamps_areShownAsUtc() {
    assertThat(SandboxMain.discordTimes("halted since <t:1796598287:f> (<t:1796598287:R>), <t:0>"))
        .isEqualTo("halted since 2026-12-06 23:04 UTC (2026-12-06 23:04 UTC), 1970-01-01 00:00 UTC");
  }

  @Test
  void help_listsEveryCommand_whoMayRunIt_andTheLimits() {
    String help = run("help");
    sandbox.discord().registeredCommands(sandbox.guild().id())
        .forEach(c -> assertThat(help).contains("/" + c.path("name").asText()));
    assertThat(help).contains("/halt").contains("/resume").contains("/audit")
        .contains("grant halt (Risk): rita").contains("grant audit (Risk): rita")
        .contains("grant flatplace (Trader): alice, bob, june, rita")
        .contains("without account (every account): grant flatten_everything (Risk): rita")
        .contains("max_quantity 100").contains("default without a limits section is 10").contains("Junior: at most 2")
        .as("every registered command has its grant in the sandbox's help").doesNotContain("see the bot's config");
  }
}
