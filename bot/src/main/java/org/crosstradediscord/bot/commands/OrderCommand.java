package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.rendering.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.client.model.OrderAction;

/**
 * A slash command that sends one order ({@code OrderRequest} of openapi.yaml) with the shared order options:
 * {@link FlatPlaceCommand} and {@link ReverseCommand} say what happens and which SDK call makes it.
 */
abstract class OrderCommand extends SlashCommandBase {
  private final String description;

  OrderCommand(String name, Permission permission, String description) {
    super(name, permission);
    this.description = description;
  }

  /** @return the review card's title, e.g. {@code Flat-place order} */
  abstract String title();

  /** @return what Confirm will do, in plain words */
  abstract String whatHappens(String account, OrderRequest request);

  /** @return the Confirm button's verb label */
  abstract String confirmLabel();

  /** @return true when the upstream refuses the order while the account is flat in the instrument ({@code /reverse}) */
  boolean needsPosition() {
    return false;
  }

  /**
   * Makes the one SDK call.
   *
   * @return the new NT8 order id
   */
  abstract String submit(CrossTradeClient client, String account, OrderRequest request);

  @Override
  public final SlashCommandData definition() {
    return slash(description).addOptions(OrderOptions.definitions());
  }

  @Override
  public final Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Object v = OrderOptions.validate(options, invoker, policy);
    if (v instanceof Prepared p) {
      return p;
    }
    OrderOptions.ValidOrder order = (OrderOptions.ValidOrder) v;
    return new Prepared.Ready(new Action(this, order.account(), order.request()));
  }

  /**
   * An order waiting for confirmation.
   *
   * @param source the command that made it
   * @param account configured account name
   * @param request the order
   */
  record Action(OrderCommand source, String account, OrderRequest request) implements TradeAction {
    @Override
    public String command() {
      return source.name();
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return Set.of(source.permission());
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.of(account);
    }

    @Override
    public Review review() {
      return new Review(source.title(), source.whatHappens(account, request), OrderOptions.fields(account, request),
          source.confirmLabel(), null);
    }

    @Override
    public Optional<PreviewPlan> previewPlan() {
      return Optional.of(Previews.order(account, request, source.needsPosition()));
    }

    @Override
    public Optional<OrderIntent> riskOrder() {
      return Optional.of(new OrderIntent(account, request.getInstrument(), request.getAction() == OrderAction.BUY,
          request.getQuantity(), request.getOrderType().getValue()));
    }

    @Override
    public Map<String, String> auditArgs() {
      return OrderOptions.auditArgs(account, request);
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      return new Outcome(Outcome.Kind.PLACED, List.of(source.submit(client, account, request)), null, null, null);
    }
  }
}
