package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.confirmation.ConfirmationState;

/** What a member reads when their Confirm or Cancel finds nothing to act on. */
final class ClickTexts {
  private ClickTexts() {}

  /**
   * @param state why the confirmation is not pending
   * @return one or two sentences for the member (markdown)
   */
  static String gone(ConfirmationState state) {
    return switch (state) {
      case EXPIRED -> "This confirmation expired. Nothing was sent; run the command again.";
      case AWAITING_APPROVAL -> "This was confirmed and waits for a second person's approval; it is not sent twice.";
      case NEEDS_SECOND_PERSON -> "This needs a second person's approval, which this bot cannot ask for (the two-person"
          + " rule is not configured here). Nothing was sent; tell whoever runs the bot.";
      case CONFIRMED -> "This was already confirmed once; it is not executed twice.";
      case CANCELLED -> "This was cancelled. Nothing was sent.";
      case DENIED -> "This was refused (roles, limits or a halt). Nothing was sent; run the command again.";
      case UNKNOWN -> "This confirmation is unknown to the bot. Nothing was sent; run the command again.";
    };
  }
}
