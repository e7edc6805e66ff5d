package org.crosstradediscord.bot.store;

/** The store could not be opened, read or written; the message is one line and never holds a credential. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the database's exception, or null
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
