package org.crosstradediscord.bot.board;

import java.time.Duration;
import java.time.Instant;
import org.crosstradediscord.client.model.PnlUpdate;

/**
 * When a P&amp;L frame may be shown or acted on as current: the one notion of fresh shared by the desk board and the
 * daily loss guard. A frame is fresh when it has an {@code epoch} (when the add-on made it, ms since the Unix epoch)
 * within {@link #MAX_EPOCH_LAG} of its arrival on this machine's clock (either way: clocks differ by seconds, not
 * minutes), and it arrived no longer than {@code maxArrivalAge} ago. A frame without an epoch is never fresh.
 *
 * @param maxArrivalAge silence after which the newest frame is stale (the board: 3 × the stream's interval; the guard
 *     judges each frame as it arrives)
 */
public record Freshness(Duration maxArrivalAge) {
  /** Largest difference between a frame's epoch and its arrival. */
  public static final Duration MAX_EPOCH_LAG = Duration.ofSeconds(60);
  /** For judging a frame the moment it arrives. */
  public static final Freshness ON_ARRIVAL = new Freshness(Duration.ZERO);

  /** Why a frame is, or is not, fresh. */
  public enum Verdict {
    /** Show it, act on it. */
    FRESH,
    /** No frame yet. */
    NO_FRAME,
    /** The newest frame arrived longer than {@code maxArrivalAge} ago (the stream is silent). */
    SILENT,
    /** The frame has no epoch: when its numbers were made is unknown. */
    NO_EPOCH,
    /** The frame's epoch is more than {@link #MAX_EPOCH_LAG} before (or after) its arrival. */
    EPOCH_OFF
  }

  /**
   * @param frame the frame, or null when there is none
   * @param arrivedAt when it arrived (this machine's clock), or null when there is none
   * @param now the time of judging
   * @return {@link Verdict#FRESH}, or the first reason it is not (no frame, silent, no epoch, epoch off)
   */
  public Verdict judge(PnlUpdate frame, Instant arrivedAt, Instant now) {
    if (frame == null || arrivedAt == null) {
      return Verdict.NO_FRAME;
    }
    if (Duration.between(arrivedAt, now).compareTo(maxArrivalAge) > 0) {
      return Verdict.SILENT;
    }
    if (frame.getEpoch() == null) {
      return Verdict.NO_EPOCH;
    }
    Duration lag = Duration.between(Instant.ofEpochMilli(frame.getEpoch()), arrivedAt).abs();
    return lag.compareTo(MAX_EPOCH_LAG) > 0 ? Verdict.EPOCH_OFF : Verdict.FRESH;
  }
}
