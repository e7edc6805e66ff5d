package org.crosstradediscord.bot.discord;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A confirmed trade on its way through {@link TradeCalls}: each way it can end edits the card and is audited, once
 * ({@link #ended}); an answer that arrives after the shutdown reported "outcome unknown" is added as a follow-up.
 */
final class ConfirmedTrade implements TradeCalls.Trade {
  private static final Logger log = LoggerFactory.getLogger(ConfirmedTrade.class);

  private final TradeExecution exec;
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

  ConfirmedTrade(TradeExecution exec, String pendingId, InteractionHook hook, Invoker clicker, TradeAction action, long clickedAt,
      CompletableFuture<?> cardBefore, Runnable auditBefore, UnaryOperator<MessageEmbed> decorate) {
    this.exec = exec;
    this.decorate = decorate;
    this.pendingId = pendingId;
    this.hook = hook;
    this.clicker = clicker;
    this.action = action;
    this.review = action.review();
    this.clickedAt = clickedAt;
    this.auditBefore = auditBefore;
    // A net: should the earlier edit never be answered, the result still shows (JDA answers every edit it queued).
    this.cardBefore = cardBefore.handle((ok, err) -> null).completeOnTimeout(null, TradeExecution.CARD_BEFORE_WAIT_S, TimeUnit.SECONDS);
  }

  @Override
  public void run() {
    TradeExecution.Result r;
    try {
      r = exec.positionLimitAtSend(action, review, clicker).orElseGet(() -> exec.send(action, review, clickedAt));
    } finally {
      exec.suggestions.forget(action.tradedAccount()); // autocomplete must not offer what the trade just changed
    }
    boolean late = !ended.compareAndSet(false, true);
    report(r.result() + (late ? " (answer arrived after shutdown reported outcome unknown)" : ""), r.detail(),
        r.orderIds(), r.ms(), r.card());
    if (r.unknown() && !late) { // issue 25: read (never send) what it may have changed; the card says what was found
      exec.followUps.start(unknown(), probe(), this::checkedAfterwards);
    }
  }

  private FollowUps.Unknown unknown() {
    String subject = action.previewPlan().map(p -> p.subject().equals(Previews.POSITION) ? "position"
        : p.subject().toLowerCase(Locale.ROOT)).orElse("position");
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
    return () -> check.compare(before, plan.read().apply(FollowUps.reads(exec.client)));
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
      exec.followUps.start(unknown(), null, found -> { }); // listed on the board; the bot is stopping
    }
  }

  @Override
  public void failed(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      report("internal error " + error.getClass().getSimpleName(), null, -1, () -> TradeExecution.unknownAfterInternalError(review));
      exec.followUps.start(unknown(), probe(), this::checkedAfterwards);
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
      exec.audit.result(clicker, action.command(), action.auditArgs(), result, detail, orderIds, ms);
    } catch (RuntimeException e) {
      log.error("the result of /{} could not be audited: {}", action.command(), e.toString());
    }
    try { // the claim ended: no restart may report it "outcome unknown"; a refusal reads "refused" to a second click
      if (result.startsWith("not sent")) {
        exec.store.refuseClaimed(pendingId);
      } else {
        exec.store.finish(pendingId);
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
