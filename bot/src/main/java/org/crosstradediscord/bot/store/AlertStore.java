package org.crosstradediscord.bot.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The alert desk's durable rows ({@code alert}, {@code alert_seen}; Flyway V6). Every change is one row-level
 * compare-and-set, so across replicas an alert is recorded once per dedupe window and approved at most once. Every
 * method throws {@link StoreException} when the store cannot answer within its pool wait or the statement fails.
 */
public interface AlertStore {
  /**
   * What {@link #receive} made of an alert.
   *
   * @param accepted true when it was recorded now (a card must follow); false when it is a duplicate
   * @param alertId the new alert's id, or the id of the alert it duplicates
   */
  record Received(boolean accepted, String alertId) {}

  /**
   * Records an alert unless the same one (source and identity) was accepted within {@code dedupe}; one transaction.
   *
   * @param source the source's name (at most 64 characters)
   * @param identity 64 hex digits
   * @param fieldsJson the fields as a JSON object, without the key
   * @param now its arrival
   * @param dedupe the source's {@code dedupe_seconds}
   * @param expiresAt when it expires unless approved
   * @param state {@link AlertState#OPEN}, or {@link AlertState#REFUSED} with {@code outcome} when refused on arrival
   * @param outcome why it was refused on arrival, or null
   * @return accepted with a new id, or the duplicate's id
   */
  Received receive(String source, String identity, String fieldsJson, Instant now, Duration dedupe, Instant expiresAt,
      AlertState state, @Nullable String outcome);

  /**
   * @param alertId the alert
   * @param channelId its card's channel
   * @param messageId its card
   */
  void posted(String alertId, long channelId, long messageId);

  /**
   * @param alertId the alert
   * @return its row, or null when unknown
   */
  @Nullable AlertRow get(String alertId);

  /**
   * Claims an open, unexpired alert for one approver: OPEN → APPROVING, once across replicas.
   *
   * @param alertId the alert
   * @param approverId the member who clicked Approve
   * @param now the click
   * @param leaseUntil when the claim's holder is presumed dead (then {@link #due} reports it)
   * @return true for the one click that claimed it
   */
  boolean claim(String alertId, long approverId, Instant now, Instant leaseUntil);

  /**
   * The first of two approvals of an open, unexpired alert whose order needs two ({@code approvals.above_quantity}):
   * recorded once; the alert stays OPEN.
   *
   * @param alertId the alert
   * @param approverId the first approver
   * @param now the click
   * @return true for the one click that gave the first approval
   */
  boolean firstApproval(String alertId, long approverId, Instant now);

  /**
   * Claims an open, unexpired alert for its second approver: OPEN → APPROVING, once, and only when a first approval
   * was recorded by a different member.
   *
   * @param alertId the alert
   * @param approverId the second approver (never the first)
   * @param now the click
   * @param leaseUntil when the claim's holder is presumed dead
   * @return true for the one click that claimed it
   */
  boolean claimSecond(String alertId, long approverId, Instant now, Instant leaseUntil);

  /**
   * Ends an alert: {@code from} → {@code to} (a final state), once.
   *
   * @param alertId the alert
   * @param from the state it must be in (OPEN or APPROVING)
   * @param to the final state
   * @param decidedBy the member who rejected it (REJECTED), or null to keep the approver
   * @param outcome what became of it, in the desk's words (at most 1000 characters kept)
   * @param now when
   * @return true when this call ended it
   */
  boolean end(String alertId, AlertState from, AlertState to, @Nullable Long decidedBy, String outcome, Instant now);

  /**
   * @param now the present
   * @return open alerts past their expiry, and claims past their lease (the process died while sending), oldest
   *     first, at most 100
   */
  List<AlertRow> due(Instant now);

  /**
   * Deletes ended alerts last changed before {@code before}, and dedupe rows last taken before it.
   *
   * @param before the cut-off (the desk keeps 30 days)
   * @return how many alert rows were deleted
   */
  int prune(Instant before);
}
