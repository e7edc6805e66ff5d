package org.crosstradediscord.bot.discord;

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
import org.crosstradediscord.bot.commands.Outcome;
import org.crosstradediscord.bot.commands.Prepared;
import org.crosstradediscord.bot.commands.ReadAction;
import org.crosstradediscord.bot.commands.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.bot.commands.TradingCommand;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.PendingAction;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.DiscordText;
import org.crosstradediscord.bot.rendering.Tables;
import org.crosstradediscord.bot.rendering.ViewButtons;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.Violation;
import org.crosstradediscord.client.model.MarketPosition;
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

  private final CommandRegistry registry;
  private final RolePolicy policy;
  private final ConfirmationStore store;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final TradeCalls calls;
  private final ReadCalls reads;
  private final Suggestions suggestions;
  private final ReviewReads reviewReads;
  private final LimitGuard limits;
  private final TradingMode mode;
  private final org.crosstradediscord.bot.halt.HaltSwitch halt;
  private final java.time.Duration claimLease;

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
   * @param halt the halt switch: risk-increasing commands are refused while halted (typed and at the click)
   * @param claimLease how long a claimed trade may take before another start takes it for dead (the shutdown grace)
   */
  InteractionHandler(CommandRegistry registry, RolePolicy policy, ConfirmationStore store,
      CrossTradeClient client, AuditLog audit, TradeCalls calls, ReadCalls reads, LimitGuard limits, TradingMode mode,
      org.crosstradediscord.bot.halt.HaltSwitch halt, java.time.Duration claimLease) {
    this.halt = halt;
    this.claimLease = claimLease;
    this.registry = registry;
    this.policy = policy;
    this.store = store;
    this.client = client;
    this.audit = audit;
    this.calls = calls;
    this.reads = reads;
    this.suggestions = new Suggestions(client, reads);
    this.reviewReads = new ReviewReads(client);
    this.limits = limits;
    this.mode = mode;
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
      } else if (order != null && limits.needsPosition(invoker.roleIds())) {
        reviewAfterPositionCheck(event, invoker, ready.action(), order, recipe(command, values));
      } else {
        review(event.getHook(), invoker, ready.action(), recipe(command, values), (embed, rows) -> event.replyEmbeds(embed)
            .setComponents(rows).setEphemeral(true));
      }
    } else if (prepared instanceof Prepared.Read read) {
      answer(event, invoker, read.action());
    }
  }

  /**
   * Puts the action in the store and sends its review card (by {@code send}); what it affects is read after the
   * card went out and edited in.
   */
  private void review(InteractionHook hook, Invoker invoker, TradeAction ready, ConfirmationStore.Recipe recipe,
      java.util.function.BiFunction<MessageEmbed, List<net.dv8tion.jda.api.components.actionrow.ActionRow>,
          net.dv8tion.jda.api.requests.RestAction<?>> send) {
    ReviewedAction action = new ReviewedAction(ready, mode == TradingMode.PAPER);
    PendingAction pending;
    try {
      pending = store.put(invoker, action, recipe, () -> expired(hook, invoker, action));
    } catch (org.crosstradediscord.bot.store.StoreException e) {
      // A card whose Confirm could not be claimed reliably (restart, replicas) is not shown at all.
      log.warn("/{}: the pending confirmation could not be stored: {}", ready.command(), DiscordText.oneLine(e.getMessage()));
      audit(new AuditEvent("refused", invoker.userId(), invoker.userName(), ready.command(), ready.auditArgs(),
          "storage unavailable", null, -1));
      send.apply(Cards.notice("Storage unavailable", "The bot cannot record this confirmation right now, so it shows no"
          + " Confirm button. Nothing was sent; try again shortly."), List.of()).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", ready.command(), err.toString()));
      return;
    }
    Review review = action.review();
    Optional<PreviewPlan> plan = action.previewPlan();
    // The card goes out at once (Discord's 3 s rule); what it affects is read afterwards and edited in.
    send.apply(Cards.review(review, store.timeout(), plan.map(p -> List.of(p.subject() + ": reading…")).orElse(List.of())),
            List.of(Cards.buttons(pending.id(), review.confirmLabel(), false)))
        .queue(ok -> plan.ifPresent(p -> showPreview(hook, pending.id(), action, p)), err -> {
          store.discard(pending.id());
          log.warn("review card for /{} could not be sent: {}", action.command(), err.toString());
        });
  }

  /**
   * {@code max_position}: the reply is deferred at once (Discord's 3 s rule), the current position is read off the
   * gateway thread (bounded by the request timeout), then the reply becomes the refusal or the review card. A
   * position that cannot be read refuses the order.
   */
  private void reviewAfterPositionCheck(IReplyCallback event, Invoker invoker, TradeAction ready, OrderIntent order,
      ConfirmationStore.Recipe recipe) {
    event.deferReply(true).queue(hook -> {
      boolean queued = reads.submit(() -> {
        String broken;
        try {
          broken = limits.checkPosition(invoker.roleIds(), order, this::signedPosition).orElse(null);
        } catch (RuntimeException e) {
          log.error("/{}: the max_position check failed", ready.command(), e);
          broken = "Limit `max_position` could not be checked (internal error). Try again.";
        }
        if (broken != null) {
          limitDenied(hook, invoker, ready, broken, true);
        } else {
          review(hook, invoker, ready, recipe, (embed, rows) -> hook.editOriginalEmbeds(embed).setComponents(rows));
        }
      });
      if (!queued) {
        limitDenied(hook, invoker, ready, "Limit `max_position` could not be checked: the bot is busy or stopping."
            + " Try again shortly.", true);
      }
    }, err -> log.warn("could not defer /{}: {}", ready.command(), err.toString()));
  }

  /** Audits a limit refusal and, when {@code edit}, shows it on the (deferred) reply. */
  private void limitDenied(InteractionHook hook, Invoker invoker, TradeAction action, String why, boolean edit) {
    audit(new AuditEvent("denied", invoker.userId(), invoker.userName(), action.command(), action.auditArgs(), why, null, -1));
    if (edit) {
      hook.editOriginalEmbeds(Cards.notice("Not allowed", why + "\nNothing was sent.")).queue(ok -> { },
          err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
    }
  }

  /** @return the account's current position in the instrument (GET, bounded by the request timeout): + long, − short */
  private long signedPosition(String account, String instrument) {
    org.crosstradediscord.client.model.Position p = client.getPosition(account, instrument);
    if (p == null || p.getMarketPosition() == null || p.getMarketPosition() == MarketPosition.FLAT) {
      return 0;
    }
    if (p.getQuantity() == null) {
      throw new IllegalStateException("the position has no quantity");
    }
    return p.getMarketPosition() == MarketPosition.SHORT ? -(long) p.getQuantity() : p.getQuantity();
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
    boolean haltButton = customId.equals(org.crosstradediscord.bot.rendering.BoardCard.HALT);
    Optional<String> account = org.crosstradediscord.bot.rendering.BoardCard.flattenAccount(customId);
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
    // queued behind others on the gateway thread are no younger. Bounded to 0..3 s so a skewed clock cannot make a
    // click look younger than it is, nor refuse everything.
    long ageMs = Math.max(0, Math.min(3_000, System.currentTimeMillis() - event.getTimeCreated().toInstant().toEpochMilli()));
    long clickedAt = System.nanoTime() - ageMs * 1_000_000;
    String customId = event.getComponentId();
    if (customId.startsWith(ViewButtons.PREFIX)) {
      onViewButton(event);
      return;
    }
    if (customId.startsWith(org.crosstradediscord.bot.rendering.BoardCard.PREFIX)) {
      onBoardButton(event);
      return;
    }
    boolean confirm = customId.startsWith(Cards.CONFIRM);
    if (!confirm && !customId.startsWith(Cards.CANCEL)) {
      return; // not ours
    }
    String id = customId.substring(confirm ? Cards.CONFIRM.length() : Cards.CANCEL.length());
    Member member = event.getMember();
    if (member == null) {
      event.replyEmbeds(Cards.notice("Server only", "This button works only inside the trading server."))
          .setEphemeral(true).queue();
      return;
    }
    Invoker clicker = invoker(member);
    if (confirm && calls.stopping()) {
      // Never "confirmed" once shutdown began: nothing will be sent.
      audit(new AuditEvent("refused", clicker.userId(), clicker.userName(), "?", Map.of("button", "confirm"),
          "the bot is shutting down", null, -1));
      event.replyEmbeds(Cards.notice("Not sent", "The bot is shutting down. Nothing was sent; run the command again"
          + " once it is back.")).setEphemeral(true).queue();
      return;
    }
    PendingAction peeked = confirm ? store.peek(id, this::rebuild) : null;
    if (peeked != null && peeked.invoker().userId() == clicker.userId()) {
      // Re-check roles and accounts BEFORE anything is marked confirmed: a denied click must not read
      // "already confirmed once" later.
      String lost = stillAllowed(peeked.action(), clicker);
      if (lost != null && store.deny(id, event.getId())) {
        TradeAction action = peeked.action();
        closeReview(action);
        audit(new AuditEvent("denied", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(), lost, null, -1));
        event.editMessageEmbeds(Cards.notice("Not allowed any more", lost + "\nNothing was sent.")).setComponents().queue();
        return;
      }
    }
    PendingAction mine = store.local(id); // the card this process made, to close its review read if the claim is lost
    ConfirmationStore.Claim claim = confirm
        ? store.claim(id, clicker.userId(), event.getId(), event.getToken(), claimLease, this::rebuild)
        : store.cancel(id, clicker.userId(), event.getId(), this::rebuild);
    if (mine != null && !(claim instanceof ConfirmationStore.Claim.Claimed)
        && !(claim instanceof ConfirmationStore.Claim.NotInvoker) && !(claim instanceof ConfirmationStore.Claim.Unavailable)) {
      closeReview(mine.action()); // claimed or ended elsewhere: this process's late review read must not edit the card
    }
    if (claim instanceof ConfirmationStore.Claim.HandledElsewhere) {
      log.debug("a {} click is handled by another replica", confirm ? "Confirm" : "Cancel");
      return; // another replica claimed this very interaction and answers it; a second answer would fail it
    }
    if (claim instanceof ConfirmationStore.Claim.Unavailable down) {
      log.warn("a {} click could not be recorded: {}", confirm ? "Confirm" : "Cancel", DiscordText.oneLine(down.reason(), 300));
      audit(new AuditEvent("refused", clicker.userId(), clicker.userName(), "?", Map.of("button", confirm ? "confirm" : "cancel"),
          "storage unavailable", null, -1));
      event.replyEmbeds(Cards.notice(confirm ? "Not sent" : "Not cancelled", "The bot cannot record this click right now"
          + " (storage unavailable). " + (confirm ? "Nothing was sent; " : "") + "try again shortly.")).setEphemeral(true).queue();
      return;
    }
    if (claim instanceof ConfirmationStore.Claim.Refused refused) {
      audit(new AuditEvent("denied", clicker.userId(), clicker.userName(), refused.command(),
          Map.of("button", confirm ? "confirm" : "cancel"), refused.reason(), null, -1));
      event.editMessageEmbeds(Cards.notice("Not sent: /" + refused.command(), DiscordText.escape(refused.reason(), 1000)
          + "\nNothing was sent; run the command again.")).setComponents().queue();
      return;
    }
    if (claim instanceof ConfirmationStore.Claim.NotInvoker other) {
      audit(new AuditEvent("refused", clicker.userId(), clicker.userName(), other.command(),
          Map.of("button", confirm ? "confirm" : "cancel"), "not the invoker", null, -1));
      event.replyEmbeds(Cards.notice("Not yours", "Only the member who ran the command can confirm or cancel it."))
          .setEphemeral(true).queue();
      return;
    }
    if (claim instanceof ConfirmationStore.Claim.Gone gone) {
      audit(new AuditEvent("refused", clicker.userId(), clicker.userName(), "?", Map.of("button", confirm ? "confirm" : "cancel"),
          "pending action " + gone.state().name().toLowerCase(Locale.ROOT), null, -1));
      event.replyEmbeds(Cards.notice("Nothing to " + (confirm ? "confirm" : "cancel"), goneText(gone.state())))
          .setEphemeral(true).queue();
      return;
    }
    PendingAction pending = ((ConfirmationStore.Claim.Claimed) claim).pending();
    TradeCalls.Ticket[] reserved = new TradeCalls.Ticket[1];
    try {
      afterClaim(event, clicker, pending, confirm, clickedAt, reserved);
    } catch (RuntimeException e) { // every claim ends: reported, row finished, never left "confirmed" and silent
      log.error("the {} click on a pending /{} failed after it was claimed", confirm ? "Confirm" : "Cancel",
          pending.action().command(), e);
      if (reserved[0] != null) {
        calls.release(reserved[0], "the bot failed while acknowledging the click");
      } else {
        if (confirm) {
          store.finish(pending.id());
        }
        audit(new AuditEvent("result", clicker.userId(), clicker.userName(), pending.action().command(),
            pending.action().auditArgs(), "not sent: internal error " + e.getClass().getSimpleName(), null, -1));
        try {
          event.replyEmbeds(Cards.notice("Not sent", "The bot failed while handling the click. Nothing was sent; run"
              + " the command again.")).setEphemeral(true).queue(ok -> { }, err -> { });
        } catch (RuntimeException ignored) {
          // already answered, or JDA is stopping: the audit line and the log say it
        }
      }
    }
  }

  /** The rest of a click once its pending action was claimed (Confirm) or cancelled (Cancel). */
  private void afterClaim(ButtonInteractionEvent event, Invoker clicker, PendingAction pending, boolean confirm,
      long clickedAt, TradeCalls.Ticket[] reserved) {
    TradeAction action = pending.action();
    closeReview(action);
    Review review = action.review();
    if (!confirm) {
      audit(new AuditEvent("cancelled", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(), "cancelled", null, -1));
      event.editMessageEmbeds(Cards.notice("Cancelled: " + review.title(), "Nothing was sent.")).setComponents().queue();
      return;
    }
    String lost = stillAllowed(action, clicker);
    if (lost != null) {
      store.finish(pending.id());
      audit(new AuditEvent("denied", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(), lost, null, -1));
      event.editMessageEmbeds(Cards.notice("Not allowed any more", lost + "\nNothing was sent.")).setComponents().queue();
      return;
    }
    String halted = halt.refusal(action.command()); // a card made before a /halt: refused at the click
    if (halted != null) {
      store.finish(pending.id());
      audit(new AuditEvent("refused", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(),
          "trading is halted", null, -1));
      event.editMessageEmbeds(Cards.notice("Not sent: " + review.title(), halted + "\nNothing was sent."))
          .setComponents().queue();
      return;
    }
    InteractionHook hook = event.getHook();
    ConfirmedTrade trade = new ConfirmedTrade(pending.id(), hook, clicker, action, review, clickedAt);
    TradeCalls.Ticket ticket = calls.reserve(trade, clickedAt, () -> audit(new AuditEvent("confirmed", clicker.userId(),
        clicker.userName(), action.command(), action.auditArgs(), "confirmed", null, -1)));
    reserved[0] = ticket;
    if (ticket == null) { // shutdown began after the first check: refused, never "confirmed"
      store.finish(pending.id());
      audit(new AuditEvent("refused", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(),
          "the bot is shutting down", null, -1));
      event.editMessageEmbeds(Cards.notice("Not sent: " + review.title(), "The bot is shutting down. Nothing was sent;"
          + " run the command again once it is back.")).setComponents().queue();
      return;
    }
    // Acknowledge by disabling the buttons; only once Discord accepted that is the trade handed to a call thread —
    // a failed acknowledgement shows the member "This interaction failed" with live buttons, and an order sent then
    // would likely be placed twice.
    event.editMessageEmbeds(Cards.executing(review)).setComponents(Cards.buttons(pending.id(), review.confirmLabel(), true))
        .queue(ok -> calls.submit(ticket), err -> {
          log.warn("the click on /{} could not be acknowledged ({}); not sending it", action.command(),
              DiscordText.oneLine(err.toString()));
          calls.release(ticket, "Discord did not accept the click's acknowledgement");
        });
  }

  /**
   * A confirmed trade on its way through {@link TradeCalls}: each way it can end edits the card and is audited, once
   * ({@link #ended}); an answer that arrives after the shutdown reported "outcome unknown" is added as a follow-up.
   */
  private final class ConfirmedTrade implements TradeCalls.Trade {
    private final String pendingId;
    private final InteractionHook hook;
    private final Invoker clicker;
    private final TradeAction action;
    private final Review review;
    private final long clickedAt;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile CompletableFuture<?> lastEdit = CompletableFuture.completedFuture(null);

    ConfirmedTrade(String pendingId, InteractionHook hook, Invoker clicker, TradeAction action, Review review,
        long clickedAt) {
      this.pendingId = pendingId;
      this.clickedAt = clickedAt;
      this.hook = hook;
      this.clicker = clicker;
      this.action = action;
      this.review = review;
    }

    @Override
    public void run() {
      Result r;
      try {
        r = positionLimitAtSend(action, review, clicker, clickedAt).orElseGet(() -> send(action, review, clickedAt));
      } finally {
        suggestions.forget(action.tradedAccount()); // autocomplete must not offer what the trade just changed
      }
      boolean late = !ended.compareAndSet(false, true);
      report(r.result() + (late ? " (answer arrived after shutdown reported outcome unknown)" : ""), r.orderIds(),
          r.ms(), r.card());
    }

    @Override
    public void notSent(String why) {
      if (ended.compareAndSet(false, true)) {
        report("not sent: " + why, null, -1, () -> Cards.notice("Not sent: " + review.title(),
            "Not sent: " + why + ". Nothing was sent; run the command again."));
      }
    }

    @Override
    public void abandoned() {
      if (ended.compareAndSet(false, true)) {
        report("outcome unknown: the bot was shutting down while the call was in flight", null, -1,
            () -> Cards.notice("OUTCOME UNKNOWN: " + review.title(),
                "**Outcome unknown — the bot was shutting down; check NinjaTrader** before retrying."));
      }
    }

    @Override
    public void failed(Throwable error) {
      if (ended.compareAndSet(false, true)) {
        report("internal error " + error.getClass().getSimpleName(), null, -1, () -> unknownAfterInternalError(review));
      }
    }

    @Override
    public CompletableFuture<?> delivered() {
      return lastEdit;
    }

    /** The {@code result} audit line, then the card; neither can throw past here. */
    private void report(String result, List<String> orderIds, long ms, java.util.function.Supplier<MessageEmbed> card) {
      try {
        audit(new AuditEvent("result", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(), result,
            orderIds, ms));
      } catch (RuntimeException e) {
        log.error("the result of /{} could not be audited: {}", action.command(), e.toString());
      }
      try {
        store.finish(pendingId); // the claim ended: no restart may report it "outcome unknown"
      } catch (RuntimeException e) {
        log.error("the end of /{}'s claim could not be recorded: {}", action.command(), e.toString());
      }
      MessageEmbed embed;
      try {
        embed = card.get();
      } catch (RuntimeException e) { // e.g. an answer JDA will not render (too long, unprintable numbers)
        log.error("the result card of /{} could not be built", action.command(), e);
        embed = Cards.notice("Answered: " + review.title(), "CrossTrade answered (" + DiscordText.escape(result, 300)
            + ") but the answer could not be shown. **Check NinjaTrader** for what was executed.");
      }
      try {
        lastEdit = hook.editOriginalEmbeds(embed).setComponents().submit().whenComplete(InteractionHandler::logEditFailure);
      } catch (RuntimeException e) {
        log.error("the result card of /{} could not be sent: {}", action.command(), e.toString());
      }
    }
  }

  /** What one SDK call came to: the audit text, the order ids, the time taken and how to draw its card. */
  private record Result(String result, List<String> orderIds, long ms, java.util.function.Supplier<MessageEmbed> card) {}

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

  /**
   * {@code max_position} again after the click, on the call thread just before the send (the position is read
   * then, bounded by the request timeout; roles may have changed since the card).
   *
   * @return the refusal, or empty to send
   */
  private Optional<Result> positionLimitAtSend(TradeAction action, Review review, Invoker clicker, long clickedAt) {
    OrderIntent order = action.riskOrder().orElse(null);
    if (order == null || !limits.needsPosition(clicker.roleIds())) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    String broken = limits.checkPosition(clicker.roleIds(), order, this::signedPosition).orElse(null);
    if (broken == null) {
      // The read took time: the order is still never sent later than the request timeout after the click.
      long sinceClickMs = (System.nanoTime() - clickedAt) / 1_000_000;
      String late = calls.stopping() ? "the bot was shutting down before it was sent"
          : sinceClickMs > calls.maxQueueWait().toMillis() ? "the max_position read left it " + sinceClickMs
              + " ms after the click, longer than the request timeout (" + calls.maxQueueWait().toMillis()
              + " ms); an order is never sent late" : null;
      return late == null ? Optional.empty() : Optional.of(new Result("not sent: " + late, null, elapsedMs(start),
          () -> Cards.notice("Not sent: " + review.title(), "Not sent: " + late + ". Nothing was sent; run the command"
              + " again.")));
    }
    audit(new AuditEvent("denied", clicker.userId(), clicker.userName(), action.command(), action.auditArgs(), broken, null, -1));
    return Optional.of(new Result("not sent: " + broken, null, elapsedMs(start),
        () -> Cards.notice("Not allowed any more", broken + "\nNothing was sent.")));
  }

  /** Sends one trade and classifies the answer; the card is built later, so a rendering failure is contained. */
  private Result send(TradeAction action, Review review, long clickedAt) {
    String halted = halt.refusal(action.command()); // a trade queued before a /halt must not go out after it
    if (halted != null) {
      return new Result("not sent: trading is halted", null, 0, () -> Cards.notice("Not sent: " + review.title(),
          halted + "\nNothing was sent."));
    }
    long sinceClickMs = (System.nanoTime() - clickedAt) / 1_000_000;
    if (sinceClickMs > calls.maxQueueWait().toMillis()) { // the halt read took time: still never sent late
      String late = "it was " + sinceClickMs + " ms after the click when it could be sent, longer than the request"
          + " timeout (" + calls.maxQueueWait().toMillis() + " ms); an order is never sent late";
      return new Result("not sent: " + late, null, 0, () -> Cards.notice("Not sent: " + review.title(), "Not sent: "
          + late + ". Nothing was sent; run the command again."));
    }
    if (mode == TradingMode.PAPER) {
      String request = PaperTrade.request(action);
      return new Result("paper: not sent", null, 0, () -> PaperTrade.card(request));
    }
    long start = System.nanoTime();
    try {
      Outcome outcome = action.execute(client);
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new Result("ok", outcome.orderIds(), ms, () -> Cards.success(review, outcome, workingBefore(action), ms));
    } catch (CrossTradeException e) {
      return new Result(e.getClass().getSimpleName() + ": " + e.getMessage(), null, elapsedMs(start),
          () -> Cards.failure(review, e));
    } catch (InvalidRequestException e) {
      // The SDK's own request rules refused it before sending (the bot's validation should have caught it first).
      return new Result("refused before sending: " + e.getMessage(), null, elapsedMs(start),
          () -> Cards.notice("Not sent: " + review.title(), "The request broke a rule: "
              + DiscordText.escape(Violation.describe(e.violations()), 1000) + "\nNothing was sent."));
    } catch (RuntimeException | Error e) { // any Throwable ends in a result card and a result audit line
      log.error("unexpected failure executing /{}", action.command(), e);
      return new Result("internal error " + e.getClass().getSimpleName(), null, elapsedMs(start),
          () -> unknownAfterInternalError(review));
    }
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static MessageEmbed unknownAfterInternalError(Review review) {
    return Cards.notice("OUTCOME UNKNOWN: " + review.title(),
        "**Outcome unknown — check NinjaTrader before retrying.** The bot failed while handling the request.");
  }

  /** @return true when no review-card read is queued or running */
  boolean reviewReadsIdle() {
    return reviewReads.idle();
  }

  private static void logEditFailure(Object ok, Throwable err) {
    if (err != null) {
      log.warn("could not update a trade's card: {}", err.toString());
    }
  }

  /** Stops review reads from editing the card (waits, bounded, for one already on its way). */
  private static void closeReview(TradeAction action) {
    if (action instanceof ReviewedAction reviewed) {
      reviewed.close();
    }
  }

  /** @return the working orders the review read before Confirm, or null when it read none */
  private static List<org.crosstradediscord.client.model.Order> workingBefore(TradeAction action) {
    Preview p = action instanceof ReviewedAction reviewed ? reviewed.preview() : null;
    return p == null ? null : p.workingOrders();
  }

  private void expired(InteractionHook hook, Invoker invoker, TradeAction action) {
    closeReview(action);
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

  /** @return why the clicker may no longer run the action, or null when still allowed */
  private String stillAllowed(TradeAction action, Invoker clicker) {
    for (Permission p : action.requiredPermissions()) {
      if (!policy.allows(p, clicker.roleIds())) {
        return "Your roles no longer grant `" + p.key() + "`.";
      }
    }
    if (action.tradedAccount().isPresent()
        && policy.resolveAccount(action.tradedAccount().get(), clicker.roleIds()).isEmpty()) {
      return "You may no longer trade account " + DiscordText.escape(action.tradedAccount().get(), 100) + ".";
    }
    OrderIntent order = action.riskOrder().orElse(null);
    return order == null ? null : limits.check(clicker.roleIds(), order).orElse(null);
  }

  private static String goneText(ConfirmationStore.State state) {
    return switch (state) {
      case EXPIRED -> "This confirmation expired. Nothing was sent; run the command again.";
      case CONFIRMED -> "This was already confirmed once; it is not executed twice.";
      case CANCELLED -> "This was cancelled. Nothing was sent.";
      case DENIED -> "This was refused: your roles no longer allowed it. Nothing was sent.";
      case UNKNOWN -> "This confirmation is unknown to the bot. Nothing was sent; run the command again.";
    };
  }

  private void audit(AuditEvent e) {
    audit.record(e);
  }

  private static Invoker invoker(Member member) {
    Set<Long> roles = member.getRoles().stream().map(Role::getIdLong).collect(Collectors.toSet());
    return new Invoker(member.getIdLong(), member.getUser().getName(), roles);
  }
}
