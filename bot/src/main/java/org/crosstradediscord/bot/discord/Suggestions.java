package org.crosstradediscord.bot.discord;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.crosstradediscord.bot.commands.OrdersCommand;
import org.crosstradediscord.bot.text.Prices;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.rendering.Tables;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Order;
import org.crosstradediscord.client.model.Position;

/**
 * Autocomplete choices read from CrossTrade: instruments of the member's open positions and working orders, and the
 * working orders of one account. Discord wants the answer within 3 s, so every answer is bounded by
 * {@link #BOUND}: what has not arrived by then (or failed) is left out, possibly leaving no choice at all.
 * Each account's positions and orders are kept {@link #FRESH} so typing does not spend the rate limit that trades
 * share (3 requests/s); a trade on an account drops what was kept for it ({@link #forget}).
 */
final class Suggestions {
  /** The longest an autocomplete answer waits for CrossTrade. */
  static final Duration BOUND = Duration.ofSeconds(2);
  /** How long one account's read is reused for further keystrokes. */
  static final Duration FRESH = Duration.ofSeconds(5);
  /** Accounts read for one answer, at most (the member's first ones when no account was typed). */
  static final int MAX_ACCOUNTS = 5;

  private final CrossTradeClient client;
  private final AsyncCache<String, List<Position>> positions;
  private final AsyncCache<String, List<Order>> orders;

  Suggestions(CrossTradeClient client, Workers reads) {
    this.client = client;
    this.positions = Caffeine.newBuilder().expireAfterWrite(FRESH).maximumSize(1_000).executor(reads.executor()).buildAsync();
    this.orders = Caffeine.newBuilder().expireAfterWrite(FRESH).maximumSize(1_000).executor(reads.executor()).buildAsync();
  }

  /**
   * @param accounts the accounts to look in (configured spelling)
   * @param typed what the member typed so far
   * @return at most 25 instrument names, open positions first; never fails, completes within {@link #BOUND}
   */
  CompletableFuture<List<Command.Choice>> instruments(List<String> accounts, String typed) {
    List<String> scope = accounts.subList(0, Math.min(accounts.size(), MAX_ACCOUNTS));
    List<CompletableFuture<List<String>>> parts = new ArrayList<>();
    for (String a : scope) {
      parts.add(read(positions, a, () -> nonNull(client.listPositions(a).getPositions())).thenApply(ps -> ps.stream()
          .filter(p -> p.getMarketPosition() != MarketPosition.FLAT).map(Position::getInstrument).toList()));
    }
    for (String a : scope) {
      parts.add(read(orders, a, () -> OrdersCommand.openOrders(client, a)).thenApply(os -> os.stream()
          .map(Order::getInstrument).toList()));
    }
    String t = typed.strip().toLowerCase(Locale.ROOT);
    return bounded(parts).thenApply(lists -> {
      Map<String, Command.Choice> out = new LinkedHashMap<>();
      for (List<String> list : lists) {
        for (String instrument : list) {
          if (instrument != null && !instrument.isBlank() && instrument.length() <= 100
              && instrument.toLowerCase(Locale.ROOT).contains(t)) {
            out.putIfAbsent(instrument.toLowerCase(Locale.ROOT), new Command.Choice(DiscordText.oneLine(instrument, 100), instrument));
          }
        }
      }
      return out.values().stream().limit(25).toList();
    });
  }

  /**
   * @param account the account (configured spelling)
   * @param typed what the member typed so far (matched against id, instrument and side)
   * @return at most 25 working orders: name {@code BUY 1 MES 12-25 Limit L 5990 · 3cba6631}, value the full id;
   *     never fails, completes within {@link #BOUND}
   */
  CompletableFuture<List<Command.Choice>> orders(String account, String typed) {
    String t = typed.strip().toLowerCase(Locale.ROOT);
    return bounded(List.of(read(orders, account, () -> OrdersCommand.openOrders(client, account)))).thenApply(lists -> {
      List<Command.Choice> out = new ArrayList<>();
      for (List<Order> list : lists) {
        for (Order o : list) {
          String name = describe(o);
          if (o.getOrderId().length() <= 100 && (o.getOrderId().toLowerCase(Locale.ROOT).contains(t)
              || name.toLowerCase(Locale.ROOT).contains(t))) {
            out.add(new Command.Choice(name, o.getOrderId()));
          }
        }
      }
      return out.stream().limit(25).toList();
    });
  }

  /**
   * Drops what was read for an account after a trade on it (or for every account after one without an account), so
   * the next keystroke sees the new position or order instead of a read from before the trade.
   *
   * @param account the traded account, or empty for every account
   */
  void forget(java.util.Optional<String> account) {
    if (account.isPresent()) {
      positions.synchronous().invalidate(account.get().toLowerCase(Locale.ROOT));
      orders.synchronous().invalidate(account.get().toLowerCase(Locale.ROOT));
    } else {
      positions.synchronous().invalidateAll();
      orders.synchronous().invalidateAll();
    }
  }

  /** @return one line of at most 100 characters naming an order */
  static String describe(Order o) {
    String price = o.getLimitPrice() != null && o.getLimitPrice() > 0 ? " L " + Prices.format(o.getLimitPrice())
        : o.getStopPrice() != null && o.getStopPrice() > 0 ? " S " + Prices.format(o.getStopPrice()) : "";
    String head = DiscordText.oneLine(o.getOrderAction() + " " + o.getQuantity() + " " + o.getInstrument() + " "
        + o.getOrderType() + price, 85);
    return head + " · " + Tables.shortId(o.getOrderId());
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private interface Read<T> {
    T get();
  }

  private static <T> CompletableFuture<T> read(AsyncCache<String, T> cache, String account, Read<T> read) {
    try {
      return cache.get(account.toLowerCase(Locale.ROOT), (k, executor) -> CompletableFuture.supplyAsync(read::get, executor));
    } catch (RuntimeException e) { // the read pool is full or stopped
      return CompletableFuture.failedFuture(e);
    }
  }

  /** @return the parts that succeeded within {@link #BOUND}, in order; never completes exceptionally */
  private static <T> CompletableFuture<List<T>> bounded(List<CompletableFuture<T>> parts) {
    List<CompletableFuture<T>> safe = parts.stream()
        .map(f -> f.handle((v, e) -> e == null ? v : null).completeOnTimeout(null, BOUND.toMillis(), TimeUnit.MILLISECONDS))
        .toList();
    return CompletableFuture.allOf(safe.toArray(CompletableFuture[]::new))
        .thenApply(x -> safe.stream().map(CompletableFuture::join).filter(v -> v != null).toList());
  }
}
