package org.crosstradediscord.bot.discord;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.client.NotSentException;
import org.crosstradediscord.client.SendGate;

/**
 * The last checks of one confirmed trade, in this order: the bot is not shutting down; trading is not halted (only
 * for the risk-increasing commands, from the in-memory halt state: never waits); the click is not older than the
 * request timeout (an order is never sent late). Run on the call thread before the SDK is asked and again by the SDK
 * at the wire ({@link SendGate}: after the rate limiter's token, immediately before the request is written). Cheap
 * and non-blocking: the SDK may call it under its WebSocket send lock.
 */
final class SendChecks implements SendGate {
  private final String command;
  private final long clickedAtNanos;
  private final Duration maxAge;
  private final HaltSwitch halt;
  private final BooleanSupplier stopping;
  private volatile String haltedText;
  private volatile Runnable departed;

  /**
   * @param command the slash command (decides whether the halt applies)
   * @param clickedAtNanos {@link System#nanoTime()} of the Confirm click
   * @param maxAge the longest a click may wait for its send (the request timeout)
   * @param halt the halt switch
   * @param stopping true once the bot is shutting down
   */
  SendChecks(String command, long clickedAtNanos, Duration maxAge, HaltSwitch halt, BooleanSupplier stopping) {
    this.command = command;
    this.clickedAtNanos = clickedAtNanos;
    this.maxAge = maxAge;
    this.halt = halt;
    this.stopping = stopping;
  }

  /**
   * At the wire: the checks, then the order counts as on its way (a halt from now on says so).
   *
   * @param operationId the SDK operation about to be written
   * @throws NotSentException one of the checks failed; its {@link NotSentException#reason()} is the audit text
   */
  @Override
  public void beforeSend(String operationId) {
    check(operationId);
    if (HaltSwitch.RISK_INCREASING.contains(command) && departed == null) {
      departed = halt.departing();
    }
  }

  /**
   * The checks alone, in order (also run on the call thread before the SDK is asked).
   *
   * @param operationId the operation, or the command's name before the SDK is asked
   * @throws NotSentException one of the checks failed
   */
  void check(String operationId) {
    if (stopping.getAsBoolean()) {
      throw new NotSentException(operationId, "the bot was shutting down before it was sent");
    }
    String halted = halt.refusal(command);
    if (halted != null) {
      haltedText = halted;
      throw new NotSentException(operationId, halt.known().halted() ? "trading was halted before it was sent"
          : "the halt switch could not be read before it was sent");
    }
    long ageMs = (System.nanoTime() - clickedAtNanos) / 1_000_000;
    if (ageMs > maxAge.toMillis()) {
      throw new NotSentException(operationId, "it was " + ageMs + " ms after the click when it could be sent, longer"
          + " than the request timeout (" + maxAge.toMillis() + " ms); an order is never sent late");
    }
  }

  /** The SDK call returned (or never started): the order is no longer on its way. */
  void done() {
    Runnable d = departed;
    if (d != null) {
      d.run();
    }
  }

  /**
   * @param e a refusal of {@link #beforeSend}
   * @return what the member reads (markdown, escaped)
   */
  String forMember(NotSentException e) {
    String h = haltedText;
    if (h == null && e.getCause() != null) { // the checks themselves failed: the log has the exception
      return "Not sent: the bot failed while checking the order just before sending it.";
    }
    return h == null ? "Not sent: " + e.reason() + "."
        : e.reason().startsWith("trading was halted") ? "Halted while waiting to send. " + h : h;
  }
}
