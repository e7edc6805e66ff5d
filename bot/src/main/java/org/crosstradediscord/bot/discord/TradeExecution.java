package org.crosstradediscord.bot.discord;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
  static final long CARD_BEFORE_WAIT_S = 30;

  final CrossTradeClient client;
  final AuditLog audit;
  final ConfirmationStore store;
  private final TradeCalls calls;
  private final LimitGuard limits;
  private final TradingMode mode;
  private final HaltSwitch halt;
  final Suggestions suggestions;
  final FollowUps followUps;

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
    return new ConfirmedTrade(this, pendingId, hook, clicker, action, clickedAt, cardBefore, auditBefore, decorate);
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
  record Result(String result, @Nullable String detail, List<String> orderIds, long ms,
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
  Result send(TradeAction action, Review review, long clickedAt) {
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
  Optional<Result> positionLimitAtSend(TradeAction action, Review review, Invoker clicker) {
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
}
