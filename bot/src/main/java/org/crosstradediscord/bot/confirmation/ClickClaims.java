package org.crosstradediscord.bot.confirmation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.PendingState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;

/**
 * A click on a card, against its row: looks at the pending action (building it again from the store when another
 * process made the card), then claims or cancels it by a row-level compare-and-set, and says why not when it cannot.
 */
final class ClickClaims {
  private final Store rows;
  private final StoreCalls calls;
  private final Clock clock;
  private final LocalCards cards;
  private final RefusedClaims refused;

  /** The row's compare-and-set a click asks for. */
  private interface Transition {
    boolean apply(Instant now);
  }

  /**
   * @param rows the durable store
   * @param calls bounds each store call
   * @param clock wall clock for the stored expiry and leases
   * @param cards the cards this process made
   * @param refused the refused claims, undone before a new click on their card
   */
  ClickClaims(Store rows, StoreCalls calls, Clock clock, LocalCards cards, RefusedClaims refused) {
    this.rows = rows;
    this.calls = calls;
    this.clock = clock;
    this.cards = cards;
    this.refused = refused;
  }

  /** See {@link ConfirmationStore#peek}. */
  PendingAction peek(String id, Rebuilder rebuilder) {
    if (id == null) {
      return null;
    }
    PendingAction p = cards.get(id);
    if (p != null) {
      return p;
    }
    try {
      PendingRow row = calls.call(() -> rows.pending(id));
      if (row == null || row.state() != PendingState.PENDING || !clock.instant().isBefore(row.expiresAt())) {
        return null;
      }
      PendingAction built = rebuild(row, rebuilder);
      cards.keepRebuilt(id, built);
      return built;
    } catch (StoreException | NotRebuildable e) {
      return null;
    }
  }

  /** See {@link ConfirmationStore#claim}; no bookkeeping of live or refused claims. */
  Claim claim(String id, long userId, String interactionId, String token, Duration lease, Rebuilder rebuilder,
      Runnable thenInTheSameCall) {
    return take(id, userId, interactionId, rebuilder, (now) -> {
      boolean claimed = rows.claimPending(id, userId, interactionId, token, now, now.plus(lease));
      if (claimed) {
        thenInTheSameCall.run();
      }
      return claimed;
    });
  }

  /** See {@link ConfirmationStore#cancel}. */
  Claim cancel(String id, long userId, String interactionId, Rebuilder rebuilder) {
    return take(id, userId, interactionId, rebuilder,
        (now) -> rows.endPending(id, PendingState.CANCELLED, interactionId, now));
  }

  private Claim take(String id, long userId, String interactionId, Rebuilder rebuilder, Transition transition) {
    if (id == null) {
      return new Claim.Gone(ConfirmationState.UNKNOWN);
    }
    try { // an earlier click on this card was refused: undo its claim first
      refused.undoFor(id);
    } catch (StoreException e) {
      return new Claim.Unavailable(SafeText.oneLine(e.getMessage()));
    }
    PendingAction p = cards.get(id);
    if (p == null) {
      p = cards.takeRebuilt(id); // peeked a moment ago: no second read
    }
    try {
      if (p == null) {
        PendingRow row = calls.call(() -> rows.pending(id));
        if (row == null) {
          return new Claim.Gone(ConfirmationState.UNKNOWN);
        }
        if (row.state() != PendingState.PENDING || !clock.instant().isBefore(row.expiresAt())) {
          return gone(row, interactionId);
        }
        if (row.userId() != userId) {
          return new Claim.NotInvoker(row.command());
        }
        try {
          p = rebuild(row, rebuilder);
        } catch (NotRebuildable e) {
          if (calls.call(() -> rows.endPending(id, PendingState.DENIED, interactionId, clock.instant()))) {
            return new Claim.Refused(row.command(), e.getMessage());
          }
          PendingRow now = calls.call(() -> rows.pending(id)); // claimed or ended meanwhile: say what happened
          return now == null ? new Claim.Gone(ConfirmationState.UNKNOWN) : gone(now, interactionId);
        }
      } else if (p.invoker().userId() != userId) {
        return new Claim.NotInvoker(p.action().command());
      }
      boolean moved;
      try {
        moved = calls.call(() -> transition.apply(clock.instant()));
      } catch (StoreException e) {
        return new Claim.Unavailable(SafeText.oneLine(e.getMessage()), true);
      }
      if (moved) {
        cards.drop(id);
        return new Claim.Claimed(p);
      }
      PendingRow row = calls.call(() -> rows.pending(id));
      if (row == null || row.state() != PendingState.PENDING) {
        cards.drop(id);
      }
      return row == null ? new Claim.Gone(ConfirmationState.UNKNOWN) : gone(row, interactionId);
    } catch (StoreException e) {
      return new Claim.Unavailable(SafeText.oneLine(e.getMessage()));
    }
  }

  private static Claim gone(PendingRow row, String interactionId) {
    if (interactionId != null && interactionId.equals(row.claimInteraction())) {
      return new Claim.HandledElsewhere();
    }
    if (row.state() == PendingState.PENDING && row.secondPerson() != null) {
      return new Claim.Gone(ConfirmationState.NEEDS_SECOND_PERSON);
    }
    return new Claim.Gone(switch (row.state()) {
      case PENDING, EXPIRED -> ConfirmationState.EXPIRED;
      case CONFIRMED, DONE, UNKNOWN -> ConfirmationState.CONFIRMED;
      case AWAITING -> ConfirmationState.AWAITING_APPROVAL;
      case CANCELLED -> ConfirmationState.CANCELLED;
      case DENIED -> ConfirmationState.DENIED;
    });
  }

  private static PendingAction rebuild(PendingRow row, Rebuilder rebuilder) {
    Invoker invoker = new Invoker(row.userId(), row.userName(), row.roleIds());
    TradeAction action = rebuilder.rebuild(new Recipe(row.command(), OptionsJson.read(row), row.mode()), invoker);
    return new PendingAction(row.id(), invoker, action, row.createdAt(), () -> { });
  }
}
