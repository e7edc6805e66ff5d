package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * From the jar: an alert not approved within its source's ttl_seconds expires and sends nothing; and, while this class
 * waits for that, the session reports: at {@code board.report_at} one report per board account in #trading with a PNG
 * chart the stand-in accepted, and {@code /report} answering with the chart.
 */
@AlertDeskJarFixture.WithSessionReports
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the expiry first: the report comes while it waits
class AlertDeskExpiryEndToEndTest extends AlertDeskJarFixture {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @Test
  @Order(1)
  void anAlertNotApprovedInTime_expires_andSendsNothing() throws Exception {
    int before = orders().size();
    HttpResponse<String> accepted = post("tv-fast", "key=" + FAST_KEY + ";\n" + PLACE + "qty=5;");
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.body().strip().substring("accepted ".length());
    StandInMessage card = awaitCard(id, "PLACE BUY 5");

    StandInMessage expired = Poll.until(() -> cards(id).stream().filter(m -> m.text().contains("Expired — not sent"))
        .findFirst(), Duration.ofSeconds(30), () -> "the card of " + id + " expired: " + cards(id).stream()
        .map(StandInMessage::text).toList());
    assertThat(expired.buttons()).isEmpty();
    StandInInteraction late = sandbox.discord().click(guild, guild.member("rita"), card, "Approve"); // a stale client
    assertThat(late.awaitFollowUp(m -> m.text().contains("Already handled"), WAIT).ephemeral()).isTrue();
    assertThat(orders()).hasSize(before);
  }

  private static List<StandInMessage> reports(String account) {
    return sandbox.discord().channelMessages(trading()).stream()
        .filter(m -> m.text().contains("Session report: " + account + " ·")).toList();
  }

  /** The message's one attachment: a PNG (by its bytes) of at most 10 MiB, the image of its embed. */
  private static byte[] chart(StandInMessage m) {
    assertThat(m.attachments()).as(m.text()).hasSize(1);
    StandInMessage.Attachment a = m.attachments().get(0);
    byte[] png = sandbox.discord().attachment(a.id());
    assertThat(Arrays.copyOf(png, 8)).as("PNG signature").isEqualTo(PNG_MAGIC);
    assertThat(png.length).isEqualTo((int) a.size()).isLessThanOrEqualTo(10 * 1024 * 1024);
    assertThat(a.contentType()).isEqualTo("image/png");
    assertThat(m.embedImages()).as("shown in the embed").hasSize(1);
    assertThat(m.embedImages().get(0)).endsWith("/" + a.id() + "/" + a.filename());
    return png;
  }

  @Test
  @Order(2)
  void atTheReportTime_oneReportPerAccount_withAPngChart_andReportAnswersWithTheChart() {
    Duration untilDue = Duration.between(Instant.now(), reportAt);
    for (String account : List.of("Sim101", "Sim102")) {
      StandInMessage report = Poll.until(() -> reports(account).stream().findFirst(), untilDue.plus(WAIT),
          () -> "the session report of " + account + " in #trading: " + sandbox.discord().channelMessages(trading())
              .stream().map(StandInMessage::text).toList());
      chart(report);
      assertThat(report.text()).contains("high").contains("max drawdown").contains("trades (bot)").contains("halts")
          .doesNotContain("No P&L samples");
    }
    assertThat(sandbox.discord().calls()).as("no post refused").noneMatch(c -> c.method().equals("POST")
        && c.route().equals("/channels/" + trading() + "/messages") && c.status() >= 400);

    StandInInteraction ask = sandbox.discord().slash(guild, guild.member("alice"), "report", Map.of("account", "sim101"));
    StandInMessage answer = ask.awaitOriginal(m -> !m.thinking(), WAIT);
    assertThat(answer.ephemeral()).isTrue();
    assertThat(answer.text()).contains("Session report: Sim101 ·");
    chart(answer);

    StandInMessage bad = sandbox.discord().slash(guild, guild.member("alice"), "report", Map.of("date", "2026-02-30"))
        .awaitOriginal(m -> !m.thinking(), WAIT);
    assertThat(bad.text()).contains("`date` must be a trading day as YYYY-MM-DD");
    assertThat(bad.attachments()).isEmpty();
    StandInMessage denied = sandbox.discord().slash(guild, guild.member("carol"), "report", Map.of())
        .awaitOriginal(m -> !m.thinking(), WAIT);
    assertThat(denied.text()).contains("Not allowed");

    assertThat(Poll.until(() -> reports("Sim101").size() == 1 && reports("Sim102").size() == 1 ? Optional.of(true)
        : Optional.empty(), WAIT, () -> "one report per account")).isTrue();
  }
}
