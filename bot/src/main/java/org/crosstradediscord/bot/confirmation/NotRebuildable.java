package org.crosstradediscord.bot.confirmation;

/** A stored action that can no longer be built as it was reviewed; the message is for the member. */
public final class NotRebuildable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param reason plain words for the member */
  public NotRebuildable(String reason) {
    super(reason);
  }
}
