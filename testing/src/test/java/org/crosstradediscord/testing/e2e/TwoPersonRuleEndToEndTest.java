package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.JdbcStore;
import java.util.Map;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.simulator.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two-person rule end to end with the bot started from its jar ({@code approvals}: orders above 9 contracts and a
 * flatten of every account need a second member with the Risk role; 12 s to approve). rita (Trader + Risk) asks; her
 * own Approve is refused, alice (no Risk role) is refused, ralph (Risk only) approves. The request made first is left
 * to expire and checked last, so the class waits for its TTL once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoPersonRuleEndToEndTest extends AlertDeskJarFixture {
  private static StandInGuild.Member ralph;
  private static StandInGuild.Member rhea;
  private static StandInMessage expiring;
  private static StandInInteraction expiringAsk;

  @BeforeAll
  static void approvers() {
    ralph = guild.addMember("ralph", guild.role("Risk"));
    rhea = guild.addMember("rhea", guild.role("Trader"), guild.role("Risk"));
  }

  /** rita runs /flatplace for {@code qty} contracts and confirms it; returns her command's interaction. */
  private static StandInInteraction askFor(long qty) {
    StandInInteraction ask = sandbox.discord().slash(guild, guild.member("rita"), "flatplace",
        BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", qty));
    StandInMessage card = ask.awaitOriginal(m -> !m.buttons().isEmpty(), WAIT);
    sandbox.discord().click(guild, guild.member("rita"), card, card.buttons().get(0).label());
    ask.awaitOriginal(m -> m.text().contains("Waiting for a second approval"), WAIT);
    return ask;
  }

  /** @return the newest request card (public, "Second approval needed") whose text has {@code contains} */
  private static StandInMessage request(String contains) {
    return Poll.until(() -> sandbox.discord().channelMessages(trading()).stream()
        .filter(m -> !m.ephemeral() && m.text().contains("Second approval needed") && m.text().contains(contains))
        .reduce((a, b) -> b), WAIT, () -> "a request card saying '" + contains + "'");
  }

  private static List<RecordedRequest> flatPlaces() {
    return orders().stream().filter(r -> r.operationId().equals("flatPlaceOrder")).toList();
  }

  @Test
  @Order(1)
  void aLargeOrder_isNotSentOnConfirm_theAskerCannotApprove_anotherApproverSendsExactlyOne() {
    expiringAsk = askFor(12); // left alone: checked by the last test
    expiring = request("Second approval needed");

    StandInInteraction ask = askFor(10);
    assertThat(ask.awaitOriginal(m -> true, WAIT).buttons()).as("the invoker's card has no Confirm any more").isEmpty();
    StandInMessage card = request("10 contracts (more than 9)");
    assertThat(card.text()).contains("Second approval needed").contains("<@" + guild.member("rita").id() + ">");
    assertThat(card.buttons()).extracting(StandInMessage.Button::label).containsExactly("Approve", "Reject");
    assertThat(flatPlaces()).as("nothing is sent on the invoker's Confirm").isEmpty();

    StandInInteraction own = sandbox.discord().click(guild, guild.member("rita"), card, "Approve");
    assertThat(own.awaitFollowUp(m -> m.text().contains("You asked for this"), WAIT).ephemeral()).isTrue();
    StandInInteraction noRole = sandbox.discord().click(guild, guild.member("alice"), card, "Approve");
    assertThat(noRole.awaitFollowUp(m -> m.text().contains("Only members with an approver role"), WAIT).ephemeral())
        .isTrue();
    assertThat(flatPlaces()).as("neither the asker nor a non-approver sends anything").isEmpty();

    sandbox.discord().click(guild, ralph, card, "Approve");
    StandInMessage done = ask.awaitOriginal(m -> m.text().contains("Approved by"), WAIT);
    assertThat(done.text()).contains("<@" + ralph.id() + ">");
    assertThat(flatPlaces()).singleElement().satisfies(r -> assertThat(r.body().path("quantity").asInt()).isEqualTo(10));
    Poll.until(() -> sandbox.discord().channelMessages(trading()).stream().filter(m -> m.id() == card.id()
        && m.text().contains("Approved by") && m.buttons().isEmpty()).findFirst(), WAIT, () -> "the request card's result");

    StandInInteraction late = sandbox.discord().click(guild, rhea, card, "Approve"); // a stale client
    assertThat(late.awaitFollowUp(m -> m.text().contains("Already decided"), WAIT).ephemeral()).isTrue();
    assertThat(flatPlaces()).as("approved once, sent once").hasSize(1);
  }

  @Test
  @Order(2)
  void aRejectSendsNothing() {
    int before = flatPlaces().size();
    StandInInteraction ask = askFor(11);
    StandInMessage card = request("11 contracts");
    sandbox.discord().click(guild, ralph, card, "Reject");
    assertThat(ask.awaitOriginal(m -> m.text().contains("Rejected by ralph"), WAIT).text()).contains("Nothing was sent");
    assertThat(flatPlaces()).hasSize(before);
  }

  @Test
  @Order(3)
  void aFlattenOfEveryAccount_waitsForTheSecondPersonToo() {
    StandInInteraction ask = sandbox.discord().slash(guild, guild.member("rita"), "flatten", Map.of());
    StandInMessage card = ask.awaitOriginal(m -> !m.buttons().isEmpty(), WAIT);
    sandbox.discord().click(guild, guild.member("rita"), card, card.buttons().get(0).label());
    ask.awaitOriginal(m -> m.text().contains("Waiting for a second approval"), WAIT);
    assertThat(orders()).noneMatch(r -> r.operationId().equals("flatten"));
    sandbox.discord().click(guild, rhea, request("a flatten of every account"), "Approve");
    ask.awaitOriginal(m -> m.text().contains("Approved by"), WAIT);
    assertThat(orders()).filteredOn(r -> r.operationId().equals("flatten")).hasSize(1);
  }

  @Test
  @Order(4)
  void anAlertAboveTheThreshold_needsTwoDifferentApprovers() throws Exception {
    String id = post("key=" + KEY + ";\n" + PLACE + "qty=10;").body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(id, "PLACE BUY 10");
    StandInInteraction first = sandbox.discord().click(guild, guild.member("rita"), card, "Approve");
    first.awaitFollowUp(m -> m.text().contains("First approval recorded"), WAIT);
    StandInMessage marked = awaitCard(id, "First approval");
    StandInInteraction again = sandbox.discord().click(guild, guild.member("rita"), marked, "Approve");
    again.awaitFollowUp(m -> m.text().contains("A different approver is needed"), WAIT);
    assertThat(orders()).noneMatch(r -> r.operationId().equals("placeOrder") && r.body().path("quantity").asInt() == 10);

    sandbox.discord().click(guild, rhea, marked, "Approve");
    awaitCard(id, "approved by rhea");
    assertThat(orders()).filteredOn(r -> r.operationId().equals("placeOrder") && r.body().path("quantity").asInt() == 10)
        .hasSize(1);
  }

  @Test
  @Order(5)
  void aRestartBetweenRequestAndApproval_stillSendsExactlyOne() throws Exception {
    int before = flatPlaces().size();
    StandInInteraction ask = askFor(13);
    StandInMessage card = request("13 contracts");
    restartTheBot();
    sandbox.discord().click(guild, ralph, card, "Approve");
    Poll.until(() -> sandbox.discord().channelMessages(trading()).stream().filter(m -> m.id() == card.id()
        && m.text().contains("Approved by")).findFirst(), WAIT, () -> "the request card's result after the restart");
    ask.awaitOriginal(m -> m.text().contains("Approved by"), WAIT); // the invoker's card too, through its stored token
    assertThat(flatPlaces()).hasSize(before + 1);
    assertThat(flatPlaces().get(before).body().path("quantity").asInt()).isEqualTo(13);
  }

  @Test
  @Order(6)
  void aResumeAfterTheDailyLossHalt_waitsForASecondPerson_evenBehindANewerHalt() {
    // The daily loss guard's trip and halt, written as another replica's guard would; the bot reads the store every second.
    String url = sandbox.config().storage().url();
    String today = sandbox.config().dailyLoss().sessionDay(Instant.now()).toString();
    try (JdbcStore store = JdbcStore.open(url, Map.of())) {
      store.controls().tripDailyLoss("live", "Sim101", today, Instant.now());
      store.setHalt(new HaltState(true, "daily loss limit on Sim101 (P&L -612.50 below -500.00)", 1, "crosstrade-bot",
          Instant.now()));
    }
    Poll.until(() -> {
      StandInInteraction typed = sandbox.discord().slash(guild, guild.member("alice"), "flatplace",
          BotEndToEndTest.marketOrder("Sim101", "MES 12-25", "BUY", 1));
      return Optional.of(typed.awaitOriginal(m -> true, WAIT)).filter(m -> m.text().contains("halted"));
    }, WAIT, () -> "the bot sees the daily loss halt");
    // A halt of her own does not let rita past the rule: the session's trip is not resumed yet.
    sandbox.discord().slash(guild, guild.member("rita"), "halt", Map.of("reason", "mine"))
        .awaitOriginal(m -> m.text().contains("halted"), WAIT);

    StandInInteraction resume = sandbox.discord().slash(guild, guild.member("rita"), "resume", Map.of());
    assertThat(resume.awaitOriginal(m -> true, WAIT).text()).contains("Waiting for a second approval");
    StandInMessage card = request("Resume trading after the daily loss halt");
    assertThat(card.text()).contains("mine");
    sandbox.discord().click(guild, guild.member("rita"), card, "Approve")
        .awaitFollowUp(m -> m.text().contains("You asked for this"), WAIT);
    try (JdbcStore store = JdbcStore.open(url, Map.of())) {
      assertThat(store.halt().halted()).as("still halted until a second person approves").isTrue();
      // a newer halt between the request and its approval: the approval must not lift it
      store.setHalt(new HaltState(true, "runaway algo", 2, "ralph", Instant.now()));
    }
    sandbox.discord().click(guild, ralph, card, "Approve");
    Poll.until(() -> sandbox.discord().channelMessages(trading()).stream().filter(m -> m.id() == card.id()
        && m.text().contains("The halt changed")).findFirst(), WAIT, () -> "the stale resume refused");
    try (JdbcStore store = JdbcStore.open(url, Map.of())) {
      assertThat(store.halt().reason()).isEqualTo("runaway algo");
    }

    StandInInteraction again = sandbox.discord().slash(guild, guild.member("rita"), "resume", Map.of());
    assertThat(again.awaitOriginal(m -> true, WAIT).text()).contains("Waiting for a second approval");
    StandInMessage second = request("runaway algo");
    sandbox.discord().click(guild, ralph, second, "Approve");
    Poll.until(() -> sandbox.discord().channelMessages(trading()).stream().filter(m -> m.id() == second.id()
        && m.text().contains("Trading resumed")).findFirst(), WAIT, () -> "the resume approved");
    try (JdbcStore store = JdbcStore.open(url, Map.of())) {
      assertThat(store.halt().halted()).isFalse();
      assertThat(store.controls().dailyLossUnresumed("live", today)).isFalse();
    }
  }

  @Test
  @Order(7)
  void aRequestNobodyApproves_expires_andALateApprovalSendsNothing() {
    int before = flatPlaces().size();
    StandInMessage ended = Poll.until(() -> sandbox.discord().channelMessages(trading()).stream()
        .filter(m -> m.id() == expiring.id() && m.text().contains("Expired")).findFirst(), WAIT,
        () -> "the first request card expired");
    assertThat(ended.buttons()).isEmpty();
    StandInInteraction late = sandbox.discord().click(guild, ralph, expiring, "Approve");
    assertThat(late.awaitFollowUp(m -> m.text().contains("expired"), WAIT).ephemeral()).isTrue();
    assertThat(flatPlaces()).hasSize(before);
    assertThat(flatPlaces()).noneMatch(r -> r.body().path("quantity").asInt() == 12);
    assertThat(expiringAsk.awaitOriginal(m -> m.text().contains("Expired"), WAIT).text())
        .as("the asker's card says so too").contains("Nothing was sent");
  }
}
