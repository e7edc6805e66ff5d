package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.BoardCard;
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
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.FlattenResponse;
import org.crosstradediscord.client.model.MarketPositionFilter;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;

/**
 * {@code /flatten [account] [instrument] [market_position]}: closes the positions matching all given filters
 * and cancels their orders (SDK {@code flatten} / {@code flattenEverything}, {@code POST /v1/api/positions/flatten}).
 *
 * <p>Needs {@code flatten}. Without {@code account} the flatten reaches every account of the CrossTrade user, so
 * it also needs {@code flatten_everything}; with no filter at all it closes every position and order in every
 * account, and its review card says so in plain words.
 */
public final class FlattenCommand extends SlashCommandBase {
  static final String MARKET_POSITION = "market_position";

  /** Creates the command. */
  public FlattenCommand() {
    super("flatten", Permission.FLATTEN);
  }

  @Override
  public List<ButtonRoute> buttons() {
    return List.of(ButtonRoute.of(BoardCard.FLATTEN, "board button", id -> BoardCard.flattenAccount(id)
        .map(account -> Map.of("account", account))));
  }

  @Override
  public SlashCommandData definition() {
    return slash("Close positions and cancel their orders; no account = every account (asks to confirm)")
        .addOptions(
            new OptionData(OptionType.STRING, OrderOptions.ACCOUNT, "Only this NT8 account (omit: EVERY account)", false, true)
                .setMaxLength(100),
            new OptionData(OptionType.STRING, OrderOptions.INSTRUMENT, "Only this instrument, e.g. MES 12-25", false)
                .setMaxLength(100),
            Choices.of(new OptionData(OptionType.STRING, MARKET_POSITION, "Only long or only short positions", false),
                MarketPositionFilter.class));
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Problems problems = new Problems();
    MarketPositionFilter side = Choices.parse(options, MARKET_POSITION, MarketPositionFilter.class, problems);
    if (!problems.isEmpty()) {
      return problems.toInvalid();
    }
    FlattenRequest filters = new FlattenRequest()
        .instrument(options.string(OrderOptions.INSTRUMENT).orElse(null)).marketPosition(side);
    Optional<String> typed = options.string(OrderOptions.ACCOUNT);
    if (typed.isPresent()) {
      Optional<String> account = policy.resolveAccount(typed.get(), invoker.roleIds());
      if (account.isEmpty()) {
        return new Prepared.Denied(Accounts.denial(typed.get(), invoker, policy));
      }
      filters.account(account.get());
    } else if (!policy.allows(Permission.FLATTEN_EVERYTHING, invoker.roleIds())) {
      return new Prepared.Denied("Without `account`, /flatten reaches EVERY account"
          + (filters.getInstrument() == null && side == null ? " and closes every position and order" : "")
          + ": that needs the `flatten_everything` permission, which none of your roles has."
          + " Give `account` to flatten one account.");
    }
    return new Prepared.Ready(new Action(filters));
  }

  /**
   * A flatten waiting for confirmation.
   *
   * @param filters the filters; no account means every account, no filter at all means everything
   */
  public record Action(FlattenRequest filters) implements TradeAction {
    /** @return true when no filter is set: every position and order in every account */
    public boolean everything() {
      return filters.getAccount() == null && filters.getInstrument() == null && filters.getMarketPosition() == null;
    }

    @Override
    public String command() {
      return "flatten";
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return filters.getAccount() == null ? Set.of(Permission.FLATTEN, Permission.FLATTEN_EVERYTHING)
          : Set.of(Permission.FLATTEN);
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.ofNullable(filters.getAccount());
    }

    @Override
    public Review review() {
      List<Review.Field> fields = new ArrayList<>();
      fields.add(new Review.Field("Account", filters.getAccount() == null ? "EVERY account" : filters.getAccount()));
      fields.add(new Review.Field("Instrument", filters.getInstrument() == null ? "every instrument" : filters.getInstrument()));
      fields.add(new Review.Field("Market position", filters.getMarketPosition() == null ? "long and short"
          : filters.getMarketPosition().getValue()));
      if (everything()) {
        return new Review("FLATTEN EVERYTHING",
            "Closes **EVERY position** and cancels **EVERY order** in **EVERY account** of the CrossTrade user,"
                + " for all instruments.",
            fields, "Flatten EVERYTHING",
            "This is the biggest hammer there is: nothing is filtered. Accounts outside the bot's allowlist are flattened too.");
      }
      String scope = (filters.getMarketPosition() == null ? "every" : "every " + filters.getMarketPosition().getValue())
          + " position" + (filters.getInstrument() == null ? "" : " in **" + DiscordText.escape(filters.getInstrument()) + "**")
          + (filters.getAccount() == null ? " in **EVERY account**" : " on **" + DiscordText.escape(filters.getAccount()) + "**");
      return new Review("Flatten", "Closes " + scope + " and cancels their working orders.", fields, "Flatten",
          filters.getAccount() == null
              ? "No account given: this reaches every account of the CrossTrade user, including accounts outside the bot's allowlist."
              : null);
    }

    @Override
    public Optional<PreviewPlan> previewPlan() {
      return Optional.of(Previews.flatten(filters));
    }

    @Override
    public Map<String, String> auditArgs() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(OrderOptions.ACCOUNT, filters.getAccount() == null ? "*" : filters.getAccount());
      m.put(OrderOptions.INSTRUMENT, filters.getInstrument() == null ? "*" : filters.getInstrument());
      m.put(MARKET_POSITION, filters.getMarketPosition() == null ? "*" : filters.getMarketPosition().getValue());
      return m;
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      FlattenResponse r = everything() ? client.flattenEverything() : client.flatten(filters);
      return new Outcome(Outcome.Kind.FLATTENED, r.getOrderIds(), r.getClosedPositions(), r.getWarning(),
          Outcome.reportedRealized(r.getAdditionalProperties(), r.getClosedPositions()));
    }
  }
}
