package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.preview.Reads;
import org.crosstradediscord.bot.preview.Finding;
import org.crosstradediscord.bot.preview.Finding.Verdict;
import org.crosstradediscord.bot.store.UnknownOutcomes;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one follow-up of an "outcome unknown" (a confirmed trade or an approved alert): records it in the store (the
 * desk board lists it, on whichever replica draws the board), then reads — never sends — what it may have changed:
 * {@value #FIRST_S} s after the failure, and once more the request timeout + 1 s later when the first read saw no
 * change. Each conclusion ({@link Finding}, plus which reads it rests on, e.g. "— based on the position
 * read 3 s and 7 s after the failure") is one {@code reconciled} audit line ({@code result} kind), one card edit and the row's
 * verdict; a resolving one ("very likely executed"/"placed", "no change seen"/"not placed") takes it off the board.
 * A read that fails concludes "could not check … check NinjaTrader" with the reason. Never throws to its caller.
 */
final class FollowUps implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
  /** Seconds after the unknown outcome of the first read. */
  static final long FIRST_S = 3;
  /** Leads every follow-up's audit outcome. */
  static final String RECONCILED = "reconciled: ";

  private final CrossTradeClient client;
  private final AuditLog audit;
  private final UnknownOutcomes store;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, r -> {
    Thread t = new Thread(r, "follow-up");
    t.setDaemon(true);
    return t;
  });

  /** @return true when no follow-up read is scheduled or running (tests wait for it between cases) */
  boolean idle() {
    return timer.getQueue().isEmpty() && timer.getActiveCount() == 0;
  }

  /** One read after the failure (GET only); throws when it cannot read. */
  @FunctionalInterface
  interface Probe {
    /** @return what the read shows */
    Finding read();
  }

  /**
   * What is followed up.
   *
   * @param who the member who confirmed or approved it (the audit line's member)
   * @param command the audit line's command ({@code flatplace}, {@code alert}, …)
   * @param args the audit line's arguments
   * @param what what was sent, plain words, for the board (e.g. {@code /flatplace account=Sim101 …})
   * @param subject what the reads read, for the conclusion (e.g. {@code position}, {@code order read by our id})
   */
  record Unknown(Invoker who, String command, Map<String, String> args, String what, String subject) {}

  /**
   * @param client the SDK (reads only here: its request timeout paces the second read)
   * @param audit the audit log
   * @param store the unknown outcomes' rows
   * @param clock wall clock (the rows' times)
   */
  FollowUps(CrossTradeClient client, AuditLog audit, UnknownOutcomes store, Clock clock) {
    this.client = client;
    this.audit = audit;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @param command a command's name
   * @param args its audit arguments
   * @return {@code /command k=v …}, for the board
   */
  static String what(String command, Map<String, String> args) {
    return ("/" + command + " " + args.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "))).strip();
  }

  /**
   * @param client the SDK
   * @return a read-only view for follow-up reads (the review's: they never take the tokens kept for orders)
   */
  static Reads reads(CrossTradeClient client) {
    return Reads.of(client, ReviewReads.RATE_RESERVE);
  }

  /**
   * Records an unknown outcome (off the caller's thread) and, with a probe, schedules its reads.
   *
   * @param unknown what is followed up
   * @param probe the read, or null when nothing can be read for it (then it is only listed on the board)
   * @param show edits the card with a conclusion (plain words, unescaped), on a follow-up thread
   */
  void start(Unknown unknown, @Nullable Probe probe, Consumer<String> show) {
    Run run = new Run(UUID.randomUUID().toString(), unknown, probe, show, System.nanoTime());
    try {
      java.time.Instant at = clock.instant();
      timer.execute(() -> {
        try {
          store.record(run.id, unknown.what(), at);
        } catch (RuntimeException e) {
          log.warn("unknown outcome of /{} not recorded for the board: {}", unknown.command(),
              DiscordText.oneLine(e.toString(), 300));
        }
      });
      if (probe != null) {
        timer.schedule(() -> read(run), FIRST_S, TimeUnit.SECONDS);
      }
    } catch (RejectedExecutionException e) { // the bot is stopping
      log.info("unknown outcome of /{} not followed up: the bot is stopping", unknown.command());
    }
  }

  private void read(Run run) {
    long at = (System.nanoTime() - run.failedAt) / 1_000_000_000;
    Finding found;
    try {
      found = java.util.Objects.requireNonNull(run.probe, "probe").read(); // scheduled only with a probe
    } catch (RuntimeException e) {
      String why = e instanceof CrossTradeException c ? FailureWords.whatHappened(c, client.requestTimeout())
          : e instanceof Reads.Skipped s ? s.getMessage() : "the bot failed while reading";
      log.warn("follow-up of /{} could not read: {}", run.unknown.command(), DiscordText.oneLine(e.toString(), 300));
      conclude(run, new Finding(Verdict.COULD_NOT_CHECK, "Could not check: the " + run.unknown.subject() + " read "
          + at + " s after the failure failed (" + why + ")" + (run.seconds.isEmpty() ? "" : "; the one "
          + run.seconds.get(0) + " s after it saw no change") + ". Check NinjaTrader"), "");
      return;
    }
    run.seconds.add(at);
    if (found.readAgain() && run.seconds.size() == 1) {
      Duration wait = client.requestTimeout().plusSeconds(1);
      try {
        timer.schedule(() -> read(run), wait.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (RejectedExecutionException e) {
        // stopping: conclude from the one read
      }
    }
    conclude(run, found, " — based on the " + run.unknown.subject() + " read " + run.seconds.stream()
        .map(s -> s + " s").collect(Collectors.joining(" and ")) + " after the failure");
  }

  private void conclude(Run run, Finding found, String basis) {
    String text = found.text() + basis + ".";
    try {
      audit.result(run.unknown.who(), run.unknown.command(), run.unknown.args(), RECONCILED + text, null, List.of(),
          -1);
    } catch (RuntimeException e) {
      log.error("follow-up of /{} not audited", run.unknown.command(), e);
    }
    try {
      store.conclude(run.id, found.verdict().name(), text, found.verdict().resolves(), clock.instant());
    } catch (RuntimeException e) {
      log.warn("follow-up of /{} not recorded for the board: {}", run.unknown.command(),
          DiscordText.oneLine(e.toString(), 300));
    }
    try {
      run.show.accept(text);
    } catch (RuntimeException e) {
      log.warn("follow-up of /{} not shown: {}", run.unknown.command(), DiscordText.oneLine(e.toString(), 300));
    }
  }

  /** Stops the reads still waiting (the bot is stopping: their unknowns stay listed as unresolved). */
  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One follow-up on its way: the second read sees the first's time. */
  private static final class Run {
    final String id;
    final Unknown unknown;
    final @Nullable Probe probe;
    final Consumer<String> show;
    final long failedAt;
    final List<Long> seconds = new ArrayList<>(2);

    Run(String id, Unknown unknown, @Nullable Probe probe, Consumer<String> show, long failedAt) {
      this.id = id;
      this.unknown = unknown;
      this.probe = probe;
      this.show = show;
      this.failedAt = failedAt;
    }
  }
}
