package org.crosstradediscord.bot.text;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import org.jspecify.annotations.Nullable;

/**
 * What a CrossTrade failure was, in a trader's words: never a Java class name or a spec operationId, and
 * "CrossTrade said" only with words CrossTrade actually sent ({@code error}/{@code detail} of its answer), not the
 * SDK's own message (which names the operation, e.g. {@code flatPlaceOrder: no response within …}).
 *
 * <p>Plain text, not escaped: callers escape for Discord ({@link DiscordText}).
 */
public final class FailureWords {
  /** The SDK's timeout messages say {@code within 5000 ms}. */
  private static final Pattern WITHIN_MS = Pattern.compile("\\bwithin (\\d{1,9}) ms\\b");

  /** A send gate's failure names its type in brackets, e.g. {@code the send gate failed (IllegalStateException)}. */
  private static final Pattern TYPE_IN_BRACKETS = Pattern.compile("\\s*\\((?:[\\w$.]+)(?:Exception|Error)\\)");

  private FailureWords() {}

  /**
   * @param e a failure
   * @return CrossTrade's own words (its {@code detail}, then its {@code error} in brackets when different), or empty
   *     when its answer carried none (a timeout, a lost connection, a request never sent…)
   */
  public static Optional<String> upstreamWords(CrossTradeException e) {
    String detail = e.detail().filter(s -> !s.isBlank()).map(String::strip).orElse(null);
    String error = e.error().filter(s -> !s.isBlank()).map(String::strip).orElse(null);
    if (detail != null) {
      return Optional.of(error != null && !error.equals(detail) ? detail + " (" + error + ")" : detail);
    }
    return Optional.ofNullable(error);
  }

  /**
   * @param e a failure
   * @return what happened, e.g. {@code no answer within 5 s}, {@code the connection was lost},
   *     {@code refused by CrossTrade: NinjaTrader not connected (HTTP 408)}; no upstream words
   */
  public static String whatHappened(CrossTradeException e) {
    return whatHappened(e, null);
  }

  /**
   * @param e a failure
   * @param requestTimeout the client's request timeout, to say how long a timeout waited when the SDK's message does
   *     not ({@code no answer within 20 s}), or null
   * @return {@link #whatHappened(CrossTradeException)}
   */
  public static String whatHappened(CrossTradeException e, @Nullable Duration requestTimeout) {
    int status = e.status();
    if (e instanceof NotSentException n) {
      return "not sent: " + TYPE_IN_BRACKETS.matcher(n.reason()).replaceAll("");
    }
    if (e instanceof OutcomeUnknownException o) {
      OutcomeUnknownException.Reason reason = o.reason();
      if (reason == null) {
        return status > 0 ? "no clear answer from CrossTrade (HTTP " + status + ")" : "no clear answer from CrossTrade";
      }
      return switch (reason) {
        case TIMEOUT -> "no answer within " + waited(e, requestTimeout);
        case CONNECTION_LOST -> "the connection was lost before CrossTrade answered";
        case SERVER_ERROR -> "CrossTrade answered with a server error (HTTP " + status + ")";
        case UNREADABLE_RESPONSE -> "CrossTrade's answer could not be read" + (status > 0 ? " (HTTP " + status + ")" : "");
        case INTERRUPTED -> "the bot stopped waiting for the answer";
        case UNEXPECTED_STATUS -> "CrossTrade answered with an unexpected status (HTTP " + status + ")";
      };
    }
    if (e instanceof NinjaTraderNotConnectedException) {
      return "refused by CrossTrade: NinjaTrader not connected" + http(status);
    }
    if (e instanceof UnauthorizedException) {
      return "refused by CrossTrade: the bot's token was not accepted" + http(status);
    }
    if (e instanceof RateLimitedException) {
      return status == 0 ? "not sent: too many requests queued in the bot"
          : "refused by CrossTrade: rate limit reached" + http(status);
    }
    if (e instanceof NoPositionException) {
      return "refused by CrossTrade: no open position" + http(status);
    }
    if (e instanceof RequestRejectedException) {
      return "refused by CrossTrade" + http(status);
    }
    if (e instanceof UnreachableException) {
      return "CrossTrade could not be reached";
    }
    return status > 0 ? "CrossTrade answered with an error (HTTP " + status + ")" : "the call to CrossTrade failed";
  }

  /**
   * @param e a failure
   * @return {@link #whatHappened}, then CrossTrade's words when it sent some, on one line (unescaped): the audit
   *     channel's and {@code /audit}'s form, e.g.
   *     {@code refused by CrossTrade: NinjaTrader not connected (HTTP 408) — CrossTrade said: NinjaTrader is offline}
   */
  public static String summary(CrossTradeException e) {
    return summary(e, null);
  }

  /** {@link #summary(CrossTradeException)}, saying how long a timeout waited ({@link #whatHappened(CrossTradeException, Duration)}). */
  public static String summary(CrossTradeException e, @Nullable Duration requestTimeout) {
    return whatHappened(e, requestTimeout) + upstreamWords(e).map(w -> " — CrossTrade said: " + SafeText.oneLine(w)).orElse("");
  }

  /**
   * @param e a failure
   * @return the outcome a {@code result} audit event stores: the SDK failure type (for operators and the metrics'
   *     status label), then {@link #summary}, e.g. {@code OutcomeUnknownException: no answer within 5 s}; the audit
   *     channel and {@code /audit} show it without the type ({@code audit.AuditLog#plain})
   */
  public static String auditOutcome(CrossTradeException e) {
    return auditOutcome(e, null);
  }

  /** {@link #auditOutcome(CrossTradeException)}, saying how long a timeout waited. */
  public static String auditOutcome(CrossTradeException e, @Nullable Duration requestTimeout) {
    return e.getClass().getSimpleName() + ": " + summary(e, requestTimeout);
  }

  /**
   * @param e a failure
   * @return the SDK's own account for the operators' JSON log only, e.g.
   *     {@code NinjaTraderNotConnectedException: flatPlaceOrder: HTTP 408: …}
   */
  public static String technical(CrossTradeException e) {
    return SafeText.oneLine(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }

  private static String http(int status) {
    return status > 0 ? " (HTTP " + status + ")" : "";
  }

  /** @return {@code 5 s} (or {@code 250 ms}) from the SDK's message or the request timeout, else {@code the request timeout} */
  private static String waited(CrossTradeException e, @Nullable Duration requestTimeout) {
    String message = e.getMessage();
    Matcher m = WITHIN_MS.matcher(message == null ? "" : message);
    long ms;
    if (m.find()) {
      ms = Long.parseLong(m.group(1));
    } else if (requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero()) {
      ms = requestTimeout.toMillis();
    } else {
      return "the request timeout";
    }
    return ms >= 1000 && ms % 1000 == 0 ? ms / 1000 + " s"
        : ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
  }

}
