package org.crosstradediscord.bot.store;

/** The states of an alert on the desk ({@code alert.state}); see V6__alert_desk.sql. */
public enum AlertState {
  /** Waiting for an approver; its card has Approve and Reject. */
  OPEN,
  /** Claimed once by an approver: the send-time checks and the one call are under way. */
  APPROVING,
  /** Sent; the outcome says what CrossTrade answered. */
  SENT,
  /** Approved but not sent (halted, a limit, paper mode, refused upstream before executing). */
  NOT_SENT,
  /** Sent, but whether it executed is unknown (timeout, lost connection, the process died while sending). */
  UNKNOWN,
  /** Rejected by an approver; nothing sent. */
  REJECTED,
  /** Not approved within the source's {@code ttl_seconds}; nothing sent. */
  EXPIRED,
  /** Refused on arrival (halted, limits, account not allowed for the source); shown without Approve. */
  REFUSED;

  /** @return true when nothing can change it any more */
  public boolean isFinal() {
    return this != OPEN && this != APPROVING;
  }
}
