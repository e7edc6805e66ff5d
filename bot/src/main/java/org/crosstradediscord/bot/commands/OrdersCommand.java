package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.bot.rendering.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.rendering.Tables;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.Order;

/**
 * {@code /orders [account]}: the working orders of the accounts the member may use (or of the one given): short
 * order id, instrument, side, quantity, order type, limit/stop price and state (SDK {@code listOrders} per account,
 * which also returns filled and cancelled orders: only {@link #OPEN_STATES} are shown). Read-only, no confirmation.
 * Needs {@code view}; each order gets a Cancel button when the member also has {@code cancel}.
 */
public final class OrdersCommand extends ReadOnlyCommand {
  /**
   * NinjaTrader order states of an order that is still live (lower case): it can fill or be cancelled. The upstream
   * sends NinjaTrader casing; compared case-insensitively.
   */
  public static final Set<String> OPEN_STATES = Set.of("submitted", "accepted", "triggerpending", "working",
      "changepending", "changesubmitted", "partfilled", "cancelpending");

  /** Creates the command. */
  public OrdersCommand() {
    super("orders", Permission.VIEW);
  }

  @Override
  public SlashCommandData definition() {
    return slash("Show your working orders (read-only)")
        .addOptions(optionalAccount("Only this NT8 account (omit: every account you may use)"));
  }

  @Override
  protected ReadAction read(List<String> accounts, Invoker invoker, RolePolicy policy) {
    return new Action(accounts, policy.allows(Permission.CANCEL, invoker.roleIds()));
  }

  /**
   * @param state an upstream order state, or null
   * @return true when the order is still live
   */
  public static boolean isOpen(String state) {
    return state != null && OPEN_STATES.contains(state.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Reads the live orders of one account.
   *
   * @param client the SDK
   * @param account configured account name
   * @return its live orders, with the account in the configured spelling
   */
  public static List<Order> openOrders(CrossTradeClient client, String account) {
    List<Order> all = client.listOrders(account).getOrders();
    List<Order> out = new ArrayList<>();
    for (Order o : all == null ? List.<Order>of() : all) {
      if (isOpen(o.getOrderState()) && o.getOrderId() != null && !o.getOrderId().isBlank()) {
        out.add(o.account(account));
      }
    }
    return out;
  }

  /**
   * The reads of one {@code /orders}.
   *
   * @param accounts configured account names, each one the member may use
   * @param cancelButtons whether to offer a Cancel button per order
   */
  public record Action(List<String> accounts, boolean cancelButtons) implements ReadAction {
    /** Copies the list. */
    public Action {
      accounts = List.copyOf(accounts);
    }

    @Override
    public String command() {
      return "orders";
    }

    @Override
    public Map<String, String> auditArgs() {
      return ReadAction.accountsArg(accounts);
    }

    @Override
    public Answer read(CrossTradeClient client) {
      List<Order> orders = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      CrossTradeException first = null;
      for (String account : accounts) {
        try {
          orders.addAll(openOrders(client, account));
        } catch (CrossTradeException e) {
          first = first == null ? e : first;
          problems.add(account + ": " + FailureWords.summary(e));
        }
      }
      if (first != null && problems.size() == accounts.size()) {
        throw first; // nothing could be read: a failure card with the upstream's words
      }
      return Tables.orders(orders, accounts, problems, cancelButtons);
    }
  }
}
