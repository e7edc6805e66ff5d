package org.crosstradediscord.bot.alerts;

/** An alert body that cannot be read; {@link #problem()} names the field (answered as HTTP 400 with its line). */
public final class AlertRefused extends Exception {
  private final AlertProblem problem;

  /**
   * @param field the alert field, or {@code body}
   * @param message what is wrong with it
   */
  public AlertRefused(String field, String message) {
    super(field + ": " + message, null, false, false);
    this.problem = new AlertProblem(field, message);
  }

  /** @return the field and the reason */
  public AlertProblem problem() {
    return problem;
  }
}
