package org.crosstradediscord.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.crosstradediscord.client.RequestRules;
import org.crosstradediscord.client.Violation;
import org.crosstradediscord.client.invoker.ApiClient;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.testing.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's hand-written {@link RequestRules} restate the request schemas of openapi.yaml (required, minLength,
 * minimum/exclusiveMinimum, maximum). Every such constraint read from the spec here must be enforced by the rules,
 * so a spec change the rules miss fails the build: for each constraint, a request that is valid except for that one
 * property must be refused, naming the property.
 */
class RequestRulesMatchTheSpecTest {
  private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();

  /** A request schema, how to build a valid request around one property, and the rule that checks it. */
  record Target(String schema, Function<String, Map<String, Object>> validAround,
      Function<Map<String, Object>, List<Violation>> rules) {}

  static final List<Target> TARGETS = List.of(
      new Target("OrderRequest", p -> new LinkedHashMap<>(Map.of("instrument", "MES 12-25", "action", "BUY",
          "quantity", 1, "orderType", "STOPLIMIT", "timeInForce", "DAY", "limitPrice", 5000.25, "stopPrice", 5000.0)),
          m -> RequestRules.check(JSON.convertValue(m, OrderRequest.class))),
      new Target("ClosePositionRequest", p -> {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("instrument", "MES 12-25"));
        if (p.equals("quantity")) {
          m.put("quantity", 1);
        } else if (p.equals("percent")) {
          m.put("percent", 0.5);
        }
        return m;
      }, m -> RequestRules.check(JSON.convertValue(m, ClosePositionRequest.class))),
      new Target("FlattenRequest", p -> new LinkedHashMap<>(Map.of("account", "Sim101", "instrument", "MES 12-25")),
          m -> RequestRules.checkFiltered(JSON.convertValue(m, FlattenRequest.class))));

  /** One constraint of the spec turned into the smallest request that breaks it. */
  record Breach(String schema, String property, String constraint, Object value) {
    @Override
    public String toString() {
      return schema + "." + property + " " + constraint + " (sent " + value + ")";
    }
  }

  static Stream<Arguments> constraints() {
    List<Arguments> out = new ArrayList<>();
    for (Target t : TARGETS) {
      Schema<?> schema = Spec.get().model().getComponents().getSchemas().get(t.schema());
      List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
      for (String p : required) {
        out.add(Arguments.of(t, new Breach(t.schema(), p, "required", null)));
      }
      for (Map.Entry<String, Schema> e : schema.getProperties().entrySet()) {
        String p = e.getKey();
        Schema<?> s = e.getValue();
        boolean integer = "integer".equals(s.getType());
        if (s.getMinLength() != null && s.getMinLength() > 0) {
          out.add(Arguments.of(t, new Breach(t.schema(), p, "minLength " + s.getMinLength(),
              "x".repeat(s.getMinLength() - 1))));  // one character short: "" for minLength 1
        }
        if (s.getMinimum() != null) {
          BigDecimal min = s.getMinimum();
          boolean exclusive = Boolean.TRUE.equals(s.getExclusiveMinimum());
          Object below = integer ? (Object) (exclusive ? min.intValue() : min.intValue() - 1)
              : (Object) (exclusive ? min.doubleValue() : min.doubleValue() - 0.001);
          out.add(Arguments.of(t, new Breach(t.schema(), p, (exclusive ? "exclusiveMinimum " : "minimum ") + min, below)));
        }
        if (s.getMaximum() != null) {
          BigDecimal max = s.getMaximum();
          boolean exclusive = Boolean.TRUE.equals(s.getExclusiveMaximum());
          Object above = integer ? (Object) (exclusive ? max.intValue() : max.intValue() + 1)
              : (Object) (exclusive ? max.doubleValue() : max.doubleValue() + 0.001);
          out.add(Arguments.of(t, new Breach(t.schema(), p, (exclusive ? "exclusiveMaximum " : "maximum ") + max, above)));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("constraints")
  void everyConstraintOfTheSpec_isEnforcedByTheRules_beforeAnythingIsSent(Target t, Breach b) {
    Map<String, Object> request = t.validAround().apply(b.property());
    assertThat(t.rules().apply(request)).as("the base request is valid").isEmpty();
    if (b.value() == null) {
      request.remove(b.property());
    } else {
      request.put(b.property(), b.value());
    }

    assertThat(t.rules().apply(request)).extracting(Violation::field).as("violations for %s", b).contains(b.property());
  }

  @Test
  void theConstraintsAreReallyRead() {
    assertThat(constraints().count()).as("required + minLength + minimum + maximum found in the spec")
        .isGreaterThanOrEqualTo(12);
  }
}
