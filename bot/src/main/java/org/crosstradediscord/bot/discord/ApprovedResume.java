package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.commands.ResumeCommand;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.Recipe;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.rendering.ApprovalCards;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.text.DiscordText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An approved {@code /resume} request (the two-person rule after a daily loss halt). */
final class ApprovedResume {
  private static final Logger log = LoggerFactory.getLogger(ApprovedResume.class);

  private final ApprovalDesk desk;
  private final ConfirmationStore confirmations;
  private final RolePolicy policy;
  private final HaltSwitch halt;
  private final AuditLog audit;
  private final Duration claimLease;

  ApprovedResume(ApprovalDesk desk, ConfirmationStore confirmations, RolePolicy policy, HaltSwitch halt,
      AuditLog audit, Duration claimLease) {
    this.desk = desk;
    this.confirmations = confirmations;
    this.policy = policy;
    this.halt = halt;
    this.audit = audit;
    this.claimLease = claimLease;
  }

  /**
   * A /resume request: only the halt it was made for may be resumed (a newer halt ends the request instead); the
   * asker must still hold {@code halt}; the session's daily loss trips are then marked resumed.
   *
   * @param c the approval click
   * @param p the request's row (command {@code resume})
   * @param approver the second member
   * @param asker the member who asked, with their roles now
   * @param args the audit arguments
   * @param deny ends the request as refused, with why (nothing resumed)
   */
  void approve(ApprovalClick c, PendingRow p, Invoker approver, Invoker asker, Map<String, String> args,
      Consumer<String> deny) {
    if (!policy.allows(Permission.HALT, asker.roleIds())) {
      deny.accept("The member who asked no longer holds the `halt` grant.");
      return;
    }
    HaltState now = halt.current();
    Object since = Recipe.of(p).options().get("since");
    if (now.halted() && (since == null || now.since() == null || !since.equals(now.since().toString()))) {
      deny.accept("The halt changed since the request (now: " + (now.reason() == null ? "halted"
          : now.reason()) + "); nothing was resumed. Run /resume again if this halt should end.");
      return;
    }
    Instant at = desk.clock().instant();
    if (!desk.store().approve(p.id(), approver.userId(), c.interactionId(), c.token(), at, at.plus(claimLease))) {
      ApprovalClicks.followUp(c.hook(), "Already decided", "Someone else decided it first, or it expired.");
      return;
    }
    confirmations.handling(p.id());
    audit.step("approved", approver, ResumeRequests.RESUME, args, "second approval given");
    MessageEmbed card;
    try {
      HaltSwitch.Change change = halt.resume(asker).get(5, TimeUnit.SECONDS);
      if (change.saved()) {
        desk.controls().dailyLossResumed(desk.modeKey(), desk.session().sessionDay(at).toString(), at);
      }
      card = ResumeCommand.card(change);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      card = notConfirmed();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("an approved resume could not be confirmed: {}", DiscordText.oneLine(e.toString(), 300));
      card = notConfirmed();
    }
    confirmations.finish(p.id());
    ApprovalClicks.endCard(c.hook(), ApprovalCards.approved(card, p.userId(), approver.userId()));
  }

  private static MessageEmbed notConfirmed() {
    return Cards.notice("Resume not confirmed", "The store did not confirm the resume in time: check the bot's"
        + " presence or the board for the halt state, and run /resume again if it still shows halted.");
  }
}
