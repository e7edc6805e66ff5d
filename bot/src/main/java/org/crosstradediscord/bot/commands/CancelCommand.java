package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.ViewButtons;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.rendering.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.RequestRules;
import org.crosstradediscord.client.model.OrderIdResponse;

/**
 * {@code /cancel account order_id}: cancels one working order after confirmation (SDK {@code cancelOrder},
 * {@code POST /v1/api/accounts/{account}/orders/{orderId}/cancel}; a POST, never re-sent). {@code order_id}
 * autocompletes from that account's working orders. Needs {@code cancel}.
 */
public final class CancelCommand extends SlashCommandBase {
  static final String ORDER_ID = "order_id";

  /** Creates the command. */
  public CancelCommand() {
    super("cancel", Permission.CANCEL);
  }

  @Override
  public List<ButtonRoute> buttons() {
    return List.of(ButtonRoute.of(ViewButtons.CANCEL, "orders button", id -> ViewButtons.parse(id)
        .filter(t -> t.kind().equals(ViewButtons.CANCEL)).map(t -> Map.of("account", t.account(), "order_id", t.target()))));
  }

  @Override
  public SlashCommandData definition() {
    return slash("Cancel one working order (asks to confirm)")
        .addOptions(
            OrderOptions.accountOption("NT8 account of the order"),
            new OptionData(OptionType.STRING, ORDER_ID, "The order's full id (pick one of the suggestions)", true, true)
                .setMaxLength(100));
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Problems problems = new Problems();
    String orderId = options.string(ORDER_ID).orElse(null);
    problems.addAll(RequestRules.checkOrderId(orderId));
    if (!problems.isEmpty()) {
      return problems.toInvalid();
    }
    Object account = requiredAccount(options, invoker, policy);
    if (account instanceof Prepared p) {
      return p;
    }
    return new Prepared.Ready(new Action((String) account, orderId));
  }

  /**
   * A cancel waiting for confirmation.
   *
   * @param account configured account name
   * @param orderId the NT8 order id, as given
   */
  public record Action(String account, String orderId) implements TradeAction {
    @Override
    public String command() {
      return "cancel";
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return Set.of(Permission.CANCEL);
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.of(account);
    }

    @Override
    public Review review() {
      List<Review.Field> fields = new ArrayList<>();
      fields.add(new Review.Field("Account", account));
      fields.add(new Review.Field("Order id", orderId));
      return new Review("Cancel order", "Cancels the working order `" + DiscordText.inCode(orderId, 100) + "` on **"
          + DiscordText.escape(account) + "**. An order that already filled or was cancelled is refused by CrossTrade"
          + " and nothing changes.", fields, "Cancel order", null);
    }

    @Override
    public Map<String, String> auditArgs() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(OrderOptions.ACCOUNT, account);
      m.put(ORDER_ID, orderId);
      return m;
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      OrderIdResponse r = client.cancelOrder(account, orderId);
      return new Outcome(r.getOrderId() == null ? List.of(orderId) : List.of(r.getOrderId()), null, null);
    }
  }
}
