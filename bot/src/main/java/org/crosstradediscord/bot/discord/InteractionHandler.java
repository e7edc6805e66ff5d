package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.CommandOptions;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.commands.ControlAction;
import org.crosstradediscord.bot.commands.Prepared;
import org.crosstradediscord.bot.commands.ReadAction;
import org.crosstradediscord.bot.commands.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.commands.TradingCommand;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.PendingAction;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.BoardCard;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.DiscordText;
import org.crosstradediscord.bot.rendering.Tables;
import org.crosstradediscord.bot.rendering.ViewButtons;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Discord side: slash command → role check → validation → ephemeral review card with Confirm/Cancel;
 * Confirm click → invoker check → single-use claim → role re-check → buttons disabled at once → one SDK call off
 * the gateway thread → the card replaced by the result. Autocomplete offers the member's accounts.
 *
 * <p>Everything the member sees is ephemeral. Every step is audited. Discord's 3 s rule: the only work before
 * each first response is in-memory validation; the SDK call happens after the acknowledgement.
 */
public final class InteractionHandler extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(InteractionHandler.class);
  /** Interaction steps that wait on the store: at once, waiting at most. */
  static final int STEP_THREADS = 4;
  static final int STEP_QUEUE = 64;

  private final CommandRegistry registry;
  private final RolePolicy policy;
  private final ConfirmationStore store;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final Workers reads;
  /** The steps that wait on the store (a review card's stored confirmation, a click's claim), never JDA's threads. */
  private final Workers steps = new Workers("interaction-step", STEP_THREADS, STEP_QUEUE);
  private final Suggestions suggestions;
  private final ReviewReads reviewReads;
  private final LimitGuard limits;
  private final TradingMode mode;
  private final HaltSwitch halt;
  private final ClickFlow clicks;

  /**
   * @param registry the slash commands
   * @param policy role and account policy
   * @param store pending confirmations
   * @param client the CrossTrade SDK
   * @param audit audit log
   * @param calls runs SDK calls off JDA's gateway thread (bounded; refuses late and shutdown-time trades)
   * @param reads runs the read-only calls (answers and autocomplete) off the gateway thread, apart from trades
   * @param limits the per-role limits of the risk-increasing commands
   * @param mode paper (Confirm sends nothing) or live
   * @param halt the halt switch: risk-increasing commands are refused while halted (typed, at the click, at the wire)
   * @param claimLease how long a claimed trade may take before another start takes it for dead (the shutdown grace)
   */
  InteractionHandler(CommandRegistry registry, RolePolicy policy, ConfirmationStore store,
      CrossTradeClient client, AuditLog audit, TradeCalls calls, Workers reads, LimitGuard limits, TradingMode mode,
      HaltSwitch halt, Duration claimLease) {
    this.halt = halt;
    this.registry = registry;
    this.policy = policy;
    this.store = store;
    this.client = client;
    this.audit = audit;
    this.reads = reads;
    this.suggestions = new Suggestions(client, reads);
    this.reviewReads = new ReviewReads(client);
    this.limits = limits;
    this.mode = mode;
    TradeExecution execution = new TradeExecution(client, audit, store, calls, limits, mode, halt, suggestions);
    this.clicks = new ClickFlow(store, audit, calls, halt, policy, limits, claimLease, this::rebuild, execution, steps);
  }

  /** Stops taking interaction steps (those running end at their store deadline). */
  void close() {
    steps.close();
  }


  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    TradingCommand command = registry.find(event.getName()).orElse(null);
    if (command == null) {
      return; // not ours
    }
    Member member = event.getMember();
    if (!event.isFromGuild() || member == null) {
      event.replyEmbeds(Cards.notice("Server only", "Trading commands work only inside the trading server."))
          .setEphemeral(true).queue();
      return;
    }
    Invoker invoker = invoker(member);
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionMapping o : event.getOptions()) {
      Object v = o.getType() == OptionType.INTEGER ? (Object) o.getAsLong()
          : o.getType() == OptionType.NUMBER ? (Object) o.getAsDouble() : o.getAsString();
      values.put(o.getName(), v);
      args.put(o.getName(), String.valueOf(v));
    }
    run(event, command, invoker, values, args);
  }

  /**
   * One command for one member, typed or from a table button: audit, role check, option checks, then an ephemeral
   * review card (trades: Confirm/Cancel, what it affects read afterwards) or a deferred answer (reads). Nothing is
   * sent to CrossTrade here except a read-only command's GETs.
   */
  private void run(IReplyCallback event, TradingCommand command, Invoker invoker, Map<String, Object> values,
      Map<String, String> args) {
    audit(new AuditEvent("command", invoker.userId(), invoker.userName(), command.name(), args, "received", null, -1));

    if (!policy.allows(command.permission(), invoker.roleIds())) {
      audit(new AuditEvent("denied", invoker.userId(), invoker.userName(), command.name(), args,
          "no role grants " + command.permission().key(), null, -1));
      event.replyEmbeds(Cards.notice("Not allowed", "None of your roles may run `/" + command.name()
          + "`. Ask a server admin if you should.")).setEphemeral(true).queue();
      return;
    }
    String halted = halt.refusal(command.name()); // halt: refused before any check that could call upstream
    if (halted != null) {
      audit(new AuditEvent("refused", invoker.userId(), invoker.userName(), command.name(), args, "trading is halted", null, -1));
      event.replyEmbeds(Cards.notice("Trading is halted", halted + "\nNothing was sent.")).setEphemeral(true).queue();
      return;
    }
    Prepared prepared;
    try {
      prepared = command.prepare(new CommandOptions(values), invoker, policy);
    } catch (RuntimeException e) {
      log.error("/{} failed while checking its options", command.name(), e);
      audit(new AuditEvent("invalid", invoker.userId(), invoker.userName(), command.name(), args,
          "internal error " + e.getClass().getSimpleName(), null, -1));
      event.replyEmbeds(Cards.notice("Something went wrong", "The bot failed while checking your options. Nothing was sent."))
          .setEphemeral(true).queue();
      return;
    }
    if (prepared instanceof Prepared.Invalid invalid) {
      audit(new AuditEvent("invalid", invoker.userId(), invoker.userName(), command.name(), args,
          String.join("; ", invalid.problems()), null, -1));
      event.replyEmbeds(Cards.notice("Check your options", "Nothing was sent.\n- "
          + String.join("\n- ", invalid.problems()))).setEphemeral(true).queue();
    } else if (prepared instanceof Prepared.Denied denied) {
      audit(new AuditEvent("denied", invoker.userId(), invoker.userName(), command.name(), args, denied.reason(), null, -1));
      event.replyEmbeds(Cards.notice("Not allowed", denied.reason() + "\nNothing was sent.")).setEphemeral(true).queue();
    } else if (prepared instanceof Prepared.Ready ready) {
      OrderIntent order = ready.action().riskOrder().orElse(null);
      String broken = order == null ? null : limits.check(invoker.roleIds(), order).orElse(null);
      if (broken != null) {
        limitDenied(event.getHook(), invoker, ready.action(), broken, false);
        event.replyEmbeds(Cards.notice("Not allowed", broken + "\nNothing was sent.")).setEphemeral(true).queue();
      } else {
        prepareReview(event, invoker, ready.action(), order, recipe(command, values));
      }
    } else if (prepared instanceof Prepared.Read read) {
      answer(event, invoker, read.action());
    } else if (prepared instanceof Prepared.Control control) {
      control(event, invoker, control.action());
    }
  }

  /**
   * {@code /halt}, {@code /resume} and the board's Halt button: applied at once on this thread (memory only), then the
   * reply is deferred and edited with the answer when the store confirmed the change or gave up (about 1 s at most).
   * Never queued behind CrossTrade reads, trades or other interactions.
   */
  private void control(IReplyCallback event, Invoker invoker, ControlAction action) {
    CompletableFuture<MessageEmbed> atOnce = action.applyAtOnce() ? action.apply() : null;
    event.deferReply(true).queue(hook -> (atOnce != null ? atOnce : action.apply()).whenComplete((embed, err) -> {
      MessageEmbed shown = embed != null ? embed : Cards.notice("Something went wrong", "The bot failed while applying"
          + " /" + action.command() + "; check the bot's presence and the audit channel for the state.");
      if (err != null) {
        log.error("/{} failed", action.command(), err);
      }
      audit(new AuditEvent("result", invoker.userId(), invoker.userName(), action.command(), action.auditArgs(),
          err != null ? "internal error " + err.getClass().getSimpleName() : shown.getTitle(), null, -1));
      hook.editOriginalEmbeds(shown).queue(ok -> { }, e -> log.warn("could not answer /{}: {}", action.command(), e.toString()));
    }), err -> log.warn("could not defer /{}: {}", action.command(), err.toString()));
  }

  /**
   * A confirmed command's review card: the reply is deferred at once (Discord's 3 s rule), then, off JDA's threads,
   * the halt is checked again with a fresh store read (another replica's halt), {@code max_position} is checked when
   * a limit needs it (the position read on the read threads, bounded by the request timeout; a position that cannot
   * be read refuses the order), the pending confirmation is stored, and the reply becomes the card.
   */
  private void prepareReview(IReplyCallback event, Invoker invoker, TradeAction ready, OrderIntent order,
      ConfirmationStore.Recipe recipe) {
    event.deferReply(true).queue(hook -> {
      boolean queued = steps.submit(() -> {
        try {
          reviewSteps(hook, invoker, ready, order, recipe);
        } catch (RuntimeException e) { // never left "thinking…": the member reads that nothing was sent
          log.error("/{} failed while preparing its review card", ready.command(), e);
          audit(new AuditEvent("refused", invoker.userId(), invoker.userName(), ready.command(), ready.auditArgs(),
              "internal error " + e.getClass().getSimpleName(), null, -1));
          hook.editOriginalEmbeds(Cards.notice("Something went wrong", "The bot failed while preparing the review card."
              + " Nothing was sent; run the command again.")).queue(ok -> { }, err -> { });
        }
      });
      if (!queued) {
        audit(new AuditEvent("refused", invoker.userId(), invoker.userName(), ready.command(), ready.auditArgs(),
            "the bot is busy or stopping", null, -1));
        hook.editOriginalEmbeds(Cards.notice("Busy", "The bot is busy or shutting down. Nothing was sent; try again"
            + " shortly.")).queue(ok -> { }, err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
      }
    }, err -> log.warn("could not defer /{}: {}", ready.command(), err.toString()));
  }

  /** The review card's steps off JDA's thread: the fresh halt check, {@code max_position} if needed, the card. */
  private void reviewSteps(InteractionHook hook, Invoker invoker, TradeAction ready, OrderIntent order,
      ConfirmationStore.Recipe recipe) {
    String halted = halt.refusalFresh(ready.command());
    if (halted != null) {
      audit(new AuditEvent("refused", invoker.userId(), invoker.userName(), ready.command(), ready.auditArgs(),
          "trading is halted", null, -1));
      hook.editOriginalEmbeds(Cards.notice("Trading is halted", halted + "\nNothing was sent.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
    } else if (order != null && limits.needsPosition(invoker.roleIds())) {
      reviewAfterPositionCheck(hook, invoker, ready, order, recipe);
    } else {
      review(hook, invoker, ready, recipe);
    }
  }

  /**
   * Puts the action in the store and sends its review card (by {@code send}); what it affects is read after the
   * card went out and edited in.
   */
  private void review(InteractionHook hook, Invoker invoker, TradeAction ready, ConfirmationStore.Recipe recipe) {
    ReviewedAction action = new ReviewedAction(ready, mode == TradingMode.PAPER);
    PendingAction pending;
    try {
      pending = store.put(invoker, action, recipe, () -> expired(hook, invoker, action));
    } catch (StoreException e) {
      // A card whose Confirm could not be claimed reliably (restart, replicas) is not shown at all.
      log.warn("/{}: the pending confirmation could not be stored: {}", ready.command(), DiscordText.oneLine(e.getMessage()));
      audit(new AuditEvent("refused", invoker.userId(), invoker.userName(), ready.command(), ready.auditArgs(),
          "storage unavailable", null, -1));
      hook.editOriginalEmbeds(Cards.notice("Storage unavailable", "The bot cannot record this confirmation right now, so"
          + " it shows no Confirm button. Nothing was sent; try again shortly.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
      return;
    }
    Review review = action.review();
    Optional<PreviewPlan> plan = action.previewPlan();
    // The card goes out at once (Discord's 3 s rule); what it affects is read afterwards and edited in.
    hook.editOriginalEmbeds(Cards.review(review, store.timeout(), plan.map(p -> List.of(p.subject() + ": reading…"))
            .orElse(List.of()))).setComponents(Cards.buttons(pending.id(), review.confirmLabel(), false))
        .queue(ok -> plan.ifPresent(p -> showPreview(hook, pending.id(), action, p)), err -> {
          store.discard(pending.id());
          log.warn("review card for /{} could not be sent: {}", action.command(), err.toString());
        });
  }

  /**
   * {@code max_position}: the current position is read on the read threads (bounded by the request timeout), then
   * the deferred reply becomes the refusal or the review card. A position that cannot be read refuses the order.
   */
  private void reviewAfterPositionCheck(InteractionHook hook, Invoker invoker, TradeAction ready, OrderIntent order,
      ConfirmationStore.Recipe recipe) {
    boolean queued = reads.submit(() -> {
      String broken;
      try {
        broken = limits.checkPosition(invoker.roleIds(), order,
            (account, instrument) -> TradeExecution.signedPosition(client, account, instrument)).orElse(null);
      } catch (RuntimeException e) {
        log.error("/{}: the max_position check failed", ready.command(), e);
        broken = "Limit `max_position` could not be checked (internal error). Try again.";
      }
      if (broken != null) {
        limitDenied(hook, invoker, ready, broken, true);
      } else {
        review(hook, invoker, ready, recipe);
      }
    });
    if (!queued) {
      limitDenied(hook, invoker, ready, "Limit `max_position` could not be checked: the bot is busy or stopping."
          + " Try again shortly.", true);
    }
  }

  /** Audits a limit refusal and, when {@code edit}, shows it on the (deferred) reply. */
  private void limitDenied(InteractionHook hook, Invoker invoker, TradeAction action, String why, boolean edit) {
    audit(new AuditEvent("denied", invoker.userId(), invoker.userName(), action.command(), action.auditArgs(), why, null, -1));
    if (edit) {
      hook.editOriginalEmbeds(Cards.notice("Not allowed", why + "\nNothing was sent.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
    }
  }

  /**
   * A read-only command: defer the (ephemeral) reply at once — Discord's 3 s rule — then read off the gateway thread
   * (each SDK call bounded by the request timeout) and edit the reply with the answer or a failure card.
   */
  private void answer(IReplyCallback event, Invoker invoker, ReadAction action) {
    event.deferReply(true).queue(hook -> {
      if (!reads.submit(() -> read(hook, invoker, action))) {
        audit(new AuditEvent("result", invoker.userId(), invoker.userName(), action.command(), action.auditArgs(),
            "not read: the bot is busy or stopping", null, -1));
        hook.editOriginalEmbeds(Cards.notice("Busy", "The bot is busy or shutting down; nothing was read. Try again shortly."))
            .queue(ok -> { }, err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
      }
    }, err -> log.warn("could not defer /{}: {}", action.command(), err.toString()));
  }

  private void read(InteractionHook hook, Invoker invoker, ReadAction action) {
    long start = System.nanoTime();
    String result;
    MessageEmbed embed;
    List<net.dv8tion.jda.api.components.actionrow.ActionRow> rows = List.of();
    String what = action.command().substring(0, 1).toUpperCase(Locale.ROOT) + action.command().substring(1);
    try {
      ReadAction.Answer answer = action.read(client);
      embed = answer.embed();
      rows = answer.rows();
      result = "ok";
    } catch (CrossTradeException e) {
      result = e.getClass().getSimpleName() + ": " + e.getMessage();
      embed = Tables.readFailure(what, e);
    } catch (InvalidRequestException e) {
      result = "refused before sending: " + e.getMessage();
      embed = Cards.notice("Could not read: " + what, "The read broke a rule: " + Violation.describe(e.violations())
          + "\nNothing was sent.");
    } catch (RuntimeException | Error e) {
      log.error("unexpected failure answering /{}", action.command(), e);
      result = "internal error " + e.getClass().getSimpleName();
      embed = Cards.notice("Could not read: " + what, "The bot failed while reading. Nothing was changed; try again.");
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    audit(new AuditEvent("result", invoker.userId(), invoker.userName(), action.command(), action.auditArgs(), result, null, ms));
    hook.editOriginalEmbeds(embed).setComponents(rows).queue(ok -> { },
        err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
  }

  /**
   * A Close button of {@code /positions} or a Cancel button of {@code /orders}: runs {@code /close} or {@code /cancel}
   * for that row as if the clicker had typed it — role and account checks with the click's roles, then a new
   * ephemeral review card with Confirm. Nothing is sent by the click itself.
   */
  private void onViewButton(ButtonInteractionEvent event) {
    Member member = event.getMember();
    if (member == null) {
      event.replyEmbeds(Cards.notice("Server only", "This button works only inside the trading server.")).setEphemeral(true).queue();
      return;
    }
    Invoker clicker = invoker(member);
    ViewButtons.Target target = ViewButtons.parse(event.getComponentId()).orElse(null);
    boolean close = target != null && target.kind().equals(ViewButtons.CLOSE);
    TradingCommand command = target == null ? null : registry.find(close ? "close" : "cancel").orElse(null);
    if (command == null) {
      event.replyEmbeds(Cards.notice("Unknown button", "This button is not valid any more. Run the command again."))
          .setEphemeral(true).queue();
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("account", target.account());
    values.put(close ? "instrument" : "order_id", target.target());
    runFromButton(event, command, clicker, values, close ? "positions button" : "orders button");
  }

  /** A button that stands for a slash command: {@link #run} with the options as typed and where it came from. */
  private void runFromButton(IReplyCallback event, TradingCommand command, Invoker clicker, Map<String, Object> values,
      String via) {
    Map<String, String> args = new LinkedHashMap<>();
    values.forEach((k, v) -> args.put(k, String.valueOf(v)));
    args.put("via", via);
    run(event, command, clicker, values, args);
  }

  /**
   * A button of the desk board: "Flatten &lt;account&gt;" runs {@code /flatten account:…} and "Halt new risk" runs
   * {@code /halt} for the clicker, as if typed — the same role and account checks, and for the flatten the same
   * ephemeral review card with Confirm. Nothing is sent by the click itself.
   */
  private void onBoardButton(ButtonInteractionEvent event) {
    Member member = event.getMember();
    if (member == null) {
      event.replyEmbeds(Cards.notice("Server only", "This button works only inside the trading server.")).setEphemeral(true).queue();
      return;
    }
    String customId = event.getComponentId();
    boolean haltButton = customId.equals(BoardCard.HALT);
    Optional<String> account = BoardCard.flattenAccount(customId);
    TradingCommand command = haltButton ? registry.find("halt").orElse(null)
        : account.isPresent() ? registry.find("flatten").orElse(null) : null;
    if (command == null) {
      event.replyEmbeds(Cards.notice("Unknown button", "This button is not valid any more.")).setEphemeral(true).queue();
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (haltButton) {
      values.put("reason", "Halt button on the desk board");
    } else {
      values.put("account", account.get());
    }
    runFromButton(event, command, invoker(member), values, "board button");
  }

  /**
   * Reads what the action will affect (GET only, bounded) and edits the still-open review card with it, keeping its
   * buttons; a failed or slow read says "unknown (…)" and never blocks or fails the confirmation.
   */
  private void showPreview(InteractionHook hook, String pendingId, ReviewedAction action, PreviewPlan plan) {
    Review review = action.review();
    reviewReads.read(plan, action::isOpen).whenCompleteAsync((preview, err) -> {
      if (!action.isOpen()) {
        return; // confirmed, cancelled or expired meanwhile: the card is no longer a review
      }
      if (!store.stillPending(pendingId)) { // claimed or ended by another replica (which may never tell this one)
        action.close();
        return;
      }
      List<String> lines;
      if (err == null) {
        lines = preview.lines();
      } else {
        String why = Previews.reason(err, reviewReads.waitLimit());
        log.info("review read for /{} failed: {}", action.command(), DiscordText.oneLine(why, 300));
        lines = List.of(plan.subject() + ": unknown (" + why + ")",
            "The action does not depend on this read: you can still confirm or cancel.");
      }
      try {
        action.publish(err == null ? preview : null, () -> hook.editOriginalEmbeds(Cards.review(review, store.timeout(), lines))
            .setComponents(Cards.buttons(pendingId, review.confirmLabel(), false)).submit()
            .whenComplete((ok, e) -> {
              if (e != null) {
                log.debug("could not show the review read of /{}: {}", action.command(), e.toString());
              }
            }));
      } catch (RuntimeException e) { // e.g. JDA already shut down
        log.debug("could not show the review read of /{}: {}", action.command(), e.toString());
      }
    }, reviewReads.editExecutor());
  }
  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    // The click's age counts from when Discord created it (its snowflake), not from when this thread got to it: clicks
    // queued behind others are no younger. Bounded to 0..3 s so a skewed clock cannot make a click look younger than
    // it is, nor refuse everything.
    long ageMs = Math.max(0, Math.min(3_000, System.currentTimeMillis() - event.getTimeCreated().toInstant().toEpochMilli()));
    long clickedAt = System.nanoTime() - ageMs * 1_000_000;
    String customId = event.getComponentId();
    if (customId.startsWith(ViewButtons.PREFIX)) {
      onViewButton(event);
      return;
    }
    if (customId.startsWith(BoardCard.PREFIX)) {
      onBoardButton(event);
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
    clicks.onClick(event, invoker(member), confirm, id, clickedAt);
  }

  /**
   * Autocomplete: {@code account} offers the member's accounts (no call); {@code instrument} offers the instruments
   * of the member's open positions and working orders (needs the command's grant and {@code view}); {@code order_id}
   * of {@code /cancel} offers that account's working orders (needs {@code cancel}). Reads are bounded by
   * {@link Suggestions#BOUND} and answer empty on failure: Discord wants the answer within 3 s.
   */
  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    TradingCommand command = registry.find(event.getName()).orElse(null);
    Member member = event.getMember();
    String focused = event.getFocusedOption().getName();
    if (command == null || member == null) {
      event.replyChoices(List.of()).queue();
      return;
    }
    Invoker invoker = invoker(member);
    boolean allowed = policy.allows(command.permission(), invoker.roleIds());
    String typed = event.getFocusedOption().getValue();
    if ("account".equals(focused)) {
      List<String> accounts = allowed ? policy.accountsFor(invoker.roleIds()) : List.of();
      String t = typed.strip().toLowerCase(Locale.ROOT);
      event.replyChoiceStrings(accounts.stream().filter(a -> a.toLowerCase(Locale.ROOT).contains(t)).limit(25).toList())
          .queue();
      return;
    }
    OptionMapping accountOption = event.getOption("account");
    List<String> accounts;
    if (accountOption != null && !accountOption.getAsString().isBlank()) {
      accounts = policy.resolveAccount(accountOption.getAsString(), invoker.roleIds()).map(List::of).orElse(List.of());
    } else {
      accounts = policy.accountsFor(invoker.roleIds());
    }
    CompletableFuture<List<Command.Choice>> choices;
    if ("instrument".equals(focused) && allowed && policy.allows(Permission.VIEW, invoker.roleIds()) && !accounts.isEmpty()) {
      choices = suggestions.instruments(accounts, typed);
    } else if ("order_id".equals(focused) && allowed && accounts.size() == 1 && accountOption != null) {
      choices = suggestions.orders(accounts.get(0), typed);
    } else {
      choices = CompletableFuture.completedFuture(List.of());
    }
    choices.thenAccept(list -> event.replyChoices(list).queue(ok -> { },
        err -> log.debug("autocomplete answer not delivered: {}", err.toString())));
  }

  /** @return true when no review-card read is queued or running */
  boolean reviewReadsIdle() {
    return reviewReads.idle();
  }


  private void expired(InteractionHook hook, Invoker invoker, TradeAction action) {
    ClickFlow.closeReview(action);
    audit(new AuditEvent("expired", invoker.userId(), invoker.userName(), action.command(), action.auditArgs(), "expired", null, -1));
    hook.editOriginalEmbeds(Cards.notice("Expired: " + action.review().title(),
        "Not confirmed within " + store.timeout().toSeconds() + " s. Nothing was sent; run the command again."))
        .setComponents().queue(ok -> { }, err -> log.debug("could not mark the card expired: {}", err.toString()));
  }

  private ConfirmationStore.Recipe recipe(TradingCommand command, Map<String, Object> values) {
    return new ConfirmationStore.Recipe(command.name(), values, mode.name().toLowerCase(Locale.ROOT));
  }

  /**
   * Builds a stored action again in a process that did not make its card (after a restart, or on another replica):
   * the same {@code prepare} the typed command ran, with the invoker's roles as they were; never across modes.
   */
  private TradeAction rebuild(ConfirmationStore.Recipe recipe, Invoker invoker) {
    String now = mode.name().toLowerCase(Locale.ROOT);
    if (!now.equals(recipe.mode())) {
      throw new ConfirmationStore.NotRebuildable("The bot switched from " + recipe.mode() + " to " + now
          + " mode since this card was made.");
    }
    TradingCommand command = registry.find(recipe.command()).orElseThrow(
        () -> new ConfirmationStore.NotRebuildable("/" + recipe.command() + " is not a command of this bot any more."));
    Prepared prepared;
    try {
      prepared = command.prepare(new CommandOptions(recipe.options()), invoker, policy);
    } catch (RuntimeException e) {
      log.error("/{} failed while rebuilding a stored confirmation", recipe.command(), e);
      throw new ConfirmationStore.NotRebuildable("The bot failed while checking the stored options.");
    }
    if (prepared instanceof Prepared.Ready ready) {
      return new ReviewedAction(ready.action(), mode == TradingMode.PAPER);
    }
    throw new ConfirmationStore.NotRebuildable(prepared instanceof Prepared.Invalid invalid
        ? "Its options are no longer valid: " + String.join("; ", invalid.problems())
        : prepared instanceof Prepared.Denied denied ? denied.reason() : "It is no longer a trade.");
  }

  private void audit(AuditEvent e) {
    audit.record(e);
  }

  private static Invoker invoker(Member member) {
    Set<Long> roles = member.getRoles().stream().map(Role::getIdLong).collect(Collectors.toSet());
    return new Invoker(member.getIdLong(), member.getUser().getName(), roles);
  }
}
