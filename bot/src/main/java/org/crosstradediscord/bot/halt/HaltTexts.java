package org.crosstradediscord.bot.halt;

import static org.crosstradediscord.bot.halt.HaltSwitch.MAX_REASON;
import static org.crosstradediscord.bot.halt.HaltSwitch.RISK_INCREASING_TEXT;

import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.text.DiscordText;

/**
 * What the halt switch tells the member (markdown; text the bot did not write is escaped): why a command is refused,
 * and the notes of a {@code /halt} or {@code /resume} that could not be saved or did not apply.
 */
final class HaltTexts {
  private HaltTexts() {}

  /**
   * @param state the halt in place
   * @return who halted, since when and why, what is refused and what still works
   */
  static String halted(HaltState state) {
    return "Trading is **halted** by " + DiscordText.escape(state.byUserName(), 64)
        + (state.since() == null ? "" : " since <t:" + state.since().getEpochSecond() + ":f>")
        + (state.reason() == null || state.reason().isBlank() ? "" : ": " + DiscordText.escape(state.reason(), MAX_REASON))
        + ". Commands that add risk (" + RISK_INCREASING_TEXT + ") are refused until `/resume`;"
        + " /close, /flatten and /cancel still work.";
  }

  /** @return the refusal while the state is unknown or stale (fail closed) */
  static String unreadable() {
    return "The halt switch cannot be read right now, so commands that add risk (" + RISK_INCREASING_TEXT
        + ") are refused. /close, /flatten and /cancel still work.";
  }

  /** @return the note of a halt a later change replaced before it was written */
  static String haltReplaced() {
    return "A newer halt or resume replaced this one before it was saved; its answer says where it stands.";
  }

  /** @return the note of a halt not written yet (it holds here and is retried) */
  static String haltNotSaved() {
    return "The halt holds in this bot now, but it could not be saved yet (storage"
        + " unavailable): other bot replicas may not see it and a restart would lose it. The bot keeps trying.";
  }

  /**
   * @param writeFailed whether the resume's write failed (it may still land)
   * @return the note of a resume not confirmed while the store cannot be read either
   */
  static String resumeUnconfirmed(boolean writeFailed) {
    return "The resume could not be confirmed and the halt switch cannot be read right"
        + " now, so trading stays **halted** in this bot" + (writeFailed ? " (the resume may still take effect in a"
        + " moment; the bot's presence shows it)" : "") + ". Try `/resume` again shortly.";
  }

  /** @return the note of a resume whose write failed while the store still holds a halt */
  static String resumeNotSaved() {
    return "The resume could not be saved; the store says trading is still **halted** (it may still take effect in a"
        + " moment; the bot's presence shows it). Try `/resume` again shortly.";
  }

  /**
   * @param now the halt the store holds
   * @return the note of a resume that did not apply because another halt is current
   */
  static String newerHalt(HaltState now) {
    return "A newer halt is in place (by " + DiscordText.escape(now.byUserName(), 64) + "), so trading stays **halted**."
        + " Run `/resume` again to end it.";
  }
}
