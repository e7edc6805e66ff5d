package org.crosstradediscord.bot.discord;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.rendering.Outcome;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.FailureWords;
import org.jspecify.annotations.Nullable;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.client.Violation;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Position;
import org.crosstradediscord.client.model.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trade execution: a claimed Confirm becomes one SDK call on a {@link TradeCalls} thread, then one result card and
 * one {@code result} audit line. The checks that must hold when the order leaves run twice: on the call thread
 * before the SDK is asked ({@link #send}) and again at the wire, through the SDK's send gate ({@link SendChecks}),
 * after the rate limiter's token was taken and immediately before the bytes go (docs/fault-safety.md, "The checks at
 * send time").
 */
final class TradeExecution {
  private static final Logger log = LoggerFactory.getLogger(TradeExecution.class);
  /** The longest a result edit waits for the card's earlier edit to be answered. */
  private static final long CARD_BEFORE_WAIT_S = 30;

  private final CrossTradeClient client;
  private final AuditLog audit;
  private final ConfirmationStore store;
  private final TradeCalls calls;
  private final LimitGuard limits;
  private final TradingMode mode;
  private final HaltSwitch halt;
  private final Suggestions suggestions;
  private final FollowUps followUps;

  TradeExecution(CrossTradeClient client, AuditLog audit, ConfirmationStore store, TradeCalls calls, LimitGuard limits,
      TradingMode mode, HaltSwitch halt, Suggestions suggestions, FollowUps followUps) {
    this.client = client;
    this.audit = audit;
    this.store = store;
    this.calls = calls;
    this.limits = limits;
    this.mode = mode;
    this.halt = halt;
    this.suggestions = suggestions;
    this.followUps = followUps;
  }

  /**
   * @param pendingId the claimed confirmation's id (finished when the result is reported)
   * @param hook the click's hook: edits the card
   * @param clicker the member who confirmed
   * @param action what to send
   * @param clickedAt {@link System#nanoTime()} of the click (its age counts against the request timeout)
   * @param cardBefore completes when the card's earlier edit ("Sending…") was answered or failed: the result edit
   *     is sent only then, so it is never overwritten (the order itself does not wait for it)
   * @param auditBefore the click's "confirmed" audit line (a {@link Once}): run before the result line is written
   * @return the trade to hand to {@link TradeCalls#reserve}
   */
  TradeCalls.Trade trade(String pendingId, InteractionHook hook, Invoker clicker, TradeAction action, long clickedAt,
      CompletableFuture<?> cardBefore, Runnable auditBefore) {
    return trade(pendingId, hook, clicker, action, clickedAt, cardBefore, auditBefore, UnaryOperator.identity());
  }

  /**
   * As {@link #trade(String, InteractionHook, Invoker, TradeAction, long, CompletableFuture, Runnable)}, with every
   * card the trade ends in passed through {@code decorate} first (the two-person rule marks who asked and who approved,
   * and copies it to the invoker's card).
   *
   * @param decorate returns the card to show; must not throw (a failure shows the card undecorated)
   */
  TradeCalls.Trade trade(String pendingId, InteractionHook hook, Invoker clicker, TradeAction action, long clickedAt,
      CompletableFuture<?> cardBefore, Runnable auditBefore, UnaryOperator<MessageEmbed> decorate) {
    return new ConfirmedTrade(pendingId, hook, clicker, action, clickedAt, cardBefore, auditBefore, decorate);
  }

  /**
   * @param client the SDK
   * @param account the account
   * @param instrument the instrument
   * @return the account's current position in the instrument (GET, bounded by the request timeout): + long, − short
   */
  static long signedPosition(CrossTradeClient client, String account, String instrument) {
    Position p = client.getPosition(account, instrument);
    if (p == null || p.getMarketPosition() == null || p.getMarketPosition() == MarketPosition.FLAT) {
      return 0;
    }
    if (p.getQuantity() == null) {
      throw new IllegalStateException("the position has no quantity");
    }
    return p.getMarketPosition() == MarketPosition.SHORT ? -(long) p.getQuantity() : p.getQuantity();
  }

  /** What one SDK call came to: the audit text, the order ids, the time taken and how to draw its card. */
  private record Result(String result, @Nullable String detail, List<String> orderIds, long ms,
      Supplier<MessageEmbed> card, boolean unknown) {
    Result(String result, @Nullable String detail, List<String> orderIds, long ms, Supplier<MessageEmbed> card) {
      this(result, detail, orderIds, ms, card, false);
    }

    Result(String result, List<String> orderIds, long ms, Supplier<MessageEmbed> card) {
      this(result, null, orderIds, ms, card);
    }

    static Result notSent(Review review, String auditText, String forMember) {
      return new Result("not sent: " + auditText, null, 0, () -> Cards.notice("Not sent: " + review.title(),
          forMember + "\nNothing was sent; run the command again."));
    }
  }

  /** Sends one trade and classifies the answer; the card is built later, so a rendering failure is contained. */
  private Result send(TradeAction action, Review review, long clickedAt) {
    SendChecks checks = new SendChecks(action.command(), clickedAt, calls.maxQueueWait(), halt, calls::stopping);
    try {
      checks.check(action.command()); // the same checks as at the wire, before the SDK is asked at all
    } catch (NotSentException e) {
      return Result.notSent(review, e.reason(), checks.forMember(e));
    }
    if (mode == TradingMode.PAPER) {
      String request = PaperTrade.request(action);
      return new Result("paper: not sent", null, 0, () -> PaperTrade.card(request));
    }
    long start = System.nanoTime();
    try {
      Outcome outcome = action.execute(client.withSendGate(checks));
      long ms = elapsedMs(start);
      return new Result("ok", outcome.orderIds(), ms, () -> Cards.success(review, outcome, workingBefore(action), ms));
    } catch (NotSentException e) { // stopped at the wire: nothing left the machine
      return new Result(FailureWords.whatHappened(e), null, elapsedMs(start), () -> Cards.notice("Not sent: " + review.title(),
          checks.forMember(e) + "\nNothing was sent; run the command again."));
    } catch (CrossTradeException e) {
      return new Result(FailureWords.auditOutcome(e, client.requestTimeout()), FailureWords.technical(e), null,
          elapsedMs(start), () -> Cards.failure(review, e, client.requestTimeout()), e instanceof OutcomeUnknownException);
    } catch (InvalidRequestException e) {
      // The SDK's own request rules refused it before sending (the bot's validation should have caught it first).
      return new Result("refused before sending: " + e.getMessage(), null, elapsedMs(start),
          () -> Cards.notice("Not sent: " + review.title(), "The request broke a rule: "
              + DiscordText.escape(Violation.describe(e.violations()), 1000) + "\nNothing was sent."));
    } catch (RuntimeException | Error e) { // any Throwable ends in a result card and a result audit line
      log.error("unexpected failure executing /{}", action.command(), e);
      return new Result("internal error " + e.getClass().getSimpleName(), null, null, elapsedMs(start),
          () -> unknownAfterInternalError(review), true);
    } finally {
      checks.done(); // the order's "on its way" count ends when its SDK call returned, however it ended
    }
  }

  /**
   * {@code max_position} again after the click, on the call thread just before the send (the position is read
   * then, bounded by the request timeout; roles may have changed since the card).
   *
   * @return the refusal, or empty to send
   */
  private Optional<Result> positionLimitAtSend(TradeAction action, Review review, Invoker clicker) {
    OrderIntent order = action.riskOrder().orElse(null);
    if (order == null || !limits.needsPosition(clicker.roleIds())) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    String broken = limits.checkPosition(clicker.roleIds(), order, (a, i) -> signedPosition(client, a, i)).orElse(null);
    if (broken == null) {
      return Optional.empty(); // the send checks that follow still refuse it if the read left it late
    }
    audit.denied(clicker, action.command(), action.auditArgs(), broken);
    return Optional.of(new Result("not sent: " + broken, null, elapsedMs(start),
        () -> Cards.notice("Not allowed any more", broken + "\nNothing was sent.")));
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static MessageEmbed unknownAfterInternalError(Review review) {
    return Cards.notice("OUTCOME UNKNOWN: " + review.title(),
        "**Outcome unknown — check NinjaTrader before retrying.** The bot failed while handling the request.");
  }

  /** @return the working orders the review read before Confirm, or null when it read none */
  private static List<Order> workingBefore(TradeAction action) {
    Preview p = action instanceof ReviewedAction reviewed ? reviewed.preview() : null;
    return p == null ? null : p.workingOrders();
  }

  /**
   * A confirmed trade on its way through {@link TradeCalls}: each way it can end edits the card and is audited, once
   * ({@link #ended}); an answer that arrives after the shutdown reported "outcome unknown" is added as a follow-up.
   */
  private final class ConfirmedTrade implements TradeCalls.Trade {
    private final String pendingId;
    private final InteractionHook hook;
    private final Invoker clicker;
    private final TradeAction action;
    private final Review review;
    private final long clickedAt;
    private final CompletableFuture<?> cardBefore;
    private final Runnable auditBefore;
    private final UnaryOperator<MessageEmbed> decorate;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile CompletableFuture<?> lastEdit = CompletableFuture.completedFuture(null);
    /** The result card as last drawn (a follow-up adds a field to it). */
    private volatile MessageEmbed shown;

    ConfirmedTrade(String pendingId, InteractionHook hook, Invoker clicker, TradeAction action, long clickedAt,
        CompletableFuture<?> cardBefore, Runnable auditBefore, UnaryOperator<MessageEmbed> decorate) {
      this.decorate = decorate;
      this.pendingId = pendingId;
      this.hook = hook;
      this.clicker = clicker;
      this.action = action;
      this.review = action.review();
      this.clickedAt = clickedAt;
      this.auditBefore = auditBefore;
      // A net: should the earlier edit never be answered, the result still shows (JDA answers every edit it queued).
      this.cardBefore = cardBefore.handle((ok, err) -> null).completeOnTimeout(null, CARD_BEFORE_WAIT_S, TimeUnit.SECONDS);
    }

    @Override
    public void run() {
      Result r;
      try {
        r = positionLimitAtSend(action, review, clicker).orElseGet(() -> send(action, review, clickedAt));
      } finally {
        suggestions.forget(action.tradedAccount()); // autocomplete must not offer what the trade just changed
      }
      boolean late = !ended.compareAndSet(false, true);
      report(r.result() + (late ? " (answer arrived after shutdown reported outcome unknown)" : ""), r.detail(),
          r.orderIds(), r.ms(), r.card());
      if (r.unknown() && !late) { // issue 25: read (never send) what it may have changed; the card says what was found
        followUps.start(unknown(), probe(), this::checkedAfterwards);
      }
    }

    private FollowUps.Unknown unknown() {
      String subject = action.previewPlan().map(p -> p.subject().equals(Previews.POSITION) ? "position"
          : p.subject().toLowerCase(java.util.Locale.ROOT)).orElse("position");
      return new FollowUps.Unknown(clicker, action.command(), action.auditArgs(),
          FollowUps.what(action.command(), action.auditArgs()), subject);
    }

    /** @return reads the review's plan again and compares with the review's preview, or null without a plan */
    private FollowUps.@Nullable Probe probe() {
      PreviewPlan plan = action.previewPlan().orElse(null);
      PreviewPlan.Check check = plan == null ? null : plan.check();
      if (check == null) {
        return null;
      }
      Preview before = action instanceof ReviewedAction reviewed ? reviewed.preview() : null;
      return () -> check.compare(before, plan.read().apply(FollowUps.reads(client)));
    }

    /** Adds what a follow-up found to the result card, after the card's earlier edits. */
    private void checkedAfterwards(String found) {
      MessageEmbed card = Cards.checkedAfterwards(shown, found);
      lastEdit = lastEdit.handle((ok, err) -> null)
          .thenCompose(ok -> hook.editOriginalEmbeds(card).setComponents().submit())
          .whenComplete((ok, err) -> {
            if (err != null) {
              log.warn("could not add a follow-up to a trade's card: {}", err.toString());
            }
          });
    }

    @Override
    public void notSent(String why) {
      if (ended.compareAndSet(false, true)) {
        report("not sent: " + why, null, -1, () -> Cards.notice("Not sent: " + review.title(),
            "Not sent: " + why + ". Nothing was sent; run the command again."));
      }
    }

    @Override
    public void abandoned() {
      if (ended.compareAndSet(false, true)) {
        report("outcome unknown: the bot was shutting down while the call was in flight", null, -1,
            () -> Cards.notice("OUTCOME UNKNOWN: " + review.title(),
                "**Outcome unknown — the bot was shutting down; check NinjaTrader** before retrying."));
        followUps.start(unknown(), null, found -> { }); // listed on the board; the bot is stopping
      }
    }

    @Override
    public void failed(Throwable error) {
      if (ended.compareAndSet(false, true)) {
        report("internal error " + error.getClass().getSimpleName(), null, -1, () -> unknownAfterInternalError(review));
        followUps.start(unknown(), probe(), this::checkedAfterwards);
      }
    }

    @Override
    public CompletableFuture<?> delivered() {
      return lastEdit;
    }

    /** The {@code result} audit line, then the card; neither can throw past here. */
    private void report(String result, List<String> orderIds, long ms, Supplier<MessageEmbed> card) {
      report(result, null, orderIds, ms, card);
    }

    /** The {@code result} audit line (with the failure's technical detail for the JSON log), then the card. */
    private void report(String result, @Nullable String detail, List<String> orderIds, long ms,
        Supplier<MessageEmbed> card) {
      try {
        auditBefore.run(); // the "confirmed" line, if the click's thread has not written it yet
        audit.result(clicker, action.command(), action.auditArgs(), result, detail, orderIds, ms);
      } catch (RuntimeException e) {
        log.error("the result of /{} could not be audited: {}", action.command(), e.toString());
      }
      try { // the claim ended: no restart may report it "outcome unknown"; a refusal reads "refused" to a second click
        if (result.startsWith("not sent")) {
          store.refuseClaimed(pendingId);
        } else {
          store.finish(pendingId);
        }
      } catch (RuntimeException e) {
        log.error("the end of /{}'s claim could not be recorded: {}", action.command(), e.toString());
      }
      MessageEmbed embed;
      try {
        embed = card.get();
      } catch (RuntimeException e) { // e.g. an answer JDA will not render (too long, unprintable numbers)
        log.error("the result card of /{} could not be built", action.command(), e);
        embed = Cards.notice("Answered: " + review.title(), "CrossTrade answered (" + DiscordText.escape(result, 300)
            + ") but the answer could not be shown. **Check NinjaTrader** for what was executed.");
      }
      try {
        embed = decorate.apply(embed);
      } catch (RuntimeException e) {
        log.warn("the result card of /{} could not be marked: {}", action.command(), e.toString());
      }
      MessageEmbed shown = embed;
      this.shown = embed;
      lastEdit = cardBefore.thenCompose(ok -> hook.editOriginalEmbeds(shown).setComponents().submit())
          .whenComplete((ok, err) -> { // e.g. Discord refused it, or JDA shut down
            if (err != null) {
              log.warn("could not update a trade's card: {}", err.toString());
            }
          });
    }
  }
}
