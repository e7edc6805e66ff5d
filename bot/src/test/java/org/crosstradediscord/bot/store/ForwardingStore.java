package org.crosstradediscord.bot.store;

import org.crosstradediscord.bot.audit.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A store that forwards every call to a real one; tests override the calls they make slow, lost or failing. */
public class ForwardingStore implements Store {
  protected final Store real;

  /** @param real the store every call goes to */
  public ForwardingStore(Store real) {
    this.real = real;
  }

  @Override public void append(StoredEvent event) { real.append(event); }
  @Override public List<StoredEvent> recent(OptionalLong userId, int count) { return real.recent(userId, count); }
  @Override public void export(Instant from, Instant to, Consumer<StoredEvent> sink) { real.export(from, to, sink); }
  @Override public HaltState halt() { return real.halt(); }
  @Override public void setHalt(HaltState state) { real.setHalt(state); }
  @Override public boolean resumeHalt(HaltState resumed, Instant haltedSince) { return real.resumeHalt(resumed, haltedSince); }
  @Override public void addPending(PendingRow row) { real.addPending(row); }
  @Override public PendingRow pending(String id) { return real.pending(id); }
  @Override public boolean claimPending(String id, long userId, String interactionId, String token, Instant now,
      Instant leaseUntil) { return real.claimPending(id, userId, interactionId, token, now, leaseUntil); }
  @Override public boolean unclaimPending(String id, String interactionId, Instant now) {
    return real.unclaimPending(id, interactionId, now); }
  @Override public boolean movePending(String id, PendingState from, PendingState to, Instant now) {
    return real.movePending(id, from, to, now); }
  @Override public boolean endPending(String id, PendingState to, String interactionId, Instant now) {
    return real.endPending(id, to, interactionId, now); }
  @Override public List<PendingRow> staleClaims(Instant now, Instant claimedBefore) { return real.staleClaims(now, claimedBefore); }
  @Override public int prunePending(Instant before) { return real.prunePending(before); }
  @Override public boolean shared() { return real.shared(); }
  @Override public ControlStore controls() { return real.controls(); }
  @Override public AlertStore alerts() { return real.alerts(); }
  @Override public ApprovalStore approvals() { return real.approvals(); }
  @Override public UnknownOutcomes unknowns() { return real.unknowns(); }
  @Override public String describe() { return real.describe(); }
  @Override public ReportStore reports() { return real.reports(); }
  @Override public void close() { real.close(); }
}
