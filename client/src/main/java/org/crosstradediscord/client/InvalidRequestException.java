package org.crosstradediscord.client;

import java.util.List;

/**
 * A request was refused by the SDK before anything was sent because it breaks a rule of openapi.yaml or of
 * the upstream docs (see {@link RequestRules}). Not a {@link CrossTradeException}: no call was made.
 */
public class InvalidRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** @param violations the rules broken, at least one */
  public InvalidRequestException(List<Violation> violations) {
    super("invalid request: " + Violation.describe(violations));
    this.violations = List.copyOf(violations);
  }

  /** @return the rules broken, in field order, at least one. */
  public List<Violation> violations() {
    return violations;
  }
}
