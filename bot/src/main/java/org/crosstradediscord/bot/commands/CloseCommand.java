package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.ViewButtons;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.rendering.Outcome;
import org.crosstradediscord.bot.text.Prices;
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
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.RequestRules;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.ClosedPositionsResponse;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;

/**
 * {@code /close account instrument [quantity] [percent]}: closes the whole position, {@code quantity}
 * contracts, or {@code percent} % of it rounded up (SDK {@code closePosition},
 * {@code POST /v1/api/accounts/{account}/positions/close}; the option's percent 25 is sent as the fraction
 * 0.25). Needs {@code close}.
 */
public final class CloseCommand extends SlashCommandBase {
  static final String QUANTITY = "quantity";
  static final String PERCENT = "percent";

  /** Creates the command. */
  public CloseCommand() {
    super("close", Permission.CLOSE);
  }

  @Override
  public List<ButtonRoute> buttons() {
    return List.of(ButtonRoute.of(ViewButtons.CLOSE, "positions button", id -> ViewButtons.parse(id)
        .filter(t -> t.kind().equals(ViewButtons.CLOSE)).map(t -> Map.of("account", t.account(), "instrument", t.target()))));
  }

  @Override
  public SlashCommandData definition() {
    return slash("Close a position: all of it, some contracts, or a percentage (asks to confirm)")
        .addOptions(
            OrderOptions.accountOption("NT8 account of the position"),
            OrderOptions.instrumentOption(),
            new OptionData(OptionType.INTEGER, QUANTITY, "Contracts to close (omit both to close all)", false),
            new OptionData(OptionType.NUMBER, PERCENT, "Percent of the position to close, above 0 up to 100", false));
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Problems problems = new Problems();
    ClosePositionRequest r = new ClosePositionRequest().instrument(options.string(OrderOptions.INSTRUMENT).orElse(null));
    r.quantity(Choices.quantity(options, QUANTITY, problems));
    Double percent = Choices.number(options, PERCENT, problems);
    if (percent != null) {
      if (!(percent > 0 && percent <= 100)) {
        problems.add(PERCENT, "must be above 0 and at most 100");
      } else {
        r.percent(percent / 100.0);
      }
    }
    if (r.getQuantity() != null && percent != null) {
      problems.add(PERCENT, "cannot be combined with `quantity`: give one or neither");
    }
    problems.addAll(RequestRules.check(r));
    if (!problems.isEmpty()) {
      return problems.toInvalid();
    }
    Object account = Accounts.resolve(options, invoker, policy);
    if (account instanceof Prepared p) {
      return p;
    }
    return new Prepared.Ready(new Action((String) account, r, percent));
  }

  /**
   * A close position waiting for confirmation.
   *
   * @param account configured account name
   * @param request what to close (percent as a fraction)
   * @param percentOption the percent as the member typed it (0–100], or null
   */
  public record Action(String account, ClosePositionRequest request, Double percentOption) implements TradeAction {
    @Override
    public String command() {
      return "close";
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return Set.of(Permission.CLOSE);
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.of(account);
    }

    @Override
    public Review review() {
      String what;
      String amount;
      if (request.getQuantity() != null) {
        amount = request.getQuantity() + " contract" + (request.getQuantity() == 1 ? "" : "s");
        what = "Closes " + amount + " (at most the open quantity) of the position";
      } else if (percentOption != null) {
        amount = Prices.format(percentOption) + "% (rounded up to whole contracts)";
        what = "Closes " + Prices.format(percentOption) + "% of the position, rounded up to whole contracts,";
      } else {
        amount = "the whole position";
        what = "Closes the whole position";
      }
      List<Review.Field> fields = new ArrayList<>();
      fields.add(new Review.Field("Account", account));
      fields.add(new Review.Field("Instrument", request.getInstrument()));
      fields.add(new Review.Field("Closes", amount));
      boolean partial = request.getQuantity() != null || percentOption != null;
      return new Review("Close position",
          what + " in **" + DiscordText.escape(request.getInstrument()) + "** on **" + DiscordText.escape(account)
              + "** with a market order.",
          fields, "Close position",
          partial ? "A partial close does not cancel the position's working orders (stops, targets)." : null);
    }

    @Override
    public Optional<PreviewPlan> previewPlan() {
      return Optional.of(Previews.close(account, request.getInstrument(), request.getQuantity(), request.getPercent()));
    }

    @Override
    public Map<String, String> auditArgs() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(OrderOptions.ACCOUNT, account);
      m.put(OrderOptions.INSTRUMENT, request.getInstrument());
      if (request.getQuantity() != null) {
        m.put(QUANTITY, String.valueOf(request.getQuantity()));
      }
      if (percentOption != null) {
        m.put(PERCENT, Prices.format(percentOption));
      }
      return m;
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      ClosedPositionsResponse r = client.closePosition(account, request);
      return new Outcome(Outcome.Kind.CLOSED, null, r.getClosedPositions(), r.getWarning(),
          Outcome.reportedRealized(r.getAdditionalProperties(), r.getClosedPositions()));
    }
  }
}
