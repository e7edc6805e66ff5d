package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-role limits and paper mode, end to end through the Discord stand-in and the simulator. The sandbox gives the
 * role Junior (member june: Trader + Junior) {@code max_quantity: 2, order_types: [MARKET, LIMIT], instruments:
 * [MES, MNQ], max_position: 4}; everyone else gets the sandbox's default {@code max_quantity: 100}.
 */
class BotLimitsAndPaperEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static Sandbox live;
  static Sandbox paper;
  static LogCapture logs;

  @BeforeAll
  static void start() {
    logs = new LogCapture();
    live = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(2));
    paper = Sandbox.startPaper(Duration.ofSeconds(60), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    live.close();
    paper.close();
    logs.close();
  }

  @Test
  void startup_logsTheModeInOneLine() {
    assertThat(logs.lines()).filteredOn(l -> l.contains("mode: PAPER — confirmed trades are NOT sent")).hasSize(1);
    assertThat(logs.lines()).filteredOn(l -> l.contains("mode: LIVE — confirmed trades are sent")).hasSize(1);
  }

  @Test
  void riskReducingCommands_areNotLimited() {
    live.simulator().book().setPosition("Sim101", "ES 12-25", 5, 5800.0);
    StandInInteraction close = slash(live, "june", "close", Map.of("account", "Sim101", "instrument", "ES 12-25"));
    StandInMessage card = close.original(WAIT);
    assertThat(card.text()).contains("Review: Close position");
    live.discord().click(live.guild(), live.guild().member("june"), card, "Close position");
    assertThat(close.awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT).text())
        .contains("Closed positions");
    assertThat(live.simulator().book().position("Sim101", "ES 12-25")).isZero();
  }

  @BeforeEach
  void reset() {
    live.awaitReviewReadsIdle();
    paper.awaitReviewReadsIdle();
    live.simulator().faults().disconnected(false);
    live.simulator().reset();
    paper.simulator().reset();
  }

  static Map<String, Object> order(String instrument, String side, long qty, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", "Sim101");
    m.put("instrument", instrument);
    m.put("action", side);
    m.put("quantity", qty);
    m.put("order_type", type);
    m.put("time_in_force", "DAY");
    if (type.equals("LIMIT")) {
      m.put("limit_price", 5000.0);
    }
    if (type.equals("STOPMARKET")) {
      m.put("stop_price", 7000.0);
    }
    return m;
  }

  static StandInInteraction slash(Sandbox s, String member, String command, Map<String, Object> options) {
    return s.discord().slash(s.guild(), s.guild().member(member), command, options);
  }

  static List<RecordedRequest> trades(Sandbox s) {
    return s.simulator().requests().stream().filter(r -> !"GET".equals(r.method())).toList();
  }

  static List<String> audit(Sandbox s, String kind, String marker) {
    s.discord().awaitCall(c -> c.route().equals("/channels/" + s.auditChannelId() + "/messages")
        && c.body().path("content").asText().startsWith("`" + kind + "`")
        && c.body().path("content").asText().contains(marker), WAIT);
    return s.discord().channelMessages(s.auditChannelId()).stream().map(StandInMessage::content)
        .filter(c -> c.contains(marker)).toList();
  }

  @Test
  void limitRefusal_namesTheLimit_andMakesNoUpstreamCall() {
    StandInInteraction tooMany = slash(live, "june", "flatplace", order("MES 12-25", "BUY", 3, "MARKET"));
    String text = tooMany.original(WAIT).text();
    assertThat(text).contains("Not allowed").contains("max_quantity").contains("at most 2").contains("Nothing was sent");
    assertThat(tooMany.original(WAIT).buttons()).isEmpty();
    assertThat(slash(live, "june", "reverse", order("ES 12-25", "BUY", 1, "MARKET")).original(WAIT).text())
        .contains("instruments").contains("MES, MNQ");
    assertThat(slash(live, "june", "flatplace", order("MES 12-25", "BUY", 1, "STOPMARKET")).original(WAIT).text())
        .contains("order_types");
    // the sandbox's default for everyone else: 100 per order (2147483647 used to get a normal review card)
    assertThat(slash(live, "alice", "flatplace", order("ES 12-25", "BUY", 2147483647L, "MARKET")).original(WAIT).text())
        .contains("max_quantity").contains("at most 100");
    assertThat(live.simulator().requests()).as("no upstream call at all").isEmpty();
    assertThat(audit(live, "denied", "at most 100 ")).anyMatch(l -> l.contains("max") && l.contains("quantity"));
  }

  @Test
  void maxPosition_readsThePosition_fromLong3_buy2_isRefused_buy1_isReviewed() {
    live.simulator().book().setPosition("Sim101", "MES 12-25", 3, 6000.0);
    StandInInteraction refused = slash(live, "june", "flatplace", order("MES 12-25", "BUY", 2, "MARKET"));
    StandInMessage card = refused.awaitOriginal(m -> m.text().contains("Not allowed"), WAIT);
    assertThat(card.text()).contains("max_position").contains("at most 4").contains("Long 3").contains("lead to 5");
    assertThat(card.buttons()).isEmpty();
    assertThat(trades(live)).isEmpty();
    assertThat(live.simulator().requests()).extracting(RecordedRequest::method).containsOnly("GET");

    StandInInteraction ok = slash(live, "june", "flatplace", order("MES 12-25", "BUY", 1, "MARKET"));
    StandInMessage review = ok.awaitOriginal(m -> !m.buttons().isEmpty(), WAIT);
    assertThat(review.text()).contains("Review: Flat-place order");
    live.discord().click(live.guild(), live.guild().member("june"), review, "Place order");
    assertThat(ok.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Flat-place order");
    assertThat(trades(live)).hasSize(1);
  }

  @Test
  void maxPosition_unreadable_isRefused() {
    live.simulator().faults().disconnected(true);
    StandInInteraction cmd = slash(live, "june", "flatplace", order("MES 12-25", "BUY", 1, "MARKET"));
    assertThat(cmd.awaitOriginal(m -> m.text().contains("Not allowed"), WAIT).text())
        .contains("max_position").contains("could not be checked");
    assertThat(trades(live)).isEmpty();
  }

  @Test
  void click_rechecksTheLimits_withTheRolesAtTheClick() {
    StandInGuild.Member alice = live.guild().member("alice");
    List<Long> roles = alice.roleIds();
    StandInInteraction cmd = slash(live, "alice", "flatplace", order("MES 12-25", "BUY", 5, "MARKET"));
    StandInMessage card = cmd.original(WAIT);
    assertThat(card.buttons()).isNotEmpty();
    try {
      List<Long> junior = new java.util.ArrayList<>(roles);
      junior.add(live.guild().role("Junior").id());
      alice.setRoles(junior);
      live.discord().click(live.guild(), alice, card, "Place order");
      StandInMessage denied = cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
      assertThat(denied.text()).contains("Not allowed any more").contains("max_quantity");
      assertThat(trades(live)).isEmpty();
    } finally {
      alice.setRoles(roles);
    }
  }

  @Test
  void click_rechecksMaxPosition_againstThePositionAtTheClick() {
    StandInGuild.Member june = live.guild().member("june");
    StandInInteraction cmd = slash(live, "june", "flatplace", order("MES 12-25", "BUY", 2, "MARKET"));
    StandInMessage card = cmd.awaitOriginal(m -> !m.buttons().isEmpty(), WAIT);
    live.simulator().book().setPosition("Sim101", "MES 12-25", 3, 6000.0); // moved meanwhile
    live.discord().click(live.guild(), june, card, "Place order");
    StandInMessage result = cmd.awaitOriginal(m -> m.buttons().isEmpty() && !m.text().contains("Sending"), WAIT);
    assertThat(result.text()).contains("Not allowed any more").contains("max_position").contains("Nothing was sent");
    assertThat(trades(live)).isEmpty();
    assertThat(live.simulator().book().position("Sim101", "MES 12-25")).isEqualTo(3);
  }

  @Test
  void paperMode_reviewsAndAudits_butSendsNothing() {
    StandInInteraction cmd = slash(paper, "alice", "flatplace", order("MES 12-25", "BUY", 2, "MARKET"));
    StandInMessage card = cmd.original(WAIT);
    assertThat(card.text()).contains("PAPER").contains("Review: [PAPER] Flat-place order");
    paper.discord().click(paper.guild(), paper.guild().member("alice"), card, "Place order");
    StandInMessage result = cmd.awaitOriginal(m -> m.buttons().isEmpty() && m.text().contains("not sent"), WAIT);
    assertThat(result.text()).contains("PAPER — not sent").contains("/flatplace").contains("MES 12-25")
        .contains("quantity: 2");
    assertThat(trades(paper)).as("nothing sent upstream").isEmpty();
    assertThat(paper.simulator().book().position("Sim101", "MES 12-25")).isZero();
    assertThat(audit(paper, "result", "paper")).anyMatch(l -> l.contains("/flatplace by alice"));
    // /flatten is reviewed and "sent" on paper too
    StandInInteraction flatten = slash(paper, "alice", "flatten", Map.of("account", "Sim101"));
    StandInMessage fcard = flatten.original(WAIT);
    paper.discord().click(paper.guild(), paper.guild().member("alice"), fcard, "Flatten");
    assertThat(flatten.awaitOriginal(m -> m.buttons().isEmpty() && m.text().contains("not sent"), WAIT).text())
        .contains("PAPER — not sent").contains("/flatten");
    assertThat(trades(paper)).isEmpty();
  }
}
