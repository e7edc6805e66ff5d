package org.crosstradediscord.bot.ops;

import java.util.Map;

/**
 * Turns the free text of a {@code result} audit event's outcome into one of a few fixed metric label values, so
 * no upstream text, order id or member name can reach a label (and the number of series stays bounded).
 */
final class Outcomes {
  /** Exception simple names of the SDK (see {@code org.crosstradediscord.client}) → status label. */
  private static final Map<String, String> ERRORS = Map.of(
      "UnauthorizedException", "unauthorized",
      "RateLimitedException", "rate_limited",
      "RequestRejectedException", "rejected",
      "UnreachableException", "unreachable",
      "OutcomeUnknownException", "outcome_unknown",
      "NoPositionException", "no_position",
      "NinjaTraderNotConnectedException", "nt_not_connected",
      "CrossTradeException", "error");

  private Outcomes() {}

  /**
   * @param outcome a {@code result} event's outcome, e.g. {@code ok}, {@code RateLimitedException: …},
   *     {@code not sent: …}, {@code paper: not sent}, {@code outcome unknown: …}
   * @return {@code ok}, {@code unauthorized}, {@code rate_limited}, {@code rejected}, {@code unreachable},
   *     {@code outcome_unknown}, {@code no_position}, {@code nt_not_connected}, {@code error},
   *     {@code invalid_request}, {@code not_sent}, {@code paper}, {@code internal_error}, {@code reconciled} or
   *     {@code other}
   */
  static String status(String outcome) {
    if (outcome == null) {
      return "other";
    }
    if (outcome.equals("ok") || outcome.startsWith("ok ")) {
      return "ok";
    }
    if (outcome.startsWith("paper")) {
      return "paper";
    }
    if (outcome.startsWith("not sent") || outcome.startsWith("not read")) {
      return "not_sent";
    }
    if (outcome.startsWith("reconciled")) {
      return "reconciled"; // a follow-up of an unknown outcome: reads only, nothing sent
    }
    if (outcome.startsWith("outcome unknown")) {
      return "outcome_unknown";
    }
    if (outcome.startsWith("refused before sending")) {
      return "invalid_request";
    }
    if (outcome.startsWith("internal error")) {
      return "internal_error";
    }
    int colon = outcome.indexOf(':');
    String type = colon < 0 ? outcome : outcome.substring(0, colon);
    return ERRORS.getOrDefault(type, "other");
  }

  /**
   * @param status a label from {@link #status}
   * @return true when a request reached (or may have reached) CrossTrade: everything but {@code paper},
   *     {@code not_sent}, {@code invalid_request}, {@code reconciled} and {@code other}
   */
  static boolean sent(String status) {
    return switch (status) {
      case "paper", "not_sent", "invalid_request", "reconciled", "other" -> false;
      default -> true;
    };
  }
}
