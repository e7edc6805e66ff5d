package org.crosstradediscord.bot.rendering;

import java.time.Duration;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.text.FailureWords;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.client.NinjaTraderNotConnectedException;
import org.crosstradediscord.client.NoPositionException;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimitedException;
import org.crosstradediscord.client.UnauthorizedException;
import org.crosstradediscord.client.UnreachableException;
import org.jspecify.annotations.Nullable;

/** The failure card of a confirmed action: a title and what to do for each kind of failure, the upstream's words. */
final class FailureCard {
  private FailureCard() {}

  /** {@link Cards#failure}. */
  static MessageEmbed failure(Review review, CrossTradeException failure, @Nullable Duration requestTimeout) {
    String advice;
    String title;
    if (failure instanceof OutcomeUnknownException) {
      title = "OUTCOME UNKNOWN: " + review.title();
      advice = "**Outcome unknown — check NinjaTrader before retrying.** The request may have been executed"
          + " (timeout, lost connection or server error); it was not re-sent.";
    } else if (failure instanceof NinjaTraderNotConnectedException) {
      title = "Not sent to the broker: " + review.title();
      advice = "NinjaTrader 8 or the CrossTrade add-on is not connected, so nothing was executed. Start NinjaTrader,"
          + " connect the add-on, then run the command again.";
    } else if (failure instanceof RateLimitedException r) {
      title = "Rate limited: " + review.title();
      advice = (r.status() == 0 ? "Too many requests were queued in the bot (it paces them to CrossTrade's budget);"
          + " nothing was sent." : "CrossTrade's rate limit was hit; nothing was executed.") + " Try again shortly"
          + r.retryAfter().map(d -> " (in about " + Math.max(1, d.toSeconds()) + " s)").orElse("") + ".";
    } else if (failure instanceof NoPositionException) {
      title = "No position: " + review.title();
      advice = "There is no open position there, so nothing was executed.";
    } else if (failure instanceof UnauthorizedException) {
      title = "Refused: " + review.title();
      advice = "CrossTrade did not accept the bot's token; nothing was executed. Ask the bot's operator to check"
          + " CROSSTRADE_TOKEN.";
    } else if (failure instanceof NotSentException) {
      title = "Not sent: " + review.title();
      advice = "The bot stopped the request before sending it; nothing was sent. Run the command again when the"
          + " reason below is gone.";
    } else if (failure instanceof UnreachableException) {
      title = "Not sent: " + review.title();
      advice = "The CrossTrade API could not be reached; nothing was sent. Try again shortly.";
    } else {
      title = "Refused: " + review.title();
      advice = "CrossTrade refused the request; nothing was executed.";
    }
    EmbedBuilder e = new EmbedBuilder().setTitle(title).setColor(CardParts.DANGER)
        .setDescription(advice + "\n\n" + happened(failure, requestTimeout));
    CardParts.addFields(e, review);
    return e.build();
  }

  /**
   * What happened, escaped for Discord: CrossTrade's own words in a code block when its answer carried some, else
   * the bot's plain account of it (a timeout, a lost connection…): never "CrossTrade said" for words it did not say,
   * never a class name or an operation id.
   */
  static String happened(CrossTradeException failure, @Nullable Duration requestTimeout) {
    String what = DiscordText.escape(FailureWords.whatHappened(failure, requestTimeout), 300);
    return FailureWords.upstreamWords(failure)
        .map(words -> "What happened: " + what + ".\nCrossTrade said" + (failure.status() > 0 ? " (HTTP "
            + failure.status() + ")" : "") + ":\n```\n" + DiscordText.inCode(words, 1500) + "\n```")
        .orElse("What happened: " + what + ".");
  }
}
