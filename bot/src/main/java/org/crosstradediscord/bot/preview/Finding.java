package org.crosstradediscord.bot.preview;

/**
 * What a follow-up's reads concluded about an order of unknown outcome ({@link Reconcile}).
 *
 * @param verdict the conclusion
 * @param text one line in plain words (account, instrument and order names as the upstream wrote them: escape
 *     them when rendering), e.g. {@code Very likely executed: Sim101 went from Flat to Long 1 (MES 12-25)}
 */
public record Finding(Verdict verdict, String text) {
  /** @return true when nothing changed yet: worth one more read after the request timeout */
  public boolean readAgain() {
    return verdict == Verdict.NOT_EXECUTED;
  }

  /** What a follow-up concluded. */
  public enum Verdict {
    /** The change the action makes was seen (or the order was found by our id). */
    EXECUTED,
    /** Nothing changed (or no order has our id). */
    NOT_EXECUTED,
    /** Something changed, but not as the action would: described, not claimed. */
    OTHER_CHANGE,
    /** The reads cannot tell (no "before", the action would leave the same position, an unnamed side). */
    CANNOT_TELL,
    /** A read failed: "check NinjaTrader". */
    COULD_NOT_CHECK;

    /** @return true when the unknown outcome counts as resolved: {@link #EXECUTED} or {@link #NOT_EXECUTED} */
    public boolean resolves() {
      return this == EXECUTED || this == NOT_EXECUTED;
    }
  }
}
