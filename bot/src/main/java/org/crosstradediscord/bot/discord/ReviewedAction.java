package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.risk.OrderIntent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.rendering.Outcome;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * A pending action as its review card shows it: the command's action (every method delegates to it) plus the
 * preview read for the card. The card is "open" until the member confirms, cancels or is denied, or it expires;
 * a preview only edits an open card, and closing waits (bounded) for an edit already on its way, so a late preview
 * never overwrites the "Sending…", result, cancelled or expired card.
 */
final class ReviewedAction implements TradeAction {
  /** The longest {@link #close()} waits for a preview edit already sent to Discord. */
  static final long EDIT_WAIT_MS = 1_000;
  /** The title prefix of every card of a paper-mode action. */
  static final String PAPER = "[PAPER] ";

  private final TradeAction action;
  private final boolean paper;
  private boolean open = true;
  private Preview preview;

  /**
   * @param action the command's action
   * @param paper paper mode: the review (and every card titled from it) is marked PAPER
   */
  ReviewedAction(TradeAction action, boolean paper) {
    this.action = action;
    this.paper = paper;
  }

  /**
   * Shows a preview if the card is still open: records it and sends the edit, waiting for Discord's answer (at
   * most {@link #EDIT_WAIT_MS}) so that {@link #close()} cannot overtake it.
   *
   * @param read the preview, or null when it could not be read
   * @param edit sends the card edit
   * @return false when the card was already closed (nothing was sent)
   */
  synchronized boolean publish(Preview read, Supplier<CompletableFuture<?>> edit) {
    if (!open) {
      return false;
    }
    this.preview = read;
    try {
      edit.get().get(EDIT_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the edit failed or is slow: the close goes on regardless (logged by the caller's future)
    }
    return true;
  }

  /** Closes the card to previews: from now on only the confirmation flow edits it. */
  synchronized void close() {
    open = false;
  }

  /** @return true until the member confirms, cancels or is denied, or the card expires */
  synchronized boolean isOpen() {
    return open;
  }

  /** @return the preview shown on the card, or null when none was read (yet, or at all) */
  synchronized Preview preview() {
    return preview;
  }

  /** @return the command's own action */
  TradeAction action() {
    return action;
  }

  @Override
  public String command() {
    return action.command();
  }

  @Override
  public Set<Permission> requiredPermissions() {
    return action.requiredPermissions();
  }

  @Override
  public Optional<String> tradedAccount() {
    return action.tradedAccount();
  }

  @Override
  public Review review() {
    Review r = action.review();
    if (!paper) {
      return r;
    }
    return new Review(PAPER + r.title(), r.whatHappens() + "\n**PAPER mode: Confirm sends nothing to CrossTrade.**",
        r.fields(), r.confirmLabel(), r.warning());
  }

  @Override
  public Optional<OrderIntent> riskOrder() {
    return action.riskOrder();
  }

  @Override
  public Optional<PreviewPlan> previewPlan() {
    return action.previewPlan();
  }

  @Override
  public Map<String, String> auditArgs() {
    return action.auditArgs();
  }

  @Override
  public Outcome execute(CrossTradeClient client) {
    return action.execute(client);
  }
}
