package org.crosstradediscord.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract on the branch must not break clients of the last released contract (openapi/baseline/): this test
 * is the CI gate (scripts/test.sh), and prints openapi-diff's report. The other tests run the same check on
 * deliberately broken copies of the spec and on a compatible change, so the gate is known to bite.
 */
class BreakingChangeCheckTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theContractOnTheBranchDoesNotBreakTheLastReleasedOne() {
    BreakingChangeCheck.Result result =
        BreakingChangeCheck.compare(BreakingChangeCheck.baseline(), BreakingChangeCheck.current());
    System.out.println("Breaking-change check of openapi.yaml against " + java.nio.file.Path.of(System.getProperty(
        BreakingChangeCheck.BASELINE_PROPERTY)).normalize() + ":\n" + result.report());
    assertThat(result.breaking())
        .as("openapi.yaml breaks clients of the last released contract (%s); a breaking change needs a new major"
            + " release, see openapi/baseline/README.md. openapi-diff's report:%n%s",
            System.getProperty(BreakingChangeCheck.BASELINE_PROPERTY), result.report())
        .isFalse();
  }

  @Test
  void removingAnOperationIsBreaking() {
    BreakingChangeCheck.Result result = againstCurrent(spec -> ((ObjectNode) spec.get("paths"))
        .remove("/v1/api/accounts/{account}/orders/{orderId}/cancel"));
    assertThat(result.breaking()).as(result.report()).isTrue();
    assertThat(result.report()).contains("Result: BREAKING").contains("What's Deleted")
        .contains("`POST` /v1/api/accounts/{account}/orders/{orderId}/cancel");
  }

  @Test
  void aNewRequiredRequestFieldIsBreaking() {
    BreakingChangeCheck.Result result = againstCurrent(spec -> {
      ObjectNode orderRequest = schema(spec, "OrderRequest");
      ((ObjectNode) orderRequest.get("properties")).putObject("clientOrderId").put("type", "string");
      ((ArrayNode) orderRequest.get("required")).add("clientOrderId");
    });
    assertThat(result.breaking()).as(result.report()).isTrue();
    assertThat(result.report()).contains("Result: BREAKING")
        .contains("`POST` /v1/api/accounts/{account}/orders/flatplace")
        .contains("New required properties:\n- `clientOrderId`");
  }

  @Test
  void aNarrowedRequestEnumIsBreaking() {
    BreakingChangeCheck.Result result = againstCurrent(spec -> {
      ArrayNode values = (ArrayNode) schema(spec, "TimeInForce").get("enum");
      values.removeAll();
      values.add("DAY");
    });
    assertThat(result.breaking()).as(result.report()).isTrue();
    assertThat(result.report()).contains("Result: BREAKING").contains("Changed property `timeInForce`")
        .containsPattern("Removed enum value:\\s+\\* `GTC`");
  }

  @Test
  void aCompatibleChangePasses() {
    BreakingChangeCheck.Result result = againstCurrent(spec -> {
      ObjectNode properties = (ObjectNode) schema(spec, "OrderRequest").get("properties");
      properties.putObject("clientOrderId").put("type", "string");  // new and optional: old clients still valid
    });
    assertThat(result.breaking()).as(result.report()).isFalse();
    assertThat(result.report()).contains("Result: the API changes are backward compatible")
        .contains("Added property `clientOrderId`");
  }

  private static ObjectNode schema(ObjectNode spec, String name) {
    return (ObjectNode) spec.get("components").get("schemas").get(name);
  }

  /** The current spec against a copy of itself broken by {@code edit}: the same check as the CI gate. */
  private static BreakingChangeCheck.Result againstCurrent(Consumer<ObjectNode> edit) {
    String current = BreakingChangeCheck.current();
    try {
      ObjectNode copy = (ObjectNode) YAML.readTree(current);
      edit.accept(copy);
      BreakingChangeCheck.Result result = BreakingChangeCheck.compare(current, YAML.writeValueAsString(copy));
      System.out.println(result.report());
      return result;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
