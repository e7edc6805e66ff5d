package org.crosstradediscord.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract itself: it parses cleanly, declares what the product needs, and its examples obey it. */
class SpecTest {
  private static final Spec SPEC = Spec.get();
  private static final OpenApiInteractionValidator VALIDATOR = SPEC.validator();

  @Test
  void spec_parsesWithNoErrorsOrWarnings() {
    assertThat(SPEC.parseResult().getMessages()).isEmpty();
    assertThat(SPEC.model().getOpenapi()).isEqualTo("3.0.3");
  }

  /**
   * operationIds are the SDK's method names and the keys of its operations table: every operation of the last
   * released contract (openapi/baseline/) keeps its operationId, method and path (the breaking-change check sees a
   * removed path, not a renamed operationId). New operations are checked against the SDK by OperationTableTest.
   */
  @Test
  void everyReleasedOperation_keepsItsOperationIdMethodAndPath() {
    Map<String, String> released = new HashMap<>();
    OpenAPI baseline = new OpenAPIV3Parser().readContents(BreakingChangeCheck.baseline(), null, null).getOpenAPI();
    baseline.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
        released.put(op.getOperationId(), method.name() + " " + path)));
    Map<String, String> ops = SPEC.operations().stream()
        .collect(Collectors.toMap(SpecOperation::operationId, o -> o.method() + " " + o.pathTemplate()));

    assertThat(released).isNotEmpty();
    assertThat(ops).containsAllEntriesOf(released);
    assertThat(SPEC.operation("getAllPositions").queryParams()).containsExactly("includeFlat");
    assertThat(SPEC.operation("getPosition").queryParams()).containsExactly("instrument");
  }

  @Test
  void everyResponseSchema_toleratesUnknownFields_andTheSpecSaysSo() {
    for (SpecOperation op : SPEC.operations()) {
      for (SpecExample ex : op.responseExamples()) {
        String withExtra = ex.json().replaceFirst("^\\{", "{\"fieldTheDocsDoNotList\":{\"x\":[1,2]},");
        ValidationReport report = VALIDATOR.validateResponse(op.path("Sim101"), Request.Method.valueOf(op.method()),
            SimpleResponse.Builder.status(ex.status()).withContentType("application/json").withBody(withExtra).build());
        assertThat(report.getMessages()).as(op.operationId() + " " + ex + ": " + withExtra).isEmpty();
      }
    }
    assertThat(SPEC.model().getInfo().getDescription()).contains("clients must ignore unknown");
  }

  @Test
  void everyOperation_declaresBearerSecurityItself_andItsWebSocketRpcName() {
    for (SpecOperation op : SPEC.operations()) {
      assertThat(op.securedAtOperationLevel()).as(op.operationId()).isTrue();
      assertThat(op.websocketRpc()).as(op.operationId()).isNotBlank();
    }
  }

  @Test
  void flatten_descriptionWarnsThatAnEmptyBodyFlattensEveryAccount() {
    String description = SPEC.model().getPaths().get("/v1/api/positions/flatten").getPost().getDescription();
    assertThat(description).contains("WARNING").contains("EVERY account");
  }

  /**
   * Every operation has request and success examples and declares 400, 401 and 429 with examples; every write
   * declares 408 (NinjaTrader not connected) too. A read may leave 408 out only when CrossTrade's own server answers
   * it without the add-on (the simulator then answers it while "disconnected").
   */
  @Test
  void everyOperation_hasRequestAndSuccessExamples() {
    for (SpecOperation op : SPEC.operations()) {
      assertThat(op.requestExamples()).as(op.operationId()).isNotEmpty();
      assertThat(op.responses(200)).as(op.operationId()).isNotEmpty();
      List<Integer> required = op.hasBody() ? List.of(400, 401, 408, 429) : List.of(400, 401, 429);
      for (int status : required) {
        assertThat(op.responses(status)).as(op.operationId() + " " + status).isNotEmpty();
      }
      if (op.declares(408)) {
        assertThat(op.responses(408)).as(op.operationId() + " 408").isNotEmpty();
      } else {
        assertThat(SPEC.model().getPaths().get(op.pathTemplate()).getGet().getDescription()).as(op.operationId())
            .contains("does not need the add-on");
      }
    }
  }

  static Stream<Arguments> requestExamples() {
    return SPEC.operations().stream()
        .flatMap(op -> op.requestExamples().stream().map(ex -> Arguments.of(op.operationId(), ex)));
  }

  static Stream<Arguments> responseExamples() {
    return SPEC.operations().stream()
        .flatMap(op -> op.responseExamples().stream().map(ex -> Arguments.of(op.operationId(), ex)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("requestExamples")
  void requestExample_isAcceptedByTheSpec(String operationId, SpecExample example) {
    ValidationReport report = VALIDATOR.validateRequest(request(SPEC.operation(operationId), example.json()));
    assertThat(report.getMessages()).as(example.json()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("responseExamples")
  void responseExample_validatesAgainstItsSchema(String operationId, SpecExample example) {
    SpecOperation op = SPEC.operation(operationId);
    ValidationReport report = VALIDATOR.validateResponse(op.path("Sim101"), Request.Method.valueOf(op.method()),
        SimpleResponse.Builder.status(example.status()).withContentType("application/json")
            .withBody(example.json()).build());
    assertThat(report.getMessages()).as(example.json()).isEmpty();
  }

  @Test
  void reads_haveParameterSetExamples_andGetAllPositionsHasBothIncludeFlatValues() {
    assertThat(SPEC.operation("getAllPositions").requestExamples()).extracting(SpecExample::json)
        .containsExactly("{\"includeFlat\":false}", "{\"includeFlat\":true}");
    assertThat(SPEC.operation("getPosition").requestExamples()).singleElement()
        .satisfies(e -> assertThat(e.json()).contains("\"account\":\"Sim101\"", "\"instrument\":\"ES 12-25\""));
  }

  @Test
  void getPosition_withoutInstrument_isRejected() {
    Request r = new SimpleRequest.Builder("GET", "/v1/api/accounts/Sim101/position")
        .withAuthorization("Bearer test-token").build();
    assertThat(VALIDATOR.validateRequest(r).getMessages()).extracting(m -> m.getKey())
        .contains("validation.request.parameter.query.missing");
  }

  @Test
  void cancelOrder_withABody_isRejected() {
    assertThat(keys(request(SPEC.operation("cancelOrder"), "{\"orderId\":\"x\"}"))).isNotEmpty();
  }

  @Test
  void flatPlace_withQuantityZero_isRejected() {
    assertThat(keys(request(SPEC.operation("flatPlaceOrder"),
        "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"orderType\":\"MARKET\",\"quantity\":0,\"timeInForce\":\"DAY\"}")))
        .contains("validation.request.body.schema.minimum");
  }

  @Test
  void flatPlace_withUnknownOrderType_isRejected() {
    assertThat(keys(request(SPEC.operation("flatPlaceOrder"),
        "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"orderType\":\"STOP\",\"quantity\":1,\"timeInForce\":\"DAY\"}")))
        .contains("validation.request.body.schema.enum");
  }

  @Test
  void flatPlace_withRenamedField_isRejected() {
    assertThat(keys(request(SPEC.operation("flatPlaceOrder"),
        "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"orderType\":\"MARKET\",\"qty\":1,\"timeInForce\":\"DAY\"}")))
        .contains("validation.request.body.schema.required", "validation.request.body.schema.additionalProperties");
  }

  @Test
  void flatPlace_withoutRequiredTimeInForce_isRejected() {
    assertThat(keys(request(SPEC.operation("flatPlaceOrder"),
        "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"orderType\":\"MARKET\",\"quantity\":1}")))
        .contains("validation.request.body.schema.required");
  }

  @Test
  void flatPlace_withQuantityAsText_isRejected() {
    assertThat(keys(request(SPEC.operation("reversePosition"),
        "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"orderType\":\"MARKET\",\"quantity\":\"1\",\"timeInForce\":\"DAY\"}")))
        .contains("validation.request.body.schema.type");
  }

  @Test
  void flatPlace_withZeroLimitPrice_isRejected() {
    assertThat(keys(request(SPEC.operation("flatPlaceOrder"),
        "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"orderType\":\"LIMIT\",\"quantity\":1,\"timeInForce\":\"DAY\",\"limitPrice\":0}")))
        .contains("validation.request.body.schema.minimum");
  }

  @Test
  void closePosition_withPercentAboveOne_isRejected() {
    assertThat(keys(request(SPEC.operation("closePosition"), "{\"instrument\":\"ES 12-25\",\"percent\":25}")))
        .contains("validation.request.body.schema.maximum");
  }

  @Test
  void flatten_withUpperCaseMarketPosition_isRejected() {
    assertThat(keys(request(SPEC.operation("flatten"), "{\"account\":\"Sim101\",\"marketPosition\":\"LONG\"}")))
        .contains("validation.request.body.schema.enum");
  }

  @Test
  void request_withoutBearerToken_isRejected() {
    Request noAuth = new SimpleRequest.Builder("POST", SPEC.operation("flatten").path("Sim101"))
        .withContentType("application/json").withBody("{\"account\":\"Sim101\"}").build();
    assertThat(VALIDATOR.validateRequest(noAuth).getMessages()).extracting(m -> m.getKey())
        .contains("validation.request.security.missing");
  }

  @Test
  void response_withoutOrderId_isRejected() {
    ValidationReport report = VALIDATOR.validateResponse(SPEC.operation("flatPlaceOrder").path("Sim101"),
        Request.Method.POST, SimpleResponse.Builder.status(200).withContentType("application/json")
            .withBody("{\"success\":true}").build());
    assertThat(report.getMessages()).extracting(m -> m.getKey()).contains("validation.response.body.schema.required");
  }

  @Test
  void response_withUnknownFields_isAccepted() {
    ValidationReport report = VALIDATOR.validateResponse(SPEC.operation("flatPlaceOrder").path("Sim101"),
        Request.Method.POST, SimpleResponse.Builder.status(200).withContentType("application/json")
            .withBody("{\"orderId\":\"abc\",\"success\":true,\"somethingNew\":{\"x\":1}}").build());
    assertThat(report.getMessages()).isEmpty();
  }

  private static Request request(SpecOperation op, String json) {
    if (!op.hasBody()) {
      Map<String, Object> params = new java.util.LinkedHashMap<>();
      try {
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fields()
            .forEachRemaining(f -> params.put(f.getKey(), f.getValue().isBoolean() ? f.getValue().asBoolean() : f.getValue().asText()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(json, e);
      }
      SimpleRequest.Builder b = new SimpleRequest.Builder(op.method(), op.pathWith(params))
          .withAuthorization("Bearer test-token");
      op.queryWith(params).forEach(b::withQueryParam);
      return b.build();
    }
    return new SimpleRequest.Builder(op.method(), op.path("Sim101"))
        .withAuthorization("Bearer test-token").withContentType("application/json").withBody(json).build();
  }

  private static List<String> keys(Request request) {
    return VALIDATOR.validateRequest(request).getMessages().stream().map(m -> m.getKey()).toList();
  }
}
