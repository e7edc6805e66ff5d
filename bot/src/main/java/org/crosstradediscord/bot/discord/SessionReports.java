package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.utils.FileUpload;
import org.crosstradediscord.bot.board.Freshness;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.rendering.Answer;
import org.crosstradediscord.bot.rendering.SessionReportCard;
import org.crosstradediscord.bot.report.ReportSchedule;
import org.crosstradediscord.bot.report.Sampling;
import org.crosstradediscord.bot.report.SessionReader;
import org.crosstradediscord.bot.report.SessionReport;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.store.PnlSample;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.client.model.AccountItem;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlUpdate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session reports of the board's accounts: while the P&amp;L stream runs, one sample per account every
 * {@link Sampling#EVERY} from the newest fresh frame into the store (pruned after {@link #KEEP}); at each report time
 * ({@link ReportSchedule}) one message per account in the board channel with the session's chart and table. With two
 * replicas only the one drawing the board (its lease) samples, prunes and posts, and each report is claimed in the
 * store first (one row per account and session), so it is posted once. One thread, ticking every second; never
 * throws on it (a failure is logged and the next tick goes on).
 */
final class SessionReports implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionReports.class);
  /** How long samples (and report claims) are kept. */
  static final Duration KEEP = Duration.ofDays(30);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final long channelId;
  private final List<String> accounts;
  private final JDA jda;
  private final AuditTrail trail;
  private final SessionReader reader;
  private final BooleanSupplier leading;
  private final Freshness freshness;
  private final Clock clock;
  private final Sampling sampling = new Sampling(Sampling.EVERY);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "session-reports");
    t.setDaemon(true);
    return t;
  });
  private record Frame(PnlUpdate update, Instant at) {}

  private volatile @Nullable Frame latest;
  private ReportSchedule.Due due;
  private Instant prunedAt = Instant.EPOCH;

  private SessionReports(BotConfig config, JDA jda, AuditTrail trail, BooleanSupplier leading, Duration interval,
      Clock clock) {
    this.channelId = config.board().channelId();
    this.accounts = config.board().accounts();
    this.jda = jda;
    this.trail = trail;
    this.reader = reader(config, trail);
    this.leading = leading;
    this.freshness = new Freshness(interval.multipliedBy(3));
    this.clock = clock;
    this.due = reader.schedule().next(clock.instant());
  }

  /**
   * @param config validated config with {@code board} (its accounts and {@code report_at}, the session from
   *     {@code limits})
   * @param trail the audit trail and its store
   * @return the reader of stored sessions, shared with {@code /report}
   */
  static SessionReader reader(BotConfig config, AuditTrail trail) {
    return new SessionReader(trail, new ReportSchedule(config.dailyLoss().sessionStart(), config.dailyLoss().zone(),
        config.board() == null ? null : config.board().reportAt()));
  }

  /**
   * Starts sampling and reporting.
   *
   * @param config validated config with {@code board}
   * @param jda the connected bot (the board channel)
   * @param trail the audit trail and its store
   * @param leading true while this replica draws the board
   * @param interval the P&amp;L stream's interval (a frame older than 3 × it is not sampled)
   * @return the running reports; {@link #close()} stops them
   */
  static SessionReports start(BotConfig config, JDA jda, AuditTrail trail, BooleanSupplier leading,
      Duration interval) {
    SessionReports r = new SessionReports(config, jda, trail, leading, interval, Clock.systemUTC());
    r.timer.scheduleWithFixedDelay(r::tick, 1, 1, TimeUnit.SECONDS);
    log.info("session reports: next at {} for session {}", r.due.at(), r.due.session().day());
    return r;
  }

  /** @param update the newest P&amp;L frame (called on the stream's thread) */
  void onUpdate(PnlUpdate update) {
    latest = new Frame(update, clock.instant());
  }

  private void tick() {
    Instant now = clock.instant();
    try {
      boolean lead = leading.getAsBoolean();
      if (lead && sampling.due(now)) {
        sample(now);
      }
      if (!now.isBefore(due.at())) {
        ReportSchedule.Due report = due;
        due = reader.schedule().next(report.at());
        if (lead) {
          report(report, now);
        }
      }
      if (lead && Duration.between(prunedAt, now).compareTo(PRUNE_EVERY) >= 0) {
        prunedAt = now;
        trail.store().reports().prune(now.minus(KEEP));
      }
    } catch (RuntimeException e) {
      log.warn("session reports: {}", DiscordText.oneLine(e.toString(), 300));
    }
  }

  /** One sample per board account found in the newest frame, when it is fresh. */
  private void sample(Instant now) {
    Frame f = latest;
    if (f == null || freshness.judge(f.update(), f.at(), now) != Freshness.Verdict.FRESH
        || f.update().getAccounts() == null) {
      return; // no sample rather than an old one
    }
    List<PnlSample> samples = new ArrayList<>();
    for (String account : accounts) {
      for (PnlAccount a : f.update().getAccounts()) {
        if (a != null && a.getAccount() != null && account.equalsIgnoreCase(a.getAccount().getName())) {
          AccountItem item = a.getAccount().getItem();
          samples.add(new PnlSample(account, now, item == null ? null : finite(item.getRealizedProfitLoss()),
              item == null ? null : finite(item.getUnrealizedProfitLoss())));
          break;
        }
      }
    }
    sampling.taken(now);
    trail.store().reports().addSamples(samples);
  }

  private static @Nullable Double finite(@Nullable Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }

  /** Posts each account's report of a session, once across replicas (claimed first). */
  private void report(ReportSchedule.Due report, Instant now) {
    String day = report.session().day().toString();
    List<String> mine = new ArrayList<>();
    for (String account : accounts) {
      if (trail.store().reports().claimReport(account, day, now)) {
        mine.add(account);
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    TextChannel channel = jda.getTextChannelById(channelId);
    if (channel == null) {
      log.warn("session reports for {}: no text channel {} visible to the bot", day, channelId);
      return;
    }
    for (SessionReport r : reader.read(mine, report.session(), report.until())) {
      try {
        Answer a = SessionReportCard.post(r);
        List<FileUpload> files = a.files().stream().map(f -> FileUpload.fromData(f.bytes(), f.name())).toList();
        channel.sendMessageEmbeds(a.embeds()).addFiles(files).complete();
        log.info("session report posted: {} session {} ({} samples)", r.account(), day, r.samples().size());
      } catch (RuntimeException e) {
        log.warn("session report of {} for {} not posted: {}", r.account(), day, DiscordText.oneLine(e.toString(), 300));
      }
    }
  }

  /** Stops sampling and reporting (a report being posted is cut short after 2 s). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
