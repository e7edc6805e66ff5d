package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.text.Prices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.client.RequestRules;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;

/**
 * The order options shared by {@code /flatplace} and {@code /reverse} (the upstream's {@code OrderRequest}):
 * their Discord definitions and their validation and mapping.
 */
final class OrderOptions {
  static final String ACCOUNT = "account";
  static final String INSTRUMENT = "instrument";
  static final String ACTION = "action";
  static final String QUANTITY = "quantity";
  static final String ORDER_TYPE = "order_type";
  static final String TIME_IN_FORCE = "time_in_force";
  static final String LIMIT_PRICE = "limit_price";
  static final String STOP_PRICE = "stop_price";
  static final String OCO_ID = "oco_id";
  static final String STRATEGY = "strategy";

  /** A validated order and the account it goes to. */
  record ValidOrder(String account, OrderRequest request) {}

  private OrderOptions() {}

  static List<OptionData> definitions() {
    return List.of(
        accountOption("NT8 account to trade"),
        instrumentOption(),
        Choices.of(new OptionData(OptionType.STRING, ACTION, "Side of the new order", true), OrderAction.class),
        new OptionData(OptionType.INTEGER, QUANTITY, "Contracts, at least 1", true),
        Choices.of(new OptionData(OptionType.STRING, ORDER_TYPE, "Order type", true), OrderType.class),
        Choices.of(new OptionData(OptionType.STRING, TIME_IN_FORCE, "Time in force", true), TimeInForce.class),
        new OptionData(OptionType.NUMBER, LIMIT_PRICE, "Limit price in instrument points (LIMIT, STOPLIMIT)", false),
        new OptionData(OptionType.NUMBER, STOP_PRICE, "Stop price in instrument points (STOPMARKET, STOPLIMIT)", false),
        new OptionData(OptionType.STRING, OCO_ID, "Create or join the OCO group with this id", false).setMaxLength(100),
        new OptionData(OptionType.STRING, STRATEGY, "ATM strategy template name", false).setMaxLength(100));
  }

  /** @return the required {@code instrument} option, autocompleted from the member's positions and working orders */
  static OptionData instrumentOption() {
    return new OptionData(OptionType.STRING, INSTRUMENT, "Instrument, e.g. MES 12-25", true, true).setMaxLength(100);
  }

  static OptionData accountOption(String description) {
    return new OptionData(OptionType.STRING, ACCOUNT, description, true, true).setMaxLength(100);
  }

  /**
   * @return the valid order, or the rejection/denial to show
   */
  static Object validate(CommandOptions o, Invoker invoker, RolePolicy policy) {
    Problems problems = new Problems();
    OrderRequest r = new OrderRequest();
    r.instrument(o.string(INSTRUMENT).orElse(null));
    r.action(Choices.parse(o, ACTION, OrderAction.class, problems));
    r.quantity(Choices.quantity(o, QUANTITY, problems));
    r.orderType(Choices.parse(o, ORDER_TYPE, OrderType.class, problems));
    r.timeInForce(Choices.parse(o, TIME_IN_FORCE, TimeInForce.class, problems));
    r.limitPrice(Choices.number(o, LIMIT_PRICE, problems));
    r.stopPrice(Choices.number(o, STOP_PRICE, problems));
    r.ocoId(o.string(OCO_ID).orElse(null));
    r.strategy(o.string(STRATEGY).orElse(null));
    problems.addAll(RequestRules.check(r));
    OrderType type = r.getOrderType();
    if (type != null && r.getLimitPrice() != null && type != OrderType.LIMIT && type != OrderType.STOPLIMIT) {
      problems.add(LIMIT_PRICE, "is only used with LIMIT or STOPLIMIT: remove it or change `order_type`");
    }
    if (type != null && r.getStopPrice() != null && type != OrderType.STOPMARKET && type != OrderType.STOPLIMIT) {
      problems.add(STOP_PRICE, "is only used with STOPMARKET or STOPLIMIT: remove it or change `order_type`");
    }
    if (!problems.isEmpty()) {
      return problems.toInvalid();
    }
    Object account = Accounts.resolve(o, invoker, policy);
    if (account instanceof Prepared p) {
      return p;
    }
    return new ValidOrder((String) account, r);
  }

  static List<Review.Field> fields(String account, OrderRequest r) {
    List<Review.Field> f = new ArrayList<>();
    f.add(new Review.Field("Account", account));
    f.add(new Review.Field("Instrument", r.getInstrument()));
    f.add(new Review.Field("Side", r.getAction().getValue()));
    f.add(new Review.Field("Quantity", r.getQuantity() + " contract" + (r.getQuantity() == 1 ? "" : "s")));
    f.add(new Review.Field("Order type", r.getOrderType().getValue()));
    f.add(new Review.Field("Time in force", r.getTimeInForce().getValue()));
    if (r.getLimitPrice() != null) {
      f.add(new Review.Field("Limit price", Prices.format(r.getLimitPrice())));
    }
    if (r.getStopPrice() != null) {
      f.add(new Review.Field("Stop price", Prices.format(r.getStopPrice())));
    }
    if (r.getOcoId() != null) {
      f.add(new Review.Field("OCO id", r.getOcoId()));
    }
    if (r.getStrategy() != null) {
      f.add(new Review.Field("ATM strategy", r.getStrategy()));
    }
    return f;
  }

  static Map<String, String> auditArgs(String account, OrderRequest r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ACCOUNT, account);
    m.put(INSTRUMENT, r.getInstrument());
    m.put(ACTION, r.getAction().getValue());
    m.put(QUANTITY, String.valueOf(r.getQuantity()));
    m.put(ORDER_TYPE, r.getOrderType().getValue());
    m.put(TIME_IN_FORCE, r.getTimeInForce().getValue());
    if (r.getLimitPrice() != null) {
      m.put(LIMIT_PRICE, Prices.format(r.getLimitPrice()));
    }
    if (r.getStopPrice() != null) {
      m.put(STOP_PRICE, Prices.format(r.getStopPrice()));
    }
    if (r.getOcoId() != null) {
      m.put(OCO_ID, r.getOcoId());
    }
    if (r.getStrategy() != null) {
      m.put(STRATEGY, r.getStrategy());
    }
    return m;
  }
}
