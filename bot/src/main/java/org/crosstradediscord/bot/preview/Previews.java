package org.crosstradediscord.bot.preview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.Position;
import org.jspecify.annotations.Nullable;

/**
 * What an action will affect, as plain text lines computed from the positions and orders read before Confirm:
 * pure functions (no I/O) plus the {@link PreviewPlan}s the commands hand to the bot. The semantics follow the
 * upstream's docs as the simulator implements them:
 * <ul>
 *   <li>flat-place closes any position in the instrument, then places the order; reverse does the same but is
 *       refused when flat; a MARKET order fills at once, LIMIT/STOP orders rest until the price crosses them;</li>
 *   <li>close closes all, {@code quantity} (at most the open quantity) or the {@code percent} fraction rounded up
 *       to whole contracts;</li>
 *   <li>flatten closes the positions matching all filters and cancels their instrument's working orders; without a
 *       side filter it also cancels every working order matching the instrument filter.</li>
 * </ul>
 */
public final class Previews {
  /** Accounts whose working orders a flatten of every account reads, at most. */
  static final int MAX_ORDER_ACCOUNTS = 8;
  /** Heading of the position previews. */
  public static final String POSITION = "Current position";
  /** Heading of the flatten preview. */
  public static final String POSITIONS_AND_ORDERS = "Positions and working orders";

  private Previews() {}

  // ---- plans -------------------------------------------------------------------------------------------------

  /**
   * @param account the order's account
   * @param order the order
   * @param reverse true for {@code /reverse} (refused when flat), false for {@code /flatplace}
   * @return reads the position in the order's instrument
   */
  public static PreviewPlan order(String account, OrderRequest order, boolean reverse) {
    return new PreviewPlan(POSITION, reads -> order(reads.position(account, order.getInstrument()), order, reverse),
        (before, after) -> before == null ? Reconcile.noBefore(Reconcile.describe(account, order.getInstrument(),
            first(after))) : Reconcile.order(account, order, reverse, first(before), first(after)));
  }

  /**
   * @param account the order's account
   * @param order the order, placed beside the position ({@code placeOrder}: nothing is closed first)
   * @return reads the position in the order's instrument
   */
  public static PreviewPlan place(String account, OrderRequest order) {
    return new PreviewPlan(POSITION, reads -> place(reads.position(account, order.getInstrument()), order));
  }

  /**
   * @param now the position in the order's instrument
   * @param order the order placed beside it
   * @return "Now: …" and "After: …" (the position plus the order, if it fills)
   */
  public static Preview place(Position now, OrderRequest order) {
    return PositionPreviews.place(now, order);
  }

  /**
   * @param account the position's account
   * @param instrument the instrument
   * @param quantity contracts to close, or null
   * @param fraction fraction to close (0.5 = 50 %), or null; both null closes all
   * @return reads the position
   */
  public static PreviewPlan close(String account, String instrument, Integer quantity, Double fraction) {
    return new PreviewPlan(POSITION, reads -> close(reads.position(account, instrument), quantity, fraction),
        (before, after) -> before == null ? Reconcile.noBefore(Reconcile.describe(account, instrument, first(after)))
            : Reconcile.close(account, instrument, quantity, fraction, first(before), first(after)));
  }

  /**
   * @param filters the flatten's filters (no account: every account)
   * @return reads the positions and orders of the account, or of every account
   */
  public static PreviewPlan flatten(FlattenRequest filters) {
    return new PreviewPlan(POSITIONS_AND_ORDERS, reads -> {
      if (filters.getAccount() != null) {
        return flatten(filters, reads.positions(filters.getAccount()), reads.orders(filters.getAccount()), -1, 0);
      }
      List<Position> positions = reads.allPositions();
      List<String> accounts = reads.accounts();
      List<Order> orders = new ArrayList<>();
      accounts.stream().limit(MAX_ORDER_ACCOUNTS).forEach(a -> orders.addAll(reads.orders(a)));
      return flatten(filters, positions, orders, accounts.size(), Math.max(0, accounts.size() - MAX_ORDER_ACCOUNTS));
    }, (before, after) -> before == null ? Reconcile.noBefore(Reconcile.describe(filters, after))
        : Reconcile.flatten(filters, before, after));
  }

  /** @return the one position a position preview read, or null (flat) when it read none */
  private static @Nullable Position first(Preview p) {
    return p.positions().isEmpty() ? null : p.positions().get(0);
  }

  // ---- pure computations (PositionPreviews, FlattenPreview, PreviewText, ReadFailures) --------------------------

  /**
   * @param now the position in the order's instrument
   * @param order the order to place after closing it
   * @param reverse true when a flat position makes the upstream refuse ({@code /reverse})
   * @return "Now: …" and "After: …"
   */
  public static Preview order(Position now, OrderRequest order, boolean reverse) {
    return PositionPreviews.order(now, order, reverse);
  }

  /**
   * @param now the open position
   * @param quantity contracts to close, or null
   * @param fraction fraction to close (0.5 = 50 %), or null; both null closes all
   * @return "Now: …", "After: closes N, leaves …" and, when the unrealized P&amp;L is known, what the close
   *     realizes at the last price
   */
  public static Preview close(Position now, Integer quantity, Double fraction) {
    return PositionPreviews.close(now, quantity, fraction);
  }

  /**
   * The upstream's rule: {@code quantity} capped at the open quantity, else the fraction rounded up to whole
   * contracts (closing 10 % of 1 contract closes 1), else all.
   *
   * @param open open contracts
   * @param quantity contracts asked, or null
   * @param fraction fraction asked, or null
   * @return contracts the close closes
   */
  public static int closingQuantity(int open, Integer quantity, Double fraction) {
    return PositionPreviews.closingQuantity(open, quantity, fraction);
  }

  /**
   * @param filters the flatten's filters
   * @param positions positions read (of the account, or of every account)
   * @param orders orders read (working and terminal)
   * @param accountsRead accounts of the CrossTrade user when every account is covered, or -1 for one account
   * @param accountsNotRead accounts whose orders were not read (a flatten of every account reads a few)
   * @return what it closes and cancels, one line each (at most {@value FlattenPreview#MAX_LISTED} listed of each,
   *     then a count of the rest)
   */
  public static Preview flatten(FlattenRequest filters, List<Position> positions, List<Order> orders, int accountsRead,
      int accountsNotRead) {
    return FlattenPreview.flatten(filters, positions, orders, accountsRead, accountsNotRead);
  }

  /**
   * @param p a position
   * @return e.g. {@code Long 2 @ 5000.25 (unrealized P&L 12.50)}, or {@code Flat}
   */
  public static String describe(Position p) {
    return PreviewText.describe(p);
  }

  /**
   * @param o an order
   * @return e.g. {@code Sim101 · MES 12-25 · Buy 1 Limit @ 5000 · id 3cba6631…}
   */
  public static String describe(Order o) {
    return PreviewText.describe(o);
  }

  /**
   * @param o an order
   * @return true while it can still fill: not Filled, Cancelled, Rejected or being cancelled (NinjaTrader states,
   *     any case)
   */
  public static boolean isWorking(Order o) {
    return PreviewText.isWorking(o);
  }

  /**
   * @param failure why a preview could not be read (possibly wrapped)
   * @param waited the longest the review waits for it
   * @return a short reason in plain words, e.g. {@code no answer within 2500 ms}
   */
  public static String reason(Throwable failure, Duration waited) {
    return ReadFailures.reason(failure, waited);
  }

  /**
   * @param d an amount in the account currency, or null
   * @return two decimals, or {@code ?}
   */
  public static String money(Double d) {
    return PreviewText.money(d);
  }
}
