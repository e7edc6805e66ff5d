package org.crosstradediscord.bot.intake;

import org.crosstradediscord.bot.alerts.Alert;

/** Where an authenticated, readable alert goes: stored once per identity and shown to the desk as a card. */
public interface AlertInbox {
  /**
   * Records the alert unless the same one (same identity) arrived within the source's {@code dedupe_seconds}.
   * Called on the listener's worker thread; must answer well within {@link AlertListener#DEADLINE}.
   *
   * @param source the source's name
   * @param alert the alert, checked
   * @param identity {@link org.crosstradediscord.bot.alerts.AlertIdentity} of the alert
   * @return what became of it
   */
  Receipt receive(String source, Alert alert, String identity);

  /**
   * What became of an alert.
   *
   * @param kind accepted, duplicate or unavailable
   * @param alertId the alert's id on the desk (the card shows it); empty when unavailable
   */
  record Receipt(Kind kind, String alertId) {
    /** Accepted: stored, a card is on its way (HTTP 202). */
    public static Receipt accepted(String alertId) {
      return new Receipt(Kind.ACCEPTED, alertId);
    }

    /** Seen within the dedupe window: no second card (HTTP 200 {@code duplicate}). */
    public static Receipt duplicate(String alertId) {
      return new Receipt(Kind.DUPLICATE, alertId);
    }

    /** The store could not say: nothing recorded (HTTP 503, the sender may retry). */
    public static Receipt unavailable() {
      return new Receipt(Kind.UNAVAILABLE, "");
    }
  }

  /** The outcome kinds of {@link Receipt}. */
  enum Kind {
    /** Stored once; the card follows. */
    ACCEPTED,
    /** The same alert arrived within the dedupe window. */
    DUPLICATE,
    /** The store did not answer; nothing was recorded. */
    UNAVAILABLE
  }
}
