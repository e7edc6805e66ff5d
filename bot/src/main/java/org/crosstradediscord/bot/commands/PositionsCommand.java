package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.bot.rendering.Answer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.rendering.Tables;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.model.Account;
import org.crosstradediscord.client.model.MarketPosition;
import org.crosstradediscord.client.model.Position;

/**
 * {@code /positions [account]}: the open positions of the accounts the member may use (or of the one given), with
 * average and market price and unrealized P&amp;L, and per account the realized and unrealized P&amp;L (SDK
 * {@code listPositions} for one account, {@code getAllPositions} filtered to the member's accounts for several, and
 * {@code getAccount} per account). Read-only, no confirmation. Needs {@code view}; each row gets a Close button when
 * the member also has {@code close}.
 */
public final class PositionsCommand extends ReadOnlyCommand {
  /** Creates the command. */
  public PositionsCommand() {
    super("positions", Permission.VIEW);
  }

  @Override
  public SlashCommandData definition() {
    return slash("Show your open positions and P&L (read-only)")
        .addOptions(optionalAccount("Only this NT8 account (omit: every account you may use)"));
  }

  @Override
  protected ReadAction read(List<String> accounts, Invoker invoker, RolePolicy policy) {
    return new Action(accounts, policy.allows(Permission.CLOSE, invoker.roleIds()));
  }

  /**
   * The reads of one {@code /positions}.
   *
   * @param accounts configured account names, each one the member may use
   * @param closeButtons whether to offer a Close button per position
   */
  public record Action(List<String> accounts, boolean closeButtons) implements ReadAction {
    /** Copies the list. */
    public Action {
      accounts = List.copyOf(accounts);
    }

    @Override
    public String command() {
      return "positions";
    }

    @Override
    public Map<String, String> auditArgs() {
      return ReadAction.accountsArg(accounts);
    }

    @Override
    public Answer read(CrossTradeClient client) {
      List<Position> raw = accounts.size() == 1 ? client.listPositions(accounts.get(0)).getPositions()
          : client.getAllPositions(false).getPositions();
      List<Position> open = new ArrayList<>();
      for (Position p : raw == null ? List.<Position>of() : raw) {
        String account = configured(p.getAccount(), accounts.size() == 1 ? accounts.get(0) : null);
        if (account == null || p.getMarketPosition() == MarketPosition.FLAT
            || (p.getQuantity() != null && p.getQuantity() == 0)) {
          continue; // another account's (never shown), or flat
        }
        open.add(p.account(account));
      }
      open.sort(Comparator.<Position>comparingInt(p -> accounts.indexOf(p.getAccount()))
          .thenComparing(p -> String.valueOf(p.getInstrument())));
      List<Tables.AccountSummary> summaries = new ArrayList<>();
      for (String account : accounts) {
        try {
          Account a = client.getAccount(account);
          summaries.add(a.getItem() == null ? new Tables.AccountSummary(account, null, null, "CrossTrade sent no account values")
              : new Tables.AccountSummary(account, a.getItem().getRealizedProfitLoss(), a.getItem().getUnrealizedProfitLoss(), null));
        } catch (CrossTradeException e) {
          summaries.add(new Tables.AccountSummary(account, null, null,
              FailureWords.summary(e)));
        }
      }
      return Tables.positions(open, summaries, closeButtons);
    }

    /** @return the configured spelling of the upstream's account name when it is one read here, else null */
    private String configured(String upstream, String only) {
      if (upstream == null) {
        return only; // a one-account read: the upstream may omit the account
      }
      String wanted = upstream.strip().toLowerCase(Locale.ROOT);
      return accounts.stream().filter(a -> a.toLowerCase(Locale.ROOT).equals(wanted)).findFirst().orElse(null);
    }
  }
}
