package org.crosstradediscord.bot.commands;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.rendering.Answer;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.SessionReportCard;
import org.crosstradediscord.bot.report.SessionReader;
import org.crosstradediscord.bot.risk.TradingSession;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * {@code /report [account] [date]}: the session report of the board's accounts the member may use (or of the one
 * given) for a trading day ({@code YYYY-MM-DD}, the local date a session ends on; default: the session in progress, up
 * to now), as an ephemeral answer with the chart. Read-only: reads the store only, no CrossTrade call. Needs
 * {@code view}. Registered only with {@code board} (the samples are the board's accounts').
 */
public final class ReportCommand extends SlashCommandBase {
  /** The option naming the trading day. */
  static final String DATE = "date";

  private final SessionReader reader;
  private final List<String> boardAccounts;
  private final Clock clock;

  /**
   * @param reader reads a stored session (samples, audit trail)
   * @param boardAccounts {@code board.accounts}: the accounts with samples (1 to 10)
   * @param clock the time (the current session)
   */
  public ReportCommand(SessionReader reader, List<String> boardAccounts, Clock clock) {
    super("report", Permission.VIEW);
    this.reader = reader;
    this.boardAccounts = List.copyOf(boardAccounts);
    this.clock = clock;
  }

  @Override
  public SlashCommandData definition() {
    return slash("Show a session's P&L report with its chart (read-only)").addOptions(
        new OptionData(OptionType.STRING, OrderOptions.ACCOUNT, "Only this NT8 account (omit: every board account you"
            + " may use)", false, true).setMaxLength(100),
        new OptionData(OptionType.STRING, DATE, "Trading day YYYY-MM-DD, the date the session ends (omit: the current"
            + " one)", false).setMaxLength(10));
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Instant now = clock.instant();
    TradingSession current = reader.schedule().current(now);
    TradingSession session = current;
    Optional<String> date;
    try {
      date = options.string(DATE);
    } catch (CommandOptions.OptionException e) {
      return new Prepared.Invalid(List.of("`date` must be a trading day as YYYY-MM-DD, e.g. " + current.day()));
    }
    if (date.isPresent()) {
      String d = date.get().strip();
      LocalDate day;
      try {
        day = d.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}") ? LocalDate.parse(d) : null;
      } catch (DateTimeParseException e) {
        day = null;
      }
      if (day == null) {
        return new Prepared.Invalid(List.of("`date` must be a trading day as YYYY-MM-DD, e.g. " + current.day()
            + " (got `" + DiscordText.inCode(d, 20) + "`)"));
      }
      if (day.isAfter(current.day())) {
        return new Prepared.Invalid(List.of("`date` " + day + " has not begun: the current session is " + current.day()));
      }
      session = reader.schedule().ofDay(day);
    }
    Object scope = accountsInScope(options, invoker, policy);
    if (scope instanceof Prepared p) {
      return p;
    }
    @SuppressWarnings("unchecked")
    List<String> mine = (List<String>) scope;
    List<String> accounts = boardAccounts.stream().filter(b -> mine.stream().anyMatch(b::equalsIgnoreCase)).toList();
    if (accounts.isEmpty()) {
      return options.string(OrderOptions.ACCOUNT).isPresent()
          ? new Prepared.Invalid(List.of("`account` " + DiscordText.escape(mine.get(0), 100) + " has no session"
              + " reports: they cover the desk board's accounts (" + DiscordText.escape(String.join(", ",
                  boardAccounts), 300) + ")"))
          : new Prepared.Denied("None of the desk board's accounts is one your roles may use.");
    }
    return new Prepared.Read(new Action(reader, accounts, session, now.isBefore(session.end()) ? now : session.end()));
  }

  /**
   * The reads of one {@code /report}: the store only.
   *
   * @param reader reads the session
   * @param accounts the board accounts to show (the member may use each)
   * @param session the session
   * @param until the end of what is covered (now for the session in progress)
   */
  record Action(SessionReader reader, List<String> accounts, TradingSession session, Instant until)
      implements ReadAction {
    @Override
    public String command() {
      return "report";
    }

    @Override
    public Map<String, String> auditArgs() {
      Map<String, String> m = new LinkedHashMap<>(ReadAction.accountsArg(accounts));
      m.put(DATE, session.day().toString());
      return m;
    }

    @Override
    public Answer read(CrossTradeClient client) {
      try {
        return SessionReportCard.answer(reader.read(accounts, session, until));
      } catch (StoreException e) {
        return new Answer(Cards.notice("Could not read: Report", "The bot's database did not answer, so the stored"
            + " session cannot be shown now. Nothing was changed; try again shortly."), List.of());
      }
    }
  }
}
