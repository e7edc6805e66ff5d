package org.crosstradediscord.bot.risk;

import org.crosstradediscord.client.CrossTradeException;
import java.util.Optional;
import java.util.Set;

/**
 * The per-role limits of the risk-increasing commands ({@code /flatplace}, {@code /reverse}), for one member: first
 * the checks that need no read ({@link #check}), then, when the member's limit has {@code max_position}, the one
 * that reads the current position ({@link #checkPosition}). A position that cannot be read refuses the order: a
 * limit that cannot be checked is not passed.
 */
public final class LimitGuard {
  /** Reads an account's current position in an instrument: + long, − short, 0 flat. */
  @FunctionalInterface
  public interface PositionReader {
    /**
     * @param account the account
     * @param instrument the instrument as written
     * @return the signed position
     * @throws Exception the read failed or timed out
     */
    long signedPosition(String account, String instrument) throws Exception;
  }

  private final Limits limits;

  /** @param limits the config's {@code limits} */
  public LimitGuard(Limits limits) {
    this.limits = limits;
  }

  /**
   * @param roleIds the member's roles now
   * @param order the order
   * @return why the order breaks {@code max_quantity}, {@code order_types} or {@code instruments}, or empty
   */
  public Optional<String> check(Set<Long> roleIds, OrderIntent order) {
    return LimitCheck.checkOrder(limits.forRoles(roleIds), order);
  }

  /** @return true when the member's limit has {@code max_position}, so the position must be read */
  public boolean needsPosition(Set<Long> roleIds) {
    return LimitCheck.needsPosition(limits.forRoles(roleIds));
  }

  /**
   * @param roleIds the member's roles now
   * @param order the order
   * @param reader reads the current position (bounded by the caller's request timeout)
   * @return why the order breaks {@code max_position} or why that could not be checked, or empty
   */
  public Optional<String> checkPosition(Set<Long> roleIds, OrderIntent order, PositionReader reader) {
    Limit limit = limits.forRoles(roleIds);
    if (!LimitCheck.needsPosition(limit)) {
      return Optional.empty();
    }
    long now;
    try {
      now = reader.signedPosition(order.account(), order.instrument());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(unreadable("interrupted"));
    } catch (Exception e) { // in the trader's words: no class names
      return Optional.of(unreadable(e instanceof CrossTradeException c
          ? (c.status() > 0 ? "CrossTrade answered HTTP " + c.status() : "no clear answer from CrossTrade")
          : "the read failed"));
    }
    return LimitCheck.checkPosition(limit, order, now);
  }

  private static String unreadable(String why) {
    return "Limit `max_position` could not be checked: the current position could not be read (" + why
        + "). A limit that cannot be checked is not passed; try again.";
  }
}
