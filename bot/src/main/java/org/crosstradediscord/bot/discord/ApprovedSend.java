package org.crosstradediscord.bot.discord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.store.PendingRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An approved request's trade on its way, like a confirmed one ({@link ClickFlow}): a {@link TradeCalls} ticket, the
 * trade through {@link TradeExecution} (the send-time checks, one call, never retried), the request card showing
 * "Sending…" and then the result marked with who asked and who approved — copied to the invoker's card when this
 * process holds it, never before its "Sending…".
 */
final class ApprovedSend {
  private static final Logger log = LoggerFactory.getLogger(ApprovedSend.class);

  private final ApprovalDesk desk;
  private final ConfirmationStore confirmations;
  private final AuditLog audit;
  private final TradeCalls calls;
  private final TradeExecution execution;

  ApprovedSend(ApprovalDesk desk, ConfirmationStore confirmations, AuditLog audit, TradeCalls calls,
      TradeExecution execution) {
    this.desk = desk;
    this.confirmations = confirmations;
    this.audit = audit;
    this.calls = calls;
    this.execution = execution;
  }

  /**
   * After the claim (the request is CONFIRMED, held by this process).
   *
   * @param c the approval click
   * @param p the request's row
   * @param approver the second member
   * @param asker the member who asked, with their roles now
   * @param action the action rebuilt with those roles
   */
  void send(ApprovalClick c, PendingRow p, Invoker approver, Invoker asker, TradeAction action) {
    Review review = action.review();
    TradeCalls.Ticket ticket = null;
    boolean submitted = false;
    CompletableFuture<Void> sendingShown = new CompletableFuture<>();
    try {
      Once confirmed = new Once(() -> audit.step("confirmed", asker, action.command(), withApprover(action, approver),
          "confirmed with the second approval of " + approver.userName()));
      CompletableFuture<?> invokerSending = desk.showInvoker(p.id(), Cards.executing(review));
      ticket = calls.reserve(execution.trade(p.id(), c.hook(), asker, action, c.clickedAt(), sendingShown, confirmed,
          card -> {
            MessageEmbed marked = ApprovalCards.approved(card, p.userId(), approver.userId());
            invokerSending.whenComplete((ok, err) -> desk.showInvoker(p.id(), marked)); // never before "Sending…"
            return marked;
          }), c.clickedAt());
      if (ticket == null) {
        confirmations.refuseClaimed(p.id());
        audit.refused(asker, action.command(), action.auditArgs(), "the bot is shutting down");
        MessageEmbed card = ApprovalCards.ended("Not sent: the bot is shutting down", review, p.userId());
        ApprovalClicks.endCard(c.hook(), card);
        invokerSending.whenComplete((ok, err) -> desk.showInvoker(p.id(), card));
        return;
      }
      calls.submit(ticket);
      submitted = true;
      c.hook().editOriginalEmbeds(Cards.executing(review)).setComponents().queue(ok -> sendingShown.complete(null),
          err -> sendingShown.complete(null));
      confirmed.run();
    } catch (RuntimeException e) {
      log.error("an approved /{} failed after it was claimed", action.command(), e);
      sendingShown.complete(null);
      if (submitted) {
        return;
      } else if (ticket != null) {
        calls.release(ticket, "the bot failed while handling the approval");
      } else {
        confirmations.refuseClaimed(p.id());
        MessageEmbed card = ApprovalCards.ended("Not sent: internal error", review, p.userId());
        ApprovalClicks.endCard(c.hook(), card);
        desk.showInvoker(p.id(), card);
      }
    }
  }

  private static Map<String, String> withApprover(TradeAction action, Invoker approver) {
    Map<String, String> args = new LinkedHashMap<>(action.auditArgs());
    args.put("approved_by", approver.userName());
    return args;
  }
}
