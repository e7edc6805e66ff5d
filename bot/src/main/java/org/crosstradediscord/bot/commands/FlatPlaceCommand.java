package org.crosstradediscord.bot.commands;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.OrderRequest;

/**
 * {@code /flatplace account instrument action quantity order_type time_in_force [limit_price] [stop_price]
 * [oco_id] [strategy]}: closes any position in the instrument, then places the order (SDK
 * {@code flatPlaceOrder}, {@code POST /v1/api/accounts/{account}/orders/flatplace}). Needs {@code flatplace}.
 */
public final class FlatPlaceCommand implements TradingCommand {
  @Override
  public String name() {
    return "flatplace";
  }

  @Override
  public Permission permission() {
    return Permission.FLATPLACE;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash(name(), "Close any position in the instrument, then place an order (asks to confirm)")
        .setContexts(InteractionContextType.GUILD)
        .addOptions(OrderOptions.definitions());
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Object v = OrderOptions.validate(options, invoker, policy);
    if (v instanceof Prepared p) {
      return p;
    }
    OrderOptions.ValidOrder order = (OrderOptions.ValidOrder) v;
    return new Prepared.Ready(new Action(order.account(), order.request()));
  }

  /**
   * A flat-place order waiting for confirmation.
   *
   * @param account configured account name
   * @param request the order
   */
  public record Action(String account, OrderRequest request) implements TradeAction {
    @Override
    public String command() {
      return "flatplace";
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return Set.of(Permission.FLATPLACE);
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.of(account);
    }

    @Override
    public Review review() {
      return new Review("Flat-place order",
          "Closes any open position in **" + request.getInstrument() + "** on **" + account
              + "**, then places this order.",
          OrderOptions.fields(account, request), "Place order", null);
    }

    @Override
    public Map<String, String> auditArgs() {
      return OrderOptions.auditArgs(account, request);
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      return new Outcome(java.util.List.of(client.flatPlaceOrder(account, request).getOrderId()), null, null);
    }
  }
}
