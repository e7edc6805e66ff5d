package org.crosstradediscord.bot.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code board} section: one message in {@code channelId} kept current from the upstream's P&amp;L stream.
 *
 * @param channelId the text channel of the board message
 * @param accounts the accounts shown, in order (each in {@code accounts.allowed}; 1 to {@value #MAX_ACCOUNTS})
 * @param refresh at most one edit per this, and the P&amp;L stream's interval (1 to 300 s, default 5 s)
 * @param reportAt when the session report is posted in the board channel, local time in {@code limits.session_zone}
 *     (covering the session in progress up to then), or null: at each session end ({@code limits.session_start})
 */
public record BoardConfig(long channelId, List<String> accounts, Duration refresh, @Nullable LocalTime reportAt) {
  /** Most accounts on one board (one Flatten button each, plus Halt, in Discord's 5 rows of 5 buttons). */
  public static final int MAX_ACCOUNTS = 10;

  /** Copies the list. */
  public BoardConfig {
    accounts = List.copyOf(accounts);
  }

  /** @return one line for the start-up summary */
  public String summary() {
    return "channel=" + channelId + " accounts=" + accounts + " refresh=" + refresh.toSeconds() + "s"
        + (reportAt == null ? "" : " report_at=" + reportAt);
  }
}
