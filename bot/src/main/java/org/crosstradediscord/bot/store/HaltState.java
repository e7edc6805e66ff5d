package org.crosstradediscord.bot.store;

import java.time.Instant;

/**
 * The halt switch: while {@code halted}, risk-increasing commands ({@code /flatplace}, {@code /reverse}) are
 * refused; risk-reducing ones stay allowed.
 *
 * @param halted whether trading that adds risk is refused
 * @param reason why (as the member wrote it; may be empty), or null when never set
 * @param byUserId who set it last, 0 when never
 * @param byUserName who set it last, or null when never
 * @param since when it was set last, or null when never
 */
public record HaltState(boolean halted, String reason, long byUserId, String byUserName, Instant since) {
  /** Not halted, never set. */
  public static final HaltState NEVER = new HaltState(false, null, 0, null, null);
}
