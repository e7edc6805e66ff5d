package org.crosstradediscord.bot.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The two-person rule's durable rows: requests for a second approval, kept on their pending confirmation
 * ({@code pending_action}, Flyway V7). Every change is one row-level compare-and-set, so across replicas and restarts a
 * request is approved, rejected or expired once, and never approved by the member who asked (the SQL itself refuses
 * it). Every method throws {@link StoreException} when the store cannot answer within its pool wait or the statement
 * fails.
 */
public interface ApprovalStore {
  /**
   * The invoker's Confirm of an action that needs a second person: {@code PENDING}, unexpired at {@code now} and
   * owned by {@code userId} → {@code AWAITING} until {@code expiresAt}.
   *
   * @param id the pending confirmation
   * @param userId the member who clicked Confirm
   * @param interactionId that click's interaction id
   * @param token that click's interaction token (edits the invoker's card from any replica; never logged)
   * @param now the click
   * @param expiresAt when the request expires unless approved
   * @return true for the one click that made the request
   */
  boolean request(String id, long userId, String interactionId, String token, Instant now, Instant expiresAt);

  /**
   * @param id a request
   * @return the invoker's Confirm interaction token, or null (unknown, or a /resume request)
   */
  @Nullable String requestToken(String id);

  /**
   * Records a request that has no review card (a {@code /resume}): inserted directly as {@code AWAITING}.
   *
   * @param row the row; its state must be {@link PendingState#AWAITING} and its {@code expiresAt} the request's expiry
   */
  void addRequest(PendingRow row);

  /**
   * @param id the request
   * @param channelId its card's channel
   * @param messageId its card
   */
  void posted(String id, long channelId, long messageId);

  /**
   * @param id the request
   * @return it, or null when unknown (or not a request: never posted, never awaited)
   */
  @Nullable ApprovalRow get(String id);

  /**
   * A second member's approval: {@code AWAITING}, unexpired at {@code now} and asked by someone else →
   * {@code CONFIRMED}, claimed by this click (its interaction and token, so a restart can report the outcome on the
   * request card) under a lease.
   *
   * @param id the request
   * @param approverId the member who clicked Approve (never the one who asked)
   * @param interactionId that click's interaction id
   * @param token that click's interaction token (cleared when the claim ends)
   * @param now the click
   * @param leaseUntil when the claim's holder is presumed dead
   * @return true for the one click that approved it
   */
  boolean approve(String id, long approverId, String interactionId, String token, Instant now, Instant leaseUntil);

  /**
   * Ends a waiting request: {@code AWAITING} → {@link PendingState#CANCELLED} (rejected or withdrawn) or
   * {@link PendingState#EXPIRED}, once.
   *
   * @param id the request
   * @param to CANCELLED or EXPIRED
   * @param now when
   * @return true when this call ended it
   */
  boolean end(String id, PendingState to, Instant now);

  /**
   * @param now the present
   * @return waiting requests past their expiry, oldest first, at most 100
   */
  List<ApprovalRow> expired(Instant now);
}
