package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.bot.text.DiscordText;

/**
 * {@code /reverse account instrument action quantity order_type time_in_force [limit_price] [stop_price]
 * [oco_id] [strategy]}: closes the open position in the instrument, then places the order; the upstream refuses
 * when the account is flat there (SDK {@code reversePosition},
 * {@code POST /v1/api/accounts/{account}/positions/reverseposition}). Needs {@code reverse}.
 */
public final class ReverseCommand extends OrderCommand {
  /** Creates the command. */
  public ReverseCommand() {
    super("reverse", Permission.REVERSE, "Close the open position in the instrument, then place an order (asks to confirm)");
  }

  @Override
  String title() {
    return "Reverse position";
  }

  @Override
  String whatHappens(String account, OrderRequest request) {
    return "Closes the open position in **" + DiscordText.escape(request.getInstrument()) + "** on **"
        + DiscordText.escape(account)
        + "**, then places this order. If the account is flat there, nothing is placed.";
  }

  @Override
  boolean needsPosition() {
    return true;
  }

  @Override
  String confirmLabel() {
    return "Reverse position";
  }

  @Override
  String submit(CrossTradeClient client, String account, OrderRequest request) {
    return client.reversePosition(account, request).getOrderId();
  }
}
