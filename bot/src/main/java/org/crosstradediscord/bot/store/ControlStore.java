package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The desk's controls beside the halt ({@link Store#controls()}): the board's message and its drawing lease, and the
 * guards' once-per-session trips (the daily loss limit, with whether a second person approved the resume after it; the
 * trailing drawdown). Every change is one row-level statement, so it happens once across replicas. Every method throws
 * {@link StoreException} when the store cannot answer within its pool wait or the statement fails.
 */
public interface ControlStore {
  /**
   * @param channelId a board channel
   * @return the board message's id in it, or empty when none was recorded
   */
  OptionalLong boardMessage(long channelId);
  /**
   * @param channelId a board channel
   * @param messageId the board message's id (replaces the one recorded)
   */
  void setBoardMessage(long channelId, long messageId);
  /**
   * Takes or renews the right to draw a channel's board (one replica at a time): succeeds when nobody holds it, this
   * owner holds it, or the holder's lease passed.
   *
   * @param channelId the board channel
   * @param owner this process (a random id per process)
   * @param now the time
   * @param leaseUntil until when this owner holds it
   * @return true when this owner holds it now
   */
  boolean leadBoard(long channelId, String owner, Instant now, Instant leaseUntil);
  /**
   * @param channelId the board channel
   * @param owner this process; the lease is dropped only if it holds it
   */
  void releaseBoard(long channelId, String owner);
  /**
   * Records that an account crossed its daily loss limit in a session, once per mode, account and session (row-level
   * insert). The account is compared in any case (stored lowercased, {@link java.util.Locale#ROOT}), so replicas that
   * spell it differently share one trip.
   *
   * @param mode the trading mode's key, {@code paper} or {@code live}: a paper trip leaves the live one unused
   * @param account the account (as configured, any case)
   * @param sessionDay the session's trading day, {@code YYYY-MM-DD} (unique per session)
   * @param at when
   * @return true when this call recorded it (and must act on it); false when it was already recorded
   */
  boolean tripDailyLoss(String mode, String account, String sessionDay, Instant at);
  /**
   * Forgets a recorded daily loss trip (the halt that should follow it could not be made, so the next frame may try
   * again).
   *
   * @param mode the trading mode's key, {@code paper} or {@code live}
   * @param account the account (as configured, any case)
   * @param sessionDay the session's trading day, {@code YYYY-MM-DD}
   */
  void untripDailyLoss(String mode, String account, String sessionDay);
  /**
   * @param mode the trading mode's key, {@code paper} or {@code live}
   * @param sessionDay the session's trading day, {@code YYYY-MM-DD}
   * @return true when a daily loss limit tripped in that session and no second person has approved a resume since
   *     ({@code approvals.for: [resume_after_daily_loss]})
   */
  boolean dailyLossUnresumed(String mode, String sessionDay);
  /**
   * Records that a second person approved the resume after the session's daily loss trips.
   *
   * @param mode the trading mode's key
   * @param sessionDay the session's trading day
   * @param at when
   */
  void dailyLossResumed(String mode, String sessionDay, Instant at);
  /**
   * Records that an account crossed its trailing-drawdown limit in a session, once across replicas (as
   * {@link #tripDailyLoss}, in its own table).
   *
   * @param mode the trading mode's key, {@code paper} or {@code live}
   * @param account the account (as configured, any case)
   * @param sessionDay the session's trading day, {@code YYYY-MM-DD}
   * @param at when
   * @return true for the one call that recorded it (that caller halts, and flattens when configured)
   */
  boolean tripTrailingDrawdown(String mode, String account, String sessionDay, Instant at);
  /**
   * Forgets a recorded trailing-drawdown trip (the halt that should follow could not be made).
   *
   * @param mode the trading mode's key
   * @param account the account
   * @param sessionDay the session's trading day
   */
  void untripTrailingDrawdown(String mode, String account, String sessionDay);
}
