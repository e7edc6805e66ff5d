package org.crosstradediscord.bot.rendering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import org.crosstradediscord.bot.text.DiscordText;

/**
 * The two-person rule's cards (docs/desk-controls.md, "Two-person rule"): the request posted in
 * {@code approvals.channel_id} (public) with Approve (danger) / Reject; the invoker's card while it waits; the request
 * once it ended; and a result card marked with who asked and who approved.
 */
public final class ApprovalCards {
  /** {@code custom_id} prefix of Approve; the pending confirmation's id follows. */
  public static final String APPROVE = "approval:approve:";
  /** {@code custom_id} prefix of Reject; the pending confirmation's id follows. */
  public static final String REJECT = "approval:reject:";

  private ApprovalCards() {}

  /**
   * The request card while it waits.
   *
   * @param review what the action will do (as the invoker reviewed it)
   * @param askedBy the invoker's user id (shown as a mention)
   * @param why why a second person is needed, e.g. {@code more than 5 contracts} (unescaped)
   * @param affects what the review read (position now and after…), unescaped; empty when none was read
   * @param expiresAt when the request expires
   * @return the embed
   */
  public static MessageEmbed request(Review review, long askedBy, String why, List<String> affects, Instant expiresAt) {
    EmbedBuilder e = new EmbedBuilder(ReviewCards.review(review, Duration.ZERO, affects))
        .setTitle(DiscordText.cutEscaped("Second approval needed: " + review.title(), 250))
        .setColor(CardParts.DANGER)
        .addField("Asked by", "<@" + askedBy + ">", true)
        .addField("Why", DiscordText.escape(why, 200), true)
        .addField("Expires", "<t:" + expiresAt.getEpochSecond() + ":R> — nothing is sent unless another member with"
            + " an approver role approves it", false)
        .setFooter("The member who asked cannot approve it.");
    return e.build();
  }

  /**
   * @param id the pending confirmation's id
   * @return Approve (danger) and Reject
   */
  public static ActionRow buttons(String id) {
    return ActionRow.of(Button.danger(APPROVE + id, "Approve"), Button.secondary(REJECT + id, "Reject"));
  }

  /**
   * The invoker's card while the request waits.
   *
   * @param review what the action will do
   * @param channelId where the request was posted
   * @param expiresAt when it expires
   * @param why why a second person is needed (unescaped)
   * @return the embed, shown without buttons
   */
  public static MessageEmbed waiting(Review review, long channelId, Instant expiresAt, String why) {
    return new EmbedBuilder().setTitle(DiscordText.cutEscaped("Waiting for a second approval: " + review.title(), 250))
        .setColor(CardParts.NEUTRAL)
        .setDescription("Your Confirm is recorded. Because this is " + DiscordText.escape(why, 200) + ", another member"
            + " with an approver role must approve it in <#" + channelId + "> <t:" + expiresAt.getEpochSecond()
            + ":R>. **Nothing is sent until then**; this card shows the result.")
        .build();
  }

  /**
   * A request card (or the invoker's) once it ended without a send.
   *
   * @param title e.g. {@code Rejected by bob — not sent} (unescaped)
   * @param review what it would have done
   * @param askedBy the invoker's user id
   * @return the embed, without buttons
   */
  public static MessageEmbed ended(String title, Review review, long askedBy) {
    return new EmbedBuilder().setTitle(DiscordText.cutEscaped(DiscordText.escape(DiscordText.oneLine(title, 200), 200)
        + ": " + review.title(), 250)).setColor(CardParts.NEUTRAL)
        .setDescription(review.whatHappens() + "\n\nNothing was sent.")
        .addField("Asked by", "<@" + askedBy + ">", true).build();
  }

  /**
   * A result card marked with the two people.
   *
   * @param result the trade's result card
   * @param askedBy the invoker's user id
   * @param approvedBy the approver's user id
   * @return the same card with "Asked by" and "Approved by"
   */
  public static MessageEmbed approved(MessageEmbed result, long askedBy, long approvedBy) {
    EmbedBuilder e = new EmbedBuilder(result);
    if (e.getFields().size() <= 23) {
      e.addField("Asked by", "<@" + askedBy + ">", true).addField("Approved by", "<@" + approvedBy + ">", true);
    }
    return e.build();
  }
}
