package org.crosstradediscord.testing.spec;

/**
 * A named example of openapi.yaml.
 *
 * @param name the example's key, e.g. {@code noPosition}
 * @param status the response status it belongs to, or 0 for a request example
 * @param json the example value as JSON text
 */
public record SpecExample(String name, int status, String json) {
  @Override
  public String toString() {
    return (status == 0 ? "request" : String.valueOf(status)) + " " + name;
  }
}
