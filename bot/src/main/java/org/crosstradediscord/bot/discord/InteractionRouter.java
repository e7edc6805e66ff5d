package org.crosstradediscord.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.commands.SlashCommand;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.AlertCards;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * The bot's Discord side, routing only: JDA's interaction events to one flow each — slash commands to
 * {@link CommandFlow}, Confirm/Cancel clicks to {@link ClickFlow}, buttons that stand for a command (tables, board) to
 * {@link CommandFlow}, autocomplete to {@link AutocompleteFlow}. Runs on JDA's gateway thread and never waits: each
 * flow acknowledges first and works off that thread.
 */
public final class InteractionRouter extends ListenerAdapter {
  /** Interaction steps that wait on the store: at once, waiting at most. */
  static final int STEP_THREADS = 4;
  static final int STEP_QUEUE = 64;

  private final CommandRegistry registry;
  /** The steps that wait on the store (a review card's stored confirmation, a click's claim), never JDA's threads. */
  private final Workers steps = new Workers("interaction-step", STEP_THREADS, STEP_QUEUE);
  private final CommandFlow commands;
  private final ReviewFlow reviews;
  private final ClickFlow clicks;
  private final AutocompleteFlow autocomplete;
  private final @Nullable AlertDeskRun alerts;
  private final @Nullable AlertApprovals approvals;
  private final @Nullable ApprovalClicks secondApprovals;
  private final @Nullable ApprovalExpiry approvalExpiry;
  private final FollowUps followUps;

  /**
   * @param desk the desk's services: pending confirmations, the SDK, the audit log, the halt switch, the trade calls
   *     (bounded; refuses late and shutdown-time trades) and the read threads (answers and autocomplete, apart from
   *     trades); all run off JDA's gateway thread
   * @param registry the slash commands
   * @param policy role and account policy
   * @param limits the per-role limits of the risk-increasing commands
   * @param mode paper (Confirm sends nothing) or live
   * @param claimLease how long a claimed trade may take before another start takes it for dead (the shutdown grace
   *     plus the request timeout)
   * @param alerts the alert desk, or null when {@code alerts} is off (its Approve/Reject clicks are routed here)
   * @param secondPerson the two-person rule's requests, or null when {@code approvals} is off (their Approve/Reject
   *     clicks are routed here)
   */
  InteractionRouter(Desk desk, CommandRegistry registry, RolePolicy policy, LimitGuard limits, TradingMode mode,
      Duration claimLease, @Nullable AlertDeskRun alerts, @Nullable ApprovalDesk secondPerson) {
    this.registry = registry;
    ConfirmationStore store = desk.confirmations();
    CrossTradeClient client = desk.client();
    AuditLog audit = desk.audit();
    TradeCalls calls = desk.calls();
    Workers reads = desk.reads();
    HaltSwitch halt = desk.halt();
    Suggestions suggestions = new Suggestions(client, reads);
    this.reviews = new ReviewFlow(registry, policy, store, client, audit, reads, steps, limits, mode, halt,
        secondPerson == null ? null : secondPerson.config());
    this.commands = new CommandFlow(registry, policy, client, audit, reads, limits, mode, halt, reviews);
    this.followUps = new FollowUps(client, audit, desk.trail().store().unknowns(), Clock.systemUTC());
    TradeExecution execution = new TradeExecution(client, audit, store, calls, limits, mode, halt, suggestions,
        followUps);
    this.clicks = new ClickFlow(store, audit, calls, halt, policy, limits, claimLease, reviews::rebuild, execution, steps,
        secondPerson);
    this.secondApprovals = secondPerson == null ? null : new ApprovalClicks(secondPerson, store, policy, halt, audit,
        calls, execution, reviews::rebuild, new StillAllowed(policy, limits), claimLease, steps);
    this.approvalExpiry = secondPerson == null ? null : new ApprovalExpiry(secondPerson, audit, reviews::rebuild);
    this.autocomplete = new AutocompleteFlow(registry, policy, suggestions);
    this.alerts = alerts;
    this.approvals = alerts == null ? null : new AlertApprovals(alerts.desk(), desk.trail().store().alerts(), policy,
        limits, halt, client, mode, audit, steps, calls, Clock.systemUTC(), claimLease,
        secondPerson == null ? null : secondPerson.config(), followUps);
  }

  /**
   * Stops the alert desk's listener and the expiry sweeps of alerts and requests (idempotent); approvals in flight
   * finish as trades.
   */
  void closeDesks() {
    if (alerts != null) {
      alerts.close();
    }
    if (approvalExpiry != null) {
      approvalExpiry.close();
    }
  }

  /** Starts the alert desk's listener and the expiry sweeps of alerts and requests, when configured. */
  void startDesks() {
    if (approvalExpiry != null) {
      approvalExpiry.start();
    }
    if (alerts != null) {
      alerts.start();
    }
  }

  /** Stops taking interaction steps (those running end at their store deadline). */
  void close() {
    closeDesks();
    steps.close();
    followUps.close();
  }

  /** @return true when no review-card read and no outcome follow-up read is queued or running */
  boolean reviewReadsIdle() {
    return reviews.reviewReadsIdle() && followUps.idle();
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommand command = registry.find(event.getName()).orElse(null);
    if (command == null) {
      return; // not ours
    }
    Member member = event.getMember();
    if (!event.isFromGuild() || member == null) {
      event.replyEmbeds(Cards.notice("Server only", "Trading commands work only inside the trading server."))
          .setEphemeral(true).queue();
      return;
    }
    Invoker invoker = Members.invoker(member);
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionMapping o : event.getOptions()) {
      Object v = o.getType() == OptionType.INTEGER ? (Object) o.getAsLong()
          : o.getType() == OptionType.NUMBER ? (Object) o.getAsDouble() : o.getAsString();
      values.put(o.getName(), v);
      args.put(o.getName(), String.valueOf(v));
    }
    commands.run(event, command, invoker, values, args);
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    // The click's age counts from when Discord created it (its snowflake), not from when this thread got to it: clicks
    // queued behind others are no younger. Bounded to 0..3 s so a skewed clock cannot make a click look younger than
    // it is, nor refuse everything.
    long ageMs = Math.max(0, Math.min(3_000, System.currentTimeMillis() - event.getTimeCreated().toInstant().toEpochMilli()));
    long clickedAt = System.nanoTime() - ageMs * 1_000_000;
    String customId = event.getComponentId();
    Optional<CommandRegistry.ButtonCall> standsFor = registry.button(customId);
    if (standsFor.isPresent()) { // a table row's or the board's button: the command it stands for
      commands.fromButton(event, standsFor.get());
      return;
    }
    if (approvals != null && (customId.startsWith(AlertCards.APPROVE) || customId.startsWith(AlertCards.REJECT))) {
      Member member = event.getMember();
      if (member != null) {
        boolean approve = customId.startsWith(AlertCards.APPROVE);
        approvals.onClick(event, Members.invoker(member), approve, customId.substring(approve
            ? AlertCards.APPROVE.length() : AlertCards.REJECT.length()), clickedAt);
      }
      return;
    }
    if (secondApprovals != null && (customId.startsWith(ApprovalCards.APPROVE)
        || customId.startsWith(ApprovalCards.REJECT))) {
      Member member = event.getMember();
      if (member != null) {
        boolean approve = customId.startsWith(ApprovalCards.APPROVE);
        secondApprovals.onClick(event, Members.invoker(member), approve, customId.substring(approve
            ? ApprovalCards.APPROVE.length() : ApprovalCards.REJECT.length()), clickedAt);
      }
      return;
    }
    boolean confirm = customId.startsWith(Cards.CONFIRM);
    if (!confirm && !customId.startsWith(Cards.CANCEL)) {
      return; // not ours
    }
    Member member = event.getMember();
    if (member == null) {
      event.replyEmbeds(Cards.notice("Server only", "This button works only inside the trading server."))
          .setEphemeral(true).queue();
      return;
    }
    String id = customId.substring(confirm ? Cards.CONFIRM.length() : Cards.CANCEL.length());
    clicks.onClick(event, Members.invoker(member), confirm, id, clickedAt);
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    autocomplete.onAutocomplete(event);
  }
}
