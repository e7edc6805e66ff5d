package org.crosstradediscord.bot.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The two-person rule ({@code approvals}; docs/config.md): which actions need a second member's approval, where the
 * requests go and who may approve them. Absent = off (null in {@link BotConfig#approvals()}).
 *
 * @param channelId the text channel where request cards are posted ({@code approvals.channel_id})
 * @param approvers the roles whose members may give the second approval ({@code approvals.approvers}, at least one);
 *     the member who asked never may, whatever roles they hold
 * @param aboveQuantity risk-increasing orders (flat-place, reverse; alert-desk orders) with more contracts than this
 *     need a second person ({@code approvals.above_quantity}, 1..100000); absent = no quantity rule ({@link Long#MAX_VALUE})
 * @param always the actions that always need one ({@code approvals.for})
 * @param ttl how long a request waits for its approval ({@code approvals.ttl_seconds}, 10..3600, default 120 s)
 */
public record ApprovalsConfig(long channelId, List<Long> approvers, long aboveQuantity, Set<Always> always,
    Duration ttl) {
  /** Copies the collections. */
  public ApprovalsConfig {
    approvers = List.copyOf(approvers);
    always = Set.copyOf(always);
  }

  /** An action that always needs a second person when listed in {@code approvals.for}. */
  public enum Always {
    /** {@code flatten_everything}: a /flatten without an account (it reaches every account). */
    FLATTEN_EVERYTHING("flatten_everything"),
    /** {@code resume_after_daily_loss}: a /resume while the halt is the daily loss guard's. */
    RESUME_AFTER_DAILY_LOSS("resume_after_daily_loss");

    private final String key;

    Always(String key) {
      this.key = key;
    }

    /** @return the YAML key, e.g. {@code flatten_everything} */
    public String key() {
      return key;
    }
  }

  /**
   * @param quantity an order's contracts
   * @return true when an order this large needs a second person
   */
  public boolean needsSecond(long quantity) {
    return quantity > aboveQuantity;
  }

  /** @return one line for the start-up summary */
  public String summary() {
    return "channel_id=" + channelId + " approvers=" + approvers
        + (aboveQuantity == Long.MAX_VALUE ? "" : " above_quantity=" + aboveQuantity)
        + " for=" + always.stream().map(Always::key).sorted().toList() + " ttl=" + ttl.toSeconds() + "s";
  }
}
