package org.crosstradediscord.bot.discord;

import java.util.List;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.confirmation.Rebuilder;
import org.crosstradediscord.bot.confirmation.Recipe;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.store.PendingRow;

/** What a request of the two-person rule reads like once it ended, in the desk's words. */
final class ApprovalTexts {
  private ApprovalTexts() {}

  /**
   * @param p a request's row
   * @param rebuilder builds the stored action again
   * @return what it would do, for an ended card
   */
  static Review describe(PendingRow p, Rebuilder rebuilder) {
    if (ResumeRequests.RESUME.equals(p.command())) {
      return ResumeRequests.resumeReview(null);
    }
    try {
      return rebuilder.rebuild(Recipe.of(p),
          new Invoker(p.userId(), p.userName(), p.roleIds())).review();
    } catch (RuntimeException e) {
      return new Review("/" + p.command(), "A /" + p.command() + " that waited for a second approval.",
          List.of(), "Approve", null);
    }
  }

  static String decided(PendingRow p) {
    return switch (p.state()) {
      case AWAITING, EXPIRED -> "This request expired. Nothing was sent.";
      case CONFIRMED, DONE, UNKNOWN -> "This request was already approved; it is not executed twice.";
      case CANCELLED -> "This request was rejected, withdrawn or refused. Nothing was sent.";
      case DENIED -> "This request was approved but refused before sending (roles, limits or a halt). Nothing was sent.";
      case PENDING -> "This was never confirmed by the member who asked. Nothing was sent.";
    };
  }
}
