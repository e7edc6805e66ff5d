package org.crosstradediscord.testing.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crosstradediscord.testing.spec.Spec;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The breaking-change check of the contract: openapi-diff (OpenAPITools, from Maven Central) compares a baseline
 * spec with a revision and classifies every change as compatible or not for existing clients, with its default
 * backward-incompatibility rules (removed operation, new required request field or parameter, narrowed request
 * enum, narrowed numeric range or length, widened response enum, changed type, removed response, …).
 */
final class BreakingChangeCheck {
  /** System property (set by testing/pom.xml) naming the last released spec, openapi/baseline/openapi-X.yaml. */
  static final String BASELINE_PROPERTY = "contract.baseline";

  /**
   * @param breaking true when the revision breaks a client of the baseline
   * @param report openapi-diff's Markdown report of every change (compatible ones too)
   */
  record Result(boolean breaking, String report) {}

  private BreakingChangeCheck() {}

  /**
   * Compares two specs.
   *
   * @param baselineYaml the released contract
   * @param revisionYaml the contract on the branch
   * @return whether the revision is breaking, with the report
   */
  static Result compare(String baselineYaml, String revisionYaml) {
    ChangedOpenApi diff = OpenApiCompare.fromContents(baselineYaml, revisionYaml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      new MarkdownRender().render(diff, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String verdict = diff.isUnchanged() ? "no changes"
        : diff.isIncompatible() ? "BREAKING: the API changes broke backward compatibility"
        : "the API changes are backward compatible";
    return new Result(diff.isIncompatible(), "Result: " + verdict + "\n\n" + out.toString(StandardCharsets.UTF_8));
  }

  /** @return the text of the last released contract named by {@value #BASELINE_PROPERTY} */
  static String baseline() {
    String path = System.getProperty(BASELINE_PROPERTY);
    if (path == null) {
      throw new IllegalStateException("-D" + BASELINE_PROPERTY + " is not set (testing/pom.xml sets it)");
    }
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the baseline contract " + path, e);
    }
  }

  /** @return the text of the contract on the branch: the openapi module's /openapi.yaml */
  static String current() {
    return Spec.get().text();
  }
}
