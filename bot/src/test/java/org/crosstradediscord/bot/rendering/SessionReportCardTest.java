package org.crosstradediscord.bot.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.report.ReportSchedule;
import org.crosstradediscord.bot.report.SessionActivity;
import org.crosstradediscord.bot.report.SessionReport;
import org.crosstradediscord.bot.report.SessionStats;
import org.crosstradediscord.bot.risk.TradingSession;
import org.crosstradediscord.bot.store.PnlSample;
import org.junit.jupiter.api.Test;

/** The session report: a PNG chart Discord accepts, a short table, escaped names, no chart without samples. */
class SessionReportCardTest {
  private static final ZoneId NY = ZoneId.of("America/New_York");
  private static final TradingSession SESSION = new ReportSchedule(LocalTime.of(17, 0), NY, null).current(
      Instant.parse("2026-12-02T15:00:00Z"));
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private static SessionReport report(String account, List<PnlSample> samples, SessionActivity activity) {
    return new SessionReport(account, SESSION, SESSION.end(), NY, samples, SessionStats.of(samples), activity);
  }

  private static List<PnlSample> day(String account) {
    List<PnlSample> out = new ArrayList<>();
    for (int i = 0; i < 8640; i++) { // a full day at one per 10 s
      double realized = Math.floor(i / 1000.0) * 25;
      out.add(new PnlSample(account, SESSION.start().plusSeconds(10L * i), realized, 200 * Math.sin(i / 300.0)));
    }
    return out;
  }

  private static String text(MessageEmbed e) {
    return e.getTitle() + "\n" + e.getDescription() + "\n" + (e.getFooter() == null ? "" : e.getFooter().getText());
  }

  @Test
  void aFullDay_isAnEightHundredByFourHundredPng_farUnderDiscordsLimit() throws Exception {
    long t0 = System.nanoTime();
    Answer a = SessionReportCard.post(report("Sim101", day("Sim101"), new SessionActivity(3, List.of())));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(a.files()).hasSize(1);
    byte[] png = a.files().get(0).bytes();
    assertThat(java.util.Arrays.copyOf(png, 8)).isEqualTo(PNG_MAGIC);
    assertThat(png.length).isLessThan(500 * 1024);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(400);
    assertThat(a.embed().getImage().getUrl()).isEqualTo("attachment://" + a.files().get(0).name());
    assertThat(ms).as("drawn in well under the report thread's second").isLessThan(10_000);
    String t = text(a.embed());
    assertThat(t).contains("Session report: Sim101 · " + SESSION.day()).contains("high").contains("low")
        .contains("max drawdown").contains("trades (bot)             3").contains("halts                    0")
        .contains("Times in America/New_York").contains("8640 samples");
  }

  @Test
  void aSessionWithoutSamples_saysSo_andHasNoChart() {
    Answer a = SessionReportCard.post(report("Sim102", List.of(), new SessionActivity(0, List.of())));
    assertThat(a.files()).isEmpty();
    assertThat(a.embed().getImage()).isNull();
    assertThat(text(a.embed())).contains("No P&L samples were recorded for this account in this session")
        .doesNotContain("max drawdown");
  }

  @Test
  void oneSample_isDrawnAsAPoint() {
    List<PnlSample> one = List.of(new PnlSample("Sim101", SESSION.start().plusSeconds(5), 12.5, -2.0));
    Answer a = SessionReportCard.post(report("Sim101", one, new SessionActivity(0, List.of())));
    assertThat(a.files()).hasSize(1);
    assertThat(text(a.embed())).contains("+10.50").contains("realized +12.50").contains("1 samples");
  }

  @Test
  void namesAndHaltReasons_areEscaped_andHaltsListedOnceInAnAnswerForSeveralAccounts() {
    SessionActivity halts = new SessionActivity(1, List.of(new SessionActivity.Halt(SESSION.start().plusSeconds(60),
        "**rita** @everyone", "daily loss limit on `Sim101` <@123>")));
    List<PnlSample> few = List.of(new PnlSample("Sim_1*", SESSION.start(), 1.0, 1.0));
    Answer a = SessionReportCard.answer(List.of(report("Sim_1*", few, halts), report("Sim102", List.of(), halts)));
    assertThat(a.embeds()).hasSize(2);
    assertThat(a.files()).extracting(Answer.File::name).containsExactly("pnl-1.png");
    String first = text(a.embed());
    assertThat(first).contains("Sim\\_1\\*").doesNotContain("**rita**").doesNotContain("<@123>")
        .contains("**Halts**");
    assertThat(text(a.more().get(0))).doesNotContain("**Halts**").contains("halts                    1");
  }
}
