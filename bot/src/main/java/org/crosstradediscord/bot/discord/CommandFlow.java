package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.confirmation.Recipe;
import org.crosstradediscord.bot.rendering.Answer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.FileUpload;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.CommandOptions;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.crosstradediscord.bot.commands.ControlAction;
import org.crosstradediscord.bot.commands.Prepared;
import org.crosstradediscord.bot.commands.ReadAction;
import org.crosstradediscord.bot.commands.SlashCommand;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.rendering.Tables;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command for one member, typed or from a button that stands for one (a table's Close/Cancel, the board's
 * Flatten/Halt): audit, role check (deny by default), the in-memory halt check, the command's own {@code prepare},
 * then the answer — a review card ({@link ReviewFlow}), a read answered off JDA's threads, or a change of the desk's
 * controls ({@code /halt}, {@code /resume}) on a path of its own. Nothing here waits on the store or CrossTrade.
 */
final class CommandFlow {
  private static final Logger log = LoggerFactory.getLogger(CommandFlow.class);

  private final CommandRegistry registry;
  private final RolePolicy policy;
  private final CrossTradeClient client;
  private final AuditLog audit;
  private final Workers reads;
  private final LimitGuard limits;
  private final TradingMode mode;
  private final HaltSwitch halt;
  private final ReviewFlow reviews;

  CommandFlow(CommandRegistry registry, RolePolicy policy, CrossTradeClient client, AuditLog audit, Workers reads,
      LimitGuard limits, TradingMode mode, HaltSwitch halt, ReviewFlow reviews) {
    this.registry = registry;
    this.policy = policy;
    this.client = client;
    this.audit = audit;
    this.reads = reads;
    this.limits = limits;
    this.mode = mode;
    this.halt = halt;
    this.reviews = reviews;
  }

  /**
   * One command for one member, typed or from a table button: role check, option checks, then an ephemeral review
   * card (trades: Confirm/Cancel, what it affects read afterwards) or a deferred answer (reads). Nothing is sent to
   * CrossTrade here except a read-only command's GETs. Audited: "received" as soon as the first reply is queued, then
   * what became of it.
   */
  void run(IReplyCallback event, SlashCommand command, Invoker invoker, Map<String, Object> values,
      Map<String, String> args) {
    // The "received" line is the interaction's first; it is written once the first reply is queued (not on the way
    // to Discord's first callback), and before any other line of this interaction (Once).
    Once received = new Once(() -> audit.step("command", invoker, command.name(), args, "received"));
    if (!policy.allows(command.permission(), invoker.roleIds())) {
      event.replyEmbeds(Cards.notice("Not allowed", "None of your roles may run `/" + command.name()
          + "`. Ask a server admin if you should.")).setEphemeral(true).queue();
      received.run();
      audit.denied(invoker, command.name(), args, "no role grants " + command.permission().key());
      return;
    }
    String halted = halt.refusal(command.name()); // halt: refused before any check that could call upstream
    if (halted != null) {
      event.replyEmbeds(Cards.notice("Trading is halted", halted + "\nNothing was sent.")).setEphemeral(true).queue();
      received.run();
      audit.refused(invoker, command.name(), args, "trading is halted");
      return;
    }
    Prepared prepared;
    try {
      prepared = command.prepare(new CommandOptions(values), invoker, policy);
    } catch (RuntimeException e) {
      log.error("/{} failed while checking its options", command.name(), e);
      event.replyEmbeds(Cards.notice("Something went wrong", "The bot failed while checking your options. Nothing was sent."))
          .setEphemeral(true).queue();
      received.run();
      audit.step("invalid", invoker, command.name(), args, "internal error " + e.getClass().getSimpleName());
      return;
    }
    if (prepared instanceof Prepared.Invalid invalid) {
      event.replyEmbeds(Cards.notice("Check your options", "Nothing was sent.\n- "
          + String.join("\n- ", invalid.problems()))).setEphemeral(true).queue();
      received.run();
      audit.step("invalid", invoker, command.name(), args, String.join("; ", invalid.problems()));
    } else if (prepared instanceof Prepared.Denied denied) {
      event.replyEmbeds(Cards.notice("Not allowed", denied.reason() + "\nNothing was sent.")).setEphemeral(true).queue();
      received.run();
      audit.denied(invoker, command.name(), args, denied.reason());
    } else if (prepared instanceof Prepared.Ready ready) {
      OrderIntent order = ready.action().riskOrder().orElse(null);
      String broken = order == null ? null : limits.check(invoker.roleIds(), order).orElse(null);
      if (broken != null) {
        event.replyEmbeds(Cards.notice("Not allowed", broken + "\nNothing was sent.")).setEphemeral(true).queue();
        received.run();
        reviews.limitDenied(event.getHook(), invoker, ready.action(), broken, false);
      } else {
        reviews.prepareReview(event, invoker, ready.action(), order, recipe(command, values), received);
      }
    } else if (prepared instanceof Prepared.Read read) {
      answer(event, invoker, read.action(), received);
    } else if (prepared instanceof Prepared.Control control) {
      received.run(); // a /halt is audited when applied, before its reply: "received" comes first
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
      audit.step("result", invoker, action.command(), action.auditArgs(), err != null ? "internal error " + err.getClass().getSimpleName() : shown.getTitle());
      hook.editOriginalEmbeds(shown).queue(ok -> { }, e -> log.warn("could not answer /{}: {}", action.command(), e.toString()));
    }), err -> log.warn("could not defer /{}: {}", action.command(), err.toString()));
  }

  /**
   * A read-only command: defer the (ephemeral) reply at once — Discord's 3 s rule — then read off the gateway thread
   * (each SDK call bounded by the request timeout) and edit the reply with the answer or a failure card.
   */
  private void answer(IReplyCallback event, Invoker invoker, ReadAction action, Once received) {
    event.deferReply(true).queue(hook -> {
      received.run(); // normally written already, right after the deferral was queued
      if (!reads.submit(() -> read(hook, invoker, action))) {
        audit.step("result", invoker, action.command(), action.auditArgs(), "not read: the bot is busy or stopping");
        hook.editOriginalEmbeds(Cards.notice("Busy", "The bot is busy or shutting down; nothing was read. Try again shortly."))
            .queue(ok -> { }, err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
      }
    }, err -> log.warn("could not defer /{}: {}", action.command(), err.toString()));
    received.run();
  }

  private void read(InteractionHook hook, Invoker invoker, ReadAction action) {
    long start = System.nanoTime();
    String result;
    String detail = null;
    MessageEmbed embed;
    List<net.dv8tion.jda.api.components.actionrow.ActionRow> rows = List.of();
    Answer answered = null;
    String what = action.command().substring(0, 1).toUpperCase(Locale.ROOT) + action.command().substring(1);
    try {
      Answer answer = action.read(client);
      embed = answer.embed();
      rows = answer.rows();
      answered = answer;
      result = "ok";
    } catch (CrossTradeException e) {
      result = FailureWords.auditOutcome(e, client.requestTimeout());
      detail = FailureWords.technical(e);
      embed = Tables.readFailure(what, e, client.requestTimeout());
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
    audit.result(invoker, action.command(), action.auditArgs(), result, detail, null, ms);
    var edit = answered == null ? hook.editOriginalEmbeds(embed) : hook.editOriginalEmbeds(answered.embeds());
    if (answered != null && !answered.files().isEmpty()) { // e.g. /report's charts, shown by their embeds
      edit.setFiles(answered.files().stream().map(f -> FileUpload.fromData(f.bytes(), f.name())).toList());
    }
    edit.setComponents(rows).queue(ok -> { },
        err -> log.warn("could not answer /{}: {}", action.command(), err.toString()));
  }

  /**
   * A button that stands for a slash command ({@link CommandRegistry#button}): the command runs as if the clicker had
   * typed it — role and account checks with the click's roles, then its answer (e.g. a new review card). Nothing is
   * sent by the click itself.
   */
  void fromButton(ButtonInteractionEvent event, CommandRegistry.ButtonCall call) {
    Member member = event.getMember();
    if (member == null) {
      event.replyEmbeds(Cards.notice("Server only", "This button works only inside the trading server.")).setEphemeral(true).queue();
      return;
    }
    if (call.options().isEmpty()) {
      event.replyEmbeds(Cards.notice("Unknown button", "This button is not valid any more. Run the command again."))
          .setEphemeral(true).queue();
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>(call.options().get());
    Map<String, String> args = new LinkedHashMap<>();
    values.forEach((k, v) -> args.put(k, String.valueOf(v)));
    args.put("via", call.via());
    run(event, call.command(), Members.invoker(member), values, args);
  }

  private Recipe recipe(SlashCommand command, Map<String, Object> values) {
    return new Recipe(command.name(), values, mode.name().toLowerCase(Locale.ROOT));
  }
}
