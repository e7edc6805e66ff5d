package org.crosstradediscord.bot.rendering;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.DiscordText;
import org.jspecify.annotations.Nullable;

/**
 * The alert desk's cards, posted in a source's channel (public): what the alert asks for with every field as written
 * (escaped), when it arrived and when it expires (Discord timestamps), the refusals that already apply, and Approve
 * (danger) / Reject; then the same card ended: sent, not sent, outcome unknown, rejected, expired.
 */
public final class AlertCards {
  /** {@code custom_id} prefix of Approve; the alert id follows. */
  public static final String APPROVE = "alert:approve:";
  /** {@code custom_id} prefix of Reject; the alert id follows. */
  public static final String REJECT = "alert:reject:";

  private AlertCards() {}

  /**
   * The card while it waits for an approver (or, with a refusal, shown without Approve).
   *
   * @param alertId the alert's id
   * @param source the source's name
   * @param what one line, e.g. {@code PLACE BUY 1 MES 12-25 on Sim101} (unescaped)
   * @param fields every field as written, without the key (unescaped)
   * @param receivedAt arrival
   * @param expiresAt expiry
   * @param refusal why it cannot be approved (unescaped), or null when it can
   * @param affectsTitle what was read for it, e.g. {@code Current position}
   * @param affects the lines read ({@code Now: …}, {@code After: …}) or why they could not be (unescaped)
   * @return the embed
   */
  public static MessageEmbed open(String alertId, String source, String what, Map<String, String> fields,
      Instant receivedAt, Instant expiresAt, @Nullable String refusal, String affectsTitle, List<String> affects) {
    EmbedBuilder e = base(alertId, source, what, fields, receivedAt)
        .setColor(refusal == null ? CardParts.REVIEW : CardParts.NEUTRAL);
    if (!affects.isEmpty()) {
      e.addField(DiscordText.escape(affectsTitle, 100), DiscordText.cutEscaped(DiscordText.escape(
          String.join("\n", affects), 900), 1000), false);
    }
    if (refusal == null) {
      e.addField("Expires", "<t:" + expiresAt.getEpochSecond() + ":R> — not sent unless approved", false);
    } else {
      e.addField("Refused on arrival — nothing can be sent", DiscordText.cutEscaped(DiscordText.escape(refusal, 900),
          1000), false);
    }
    return e.build();
  }

  /**
   * @param alertId the alert's id
   * @return Approve (danger) and Reject
   */
  public static ActionRow buttons(String alertId) {
    return ActionRow.of(Button.danger(APPROVE + alertId, "Approve"), Button.secondary(REJECT + alertId, "Reject"));
  }

  /**
   * The card once it ended.
   *
   * @param alertId the alert's id
   * @param source the source's name
   * @param what as {@link #open}
   * @param fields as {@link #open}
   * @param receivedAt arrival
   * @param title e.g. {@code Sent}, {@code Rejected by alice}, {@code Expired — not sent} (unescaped)
   * @param outcome what happened, in the desk's words (unescaped)
   * @param kind the colour: sent, not sent, or unknown
   * @param followUp what a later check found (e.g. whether an order of unknown outcome exists), or null
   * @return the embed, without buttons
   */
  public static MessageEmbed ended(String alertId, String source, String what, Map<String, String> fields,
      Instant receivedAt, String title, String outcome, Ending kind, @Nullable String followUp) {
    EmbedBuilder e = base(alertId, source, what, fields, receivedAt)
        .setColor(switch (kind) {
          case SENT -> CardParts.OK;
          case NOT_SENT -> CardParts.NEUTRAL;
          case UNKNOWN -> CardParts.DANGER;
        })
        .addField(DiscordText.cutEscaped(DiscordText.escape(DiscordText.oneLine(title, 200), 200), 250),
            DiscordText.cutEscaped(DiscordText.escape(outcome, 900), 1000), false);
    if (followUp != null) {
      CardParts.checkedAfterwards(e, followUp);
    }
    return e.build();
  }

  /** How an alert ended, for its colour. */
  public enum Ending {
    /** Sent and answered. */
    SENT,
    /** Nothing was sent (rejected, expired, refused, paper, halted). */
    NOT_SENT,
    /** Sent, outcome unknown: check NinjaTrader. */
    UNKNOWN
  }

  private static EmbedBuilder base(String alertId, String source, String what, Map<String, String> fields,
      Instant receivedAt) {
    StringBuilder list = new StringBuilder();
    fields.forEach((k, v) -> list.append('`').append(DiscordText.inCode(k, 40)).append("` ")
        .append(DiscordText.escape(v, 120)).append('\n'));
    return new EmbedBuilder()
        .setTitle(DiscordText.cutEscaped("Alert " + alertId + " from " + DiscordText.escape(source, 64) + ": "
            + DiscordText.escape(what, 160), 250))
        .setDescription(list.length() > 3500 ? list.substring(0, 3500) + "…" : list.toString())
        .addField("Received", "<t:" + receivedAt.getEpochSecond() + ":T> (<t:" + receivedAt.getEpochSecond()
            + ":R>)", true)
        .setFooter("alert " + alertId + " · source " + DiscordText.oneLine(source, 64));
  }
}
