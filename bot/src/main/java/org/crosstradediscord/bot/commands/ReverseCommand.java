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
 * {@code /reverse account instrument action quantity order_type time_in_force [limit_price] [stop_price]
 * [oco_id] [strategy]}: closes the open position in the instrument, then places the order; the upstream refuses when flat (SDK
 * {@code reversePosition}, {@code POST /v1/api/accounts/{account}/positions/reverseposition}). Needs {@code reverse}.
 */
public final class ReverseCommand implements TradingCommand {
  @Override
  public String name() {
    return "reverse";
  }

  @Override
  public Permission permission() {
    return Permission.REVERSE;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash(name(), "Close the open position in the instrument, then place an order (asks to confirm)")
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
   * A reverse position waiting for confirmation.
   *
   * @param account configured account name
   * @param request the order
   */
  public record Action(String account, OrderRequest request) implements TradeAction {
    @Override
    public String command() {
      return "reverse";
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return Set.of(Permission.REVERSE);
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.of(account);
    }

    @Override
    public Review review() {
      return new Review("Reverse position",
          "Closes the open position in **" + request.getInstrument() + "** on **" + account
              + "**, then places this order. If the account is flat there, nothing is placed.",
          OrderOptions.fields(account, request), "Reverse position", null);
    }

    @Override
    public Map<String, String> auditArgs() {
      return OrderOptions.auditArgs(account, request);
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      return new Outcome(java.util.List.of(client.reversePosition(account, request).getOrderId()), null, null);
    }
  }
}
