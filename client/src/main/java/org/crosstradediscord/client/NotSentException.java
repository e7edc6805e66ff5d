package org.crosstradediscord.client;

import java.util.Objects;

/**
 * The request was stopped before any byte of it left the machine: a {@link SendGate} said no (or failed, then the
 * failure is the cause). Nothing was sent and nothing was executed. Status 0 (no response), no upstream
 * {@code error} or {@code detail}. Not a subtype of {@link UnreachableException}: the upstream was not the reason,
 * so trying again later is the caller's decision, not a safe default.
 */
public final class NotSentException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param operationId the spec operationId that was stopped, e.g. {@code flatPlaceOrder}
   * @param reason why, in plain words for a person (e.g. {@code "trading is halted"}); null becomes
   *     {@code "stopped by the send gate"}
   */
  public NotSentException(String operationId, String reason) {
    this(operationId, reason, null);
  }

  /**
   * @param operationId the spec operationId that was stopped
   * @param reason why, in plain words
   * @param cause what the gate threw, or null
   */
  NotSentException(String operationId, String reason, Throwable cause) {
    super(operationId, 0, null, null, Objects.requireNonNullElse(operationId, "request") + " was not sent: "
        + plain(reason) + ". Nothing left this machine; nothing was executed.", cause);
    this.reason = plain(reason);
  }

  private static String plain(String reason) {
    String r = reason == null ? "" : reason.strip();
    while (r.endsWith(".")) {
      r = r.substring(0, r.length() - 1).strip();
    }
    return r.isEmpty() ? "stopped by the send gate" : r;
  }

  /** @return why the request was stopped, in plain words (never null) */
  public String reason() {
    return reason;
  }
}
