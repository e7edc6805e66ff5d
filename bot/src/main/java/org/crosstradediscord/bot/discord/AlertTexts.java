package org.crosstradediscord.bot.discord;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertCommand;
import org.crosstradediscord.bot.alerts.AlertOrder;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.jspecify.annotations.Nullable;

/** What an alert asks for, in the desk's words, and how the halt switch and the limits see it. */
final class AlertTexts {
  private AlertTexts() {}

  /** @return one line, e.g. {@code PLACE BUY 1 MES 12-25 LIMIT 5500.25 DAY on Sim101} (unescaped) */
  static String what(Alert a) {
    StringBuilder s = new StringBuilder(a.command().name());
    AlertOrder o = a.order();
    if (o != null) {
      s.append(' ').append(o.action()).append(' ').append(o.quantity()).append(' ').append(a.instrument()).append(' ')
          .append(o.orderType());
      if (o.limitPrice() != null) {
        s.append(" limit ").append(o.limitPrice());
      }
      if (o.stopPrice() != null) {
        s.append(" stop ").append(o.stopPrice());
      }
      s.append(' ').append(o.timeInForce());
      if (o.strategy() != null) {
        s.append(" ATM ").append(o.strategy());
      }
    } else if (a.command() == AlertCommand.CLOSEPOSITION) {
      s.append(' ').append(a.instrument()).append(a.closeQuantity() == null ? " (all)" : " qty " + a.closeQuantity());
    } else if (a.command() == AlertCommand.CANCEL) {
      s.append(" order ").append(a.orderId());
    } else if (a.instrument() != null) {
      s.append(' ').append(a.instrument());
    }
    return s.append(" on ").append(a.account()).toString();
  }

  /**
   * @return the slash command whose halt rule the alert follows: {@code flatplace} for PLACE and FLATPLACE,
   *     {@code reverse} for REVERSEPOSITION (risk-increasing: refused while halted), else the closing command's name
   */
  static String haltCommand(Alert a) {
    return switch (a.command()) {
      case PLACE, FLATPLACE -> "flatplace";
      case REVERSEPOSITION -> "reverse";
      case CLOSEPOSITION -> "close";
      case FLATTEN -> "flatten";
      case CANCEL -> "cancel";
    };
  }

  /** @return the order as the limits see it, or null when the alert opens none */
  static @Nullable OrderIntent intent(Alert a) {
    AlertOrder o = a.order();
    return o == null ? null : new OrderIntent(a.account(), a.instrument(), o.action() == OrderAction.BUY,
        o.quantity(), o.orderType().getValue());
  }

  /** @return the audit line's arguments: alert id, source, command, account and the order's fields */
  static Map<String, String> auditArgs(String alertId, String source, Alert a) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("alert", alertId);
    args.put("source", source);
    args.put("command", a.command().name().toLowerCase(Locale.ROOT));
    args.put("account", a.account());
    if (a.instrument() != null) {
      args.put("instrument", a.instrument());
    }
    if (a.order() != null) {
      args.put("action", a.order().action().getValue());
      args.put("quantity", String.valueOf(a.order().quantity()));
    }
    return args;
  }

  /**
   * @return the alert's card once it ended ({@link AlertCards#ended}), drawn the same way by whoever ends it
   */
  static net.dv8tion.jda.api.entities.MessageEmbed ended(org.crosstradediscord.bot.store.AlertRow row, Alert alert,
      String title, String outcome, org.crosstradediscord.bot.rendering.AlertCards.Ending kind,
      @Nullable String followUp) {
    return org.crosstradediscord.bot.rendering.AlertCards.ended(row.alertId(), row.source(), what(alert),
        alert.fields(), row.receivedAt(), title, outcome, kind, followUp);
  }
}
