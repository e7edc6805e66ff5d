package org.crosstradediscord.bot.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code board} section: one message in {@code channelId} kept current from the upstream's P&amp;L stream.
 *
 * @param channelId the text channel of the board message
 * @param accounts the accounts shown, in order (each in {@code accounts.allowed}; 1 to {@value #MAX_ACCOUNTS})
 * @param refresh at most one edit per this, and the P&amp;L stream's interval (1 to 300 s, default 5 s)
 */
public record BoardConfig(long channelId, List<String> accounts, Duration refresh) {
  /** Most accounts on one board (one Flatten button each, plus Halt, in Discord's 5 rows of 5 buttons). */
  public static final int MAX_ACCOUNTS = 10;

  /** Copies the list. */
  public BoardConfig {
    accounts = List.copyOf(accounts);
  }

  /** @return one line for the start-up summary */
  public String summary() {
    return "channel=" + channelId + " accounts=" + accounts + " refresh=" + refresh.toSeconds() + "s";
  }
}
