package org.crosstradediscord.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@link SendGate} for the transports: whatever the gate throws ends as {@link NotSentException}. */
final class SendGates {
  private static final Logger log = LoggerFactory.getLogger(SendGates.class);

  private SendGates() {}

  /**
   * @param gate the call's gate ({@link SendGate#OPEN} for reads)
   * @param operationId the spec operationId about to be sent
   * @throws NotSentException the gate refused or failed: the caller must send nothing
   */
  static void pass(SendGate gate, String operationId) {
    if (gate == SendGate.OPEN) {
      return;
    }
    try {
      gate.beforeSend(operationId);
    } catch (NotSentException refused) {
      throw refused;
    } catch (VirtualMachineError fatal) {
      throw fatal; // nothing was sent either; not ours to wrap
    } catch (Throwable failed) {
      log.warn("{}: the send gate failed ({}); nothing was sent", operationId, failed.getClass().getSimpleName(),
          failed);
      throw new NotSentException(operationId, "the send gate failed ("
          + failed.getClass().getSimpleName() + ")", failed);
    }
  }
}
