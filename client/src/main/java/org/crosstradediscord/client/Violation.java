package org.crosstradediscord.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One broken request rule.
 *
 * @param field the request field as named in openapi.yaml, e.g. {@code limitPrice}, or {@code account} for
 *     the path parameter
 * @param rule what the field must satisfy, in plain words, e.g. {@code "is required when orderType is LIMIT"}
 */
public record Violation(String field, String rule) {

  /**
   * @param violations violations to describe
   * @return {@code "field rule; field rule"}
   */
  public static String describe(List<Violation> violations) {
    return violations.stream().map(v -> v.field() + " " + v.rule()).collect(Collectors.joining("; "));
  }
}
