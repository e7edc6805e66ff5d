package org.crosstradediscord.bot.preview;

import org.crosstradediscord.bot.text.FailureWords;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.UnreachableException;

/** Why a preview's reads failed, in the member's words. */
final class ReadFailures {
  private ReadFailures() {}

  /** {@link Previews#reason}. */
  static String reason(Throwable failure, Duration waited) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutException) {
      return "no answer within " + waited.toMillis() + " ms";
    }
    if (t instanceof Reads.Skipped s) {
      return s.getMessage();
    }
    if (t instanceof RejectedExecutionException) {
      return "the bot is busy with other reads";
    }
    if (t instanceof NinjaTraderNotConnectedException) {
      return "NinjaTrader or the CrossTrade add-on is not connected";
    }
    if (t instanceof RateLimitedException) {
      return "CrossTrade's rate limit was reached";
    }
    if (t instanceof UnreachableException) {
      return "CrossTrade could not be reached";
    }
    if (t instanceof OutcomeUnknownException) {
      return "no clear answer from CrossTrade";
    }
    if (t instanceof CrossTradeException c) {
      return FailureWords.summary(c); // plain words: no operation id, no class name
    }
    return "the bot failed to read it";
  }
}
