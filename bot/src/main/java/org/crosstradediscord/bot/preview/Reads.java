package org.crosstradediscord.bot.preview;

import java.util.List;
import java.util.Objects;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * The only upstream calls a review may make before Confirm: reads (GET), nothing that trades. A review card's
 * preview gets this view instead of the SDK, so it cannot place, close, flatten or cancel by mistake.
 */
public interface Reads {
  /**
   * @param account NT8 account
   * @param instrument instrument
   * @return the position (Flat with quantity 0 when none is open)
   */
  Position position(String account, String instrument);

  /**
   * @param account NT8 account
   * @return its open positions
   */
  List<Position> positions(String account);

  /** @return the open positions of every account of the CrossTrade user */
  List<Position> allPositions();

  /** @return the names of every account of the CrossTrade user */
  List<String> accounts();

  /**
   * @param account NT8 account
   * @return its orders of the session, working and terminal
   */
  List<Order> orders(String account);

  /**
   * The SDK's reads, each taken only while the client's rate limiter still holds more than {@code reserve}
   * tokens: a preview never takes the budget a confirmed order needs (it fails with {@link Skipped} instead).
   *
   * @param client the SDK
   * @param reserve tokens left for orders; a read is skipped when no more than this many are available
   * @return the read-only view
   */
  static Reads of(CrossTradeClient client, long reserve) {
    Objects.requireNonNull(client, "client");
    return new Reads() {
      private CrossTradeClient budget() {
        if (client.rateLimiter().available() <= reserve) {
          throw new Skipped("skipped to keep CrossTrade's rate limit for orders");
        }
        return client;
      }

      @Override
      public Position position(String account, String instrument) {
        return budget().getPosition(account, instrument);
      }

      @Override
      public List<Position> positions(String account) {
        return budget().listPositions(account).getPositions();
      }

      @Override
      public List<Position> allPositions() {
        return budget().getAllPositions(null).getPositions();
      }

      @Override
      public List<String> accounts() {
        return budget().listAccounts().getAccounts().stream().map(Account::getName).filter(Objects::nonNull).toList();
      }

      @Override
      public List<Order> orders(String account) {
        return budget().listOrders(account).getOrders();
      }
    };
  }

  /** A read the preview chose not to make; the message says why, in plain words. */
  final class Skipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param why plain words */
    public Skipped(String why) {
      super(why);
    }
  }
}
