package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.bot.text.DiscordText;

/**
 * {@code /flatplace account instrument action quantity order_type time_in_force [limit_price] [stop_price]
 * [oco_id] [strategy]}: closes any position in the instrument, then places the order (SDK
 * {@code flatPlaceOrder}, {@code POST /v1/api/accounts/{account}/orders/flatplace}). Needs {@code flatplace}.
 */
public final class FlatPlaceCommand extends OrderCommand {
  /** Creates the command. */
  public FlatPlaceCommand() {
    super("flatplace", Permission.FLATPLACE, "Close any position in the instrument, then place an order (asks to confirm)");
  }

  @Override
  String title() {
    return "Flat-place order";
  }

  @Override
  String whatHappens(String account, OrderRequest request) {
    return "Closes any open position in **" + DiscordText.escape(request.getInstrument()) + "** on **"
        + DiscordText.escape(account) + "**, then places this order.";
  }

  @Override
  String confirmLabel() {
    return "Place order";
  }

  @Override
  String submit(CrossTradeClient client, String account, OrderRequest request) {
    return client.flatPlaceOrder(account, request).getOrderId();
  }
}
