package org.crosstradediscord.testing.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderIdResponse;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated client, through the front door, against a real WireMock serving the spec's own examples:
 * every request the SDK sends and every response served are validated against openapi.yaml.
 */
class SdkContractTest {
  private static final WireMockSpecServer WM = new WireMockSpecServer();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    WM.reset();
  }

  @AfterAll
  static void stop() {
    WM.close();
  }

  static Stream<Arguments> successCases() {
    return Spec.get().operations().stream().flatMap(op -> op.requestExamples().stream()
        .flatMap(req -> op.responses(200).stream().map(res -> Arguments.of(op.operationId(), req, res))));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("successCases")
  void operation_sendsTheDocumentedRequest_andRoundTripsTheDocumentedResponse(
      String operationId, SpecExample request, SpecExample response) throws Exception {
    SpecOperation op = Spec.get().operation(operationId);
    WM.server.stubFor(post(urlPathEqualTo(op.path("Sim101"))).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(response.json())));

    Object result = SdkOperations.call(WM.client(), operationId, "Sim101", request.json());

    WM.server.verify(1, postRequestedFor(urlPathEqualTo(op.path("Sim101")))
        .withHeader("Authorization", equalTo("Bearer " + WireMockSpecServer.TOKEN))
        .withRequestBody(equalToJson(request.json())));
    assertThat(JSON.readTree(SdkOperations.toJson(result))).isEqualTo(JSON.readTree(response.json()));
    assertThat(WM.validation.exchanges()).hasSize(1);
    assertThat(WM.validation.exchanges().get(0).report().getMessages())
        .as(WM.validation.exchanges().get(0).describe()).isEmpty();
  }

  @Test
  void everyOperationInTheSpec_hasAContractTest() {
    assertThat(Spec.get().operations()).extracting(SpecOperation::operationId)
        .allSatisfy(id -> assertThat(SdkOperations.COVERED).as("operation without contract test").contains(id));
    assertThat(successCases().count()).isGreaterThanOrEqualTo(Spec.get().operations().size());
  }

  @Test
  void flatPlace_withAccountNeedingEncoding_isPercentEncodedInThePath() {
    WM.server.stubFor(post(urlPathEqualTo("/v1/api/accounts/Sim%20101%2FA/orders/flatplace"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"orderId\":\"abc123\",\"success\":true}")));

    OrderIdResponse placed = WM.client().flatPlaceOrder("Sim 101/A", marketBuy());

    assertThat(placed.getOrderId()).isEqualTo("abc123");
    assertThat(WM.server.getAllServeEvents().get(0).getRequest().getUrl())
        .isEqualTo("/v1/api/accounts/Sim%20101%2FA/orders/flatplace");
  }

  @Test
  void responseWithUnknownFields_isAccepted_andKeepsThem() {
    WM.server.stubFor(post(urlPathEqualTo(Spec.get().operation("flatPlaceOrder").path("Sim101")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"orderId\":\"abc\",\"success\":true,\"fillPrice\":5500.25}")));

    OrderIdResponse placed = WM.client().flatPlaceOrder("Sim101", marketBuy());

    assertThat(placed.getOrderId()).isEqualTo("abc");
    assertThat(placed.getAdditionalProperty("fillPrice")).isEqualTo(5500.25);
    assertThat(WM.validation.exchanges().get(0).report().getMessages()).isEmpty();
  }

  @Test
  void flatPlace_withLimitOrderWithoutLimitPrice_isRejected_beforeAnyRequest() {
    CrossTradeClient client = WM.client();
    OrderRequest limit = marketBuy().orderType(OrderType.LIMIT);

    assertThatThrownBy(() -> client.flatPlaceOrder("Sim101", limit))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limitPrice");
    assertThat(WM.server.getAllServeEvents()).isEmpty();
  }

  @Test
  void flatten_withNoFilters_isRejected_beforeAnyRequest() {
    CrossTradeClient client = WM.client();

    assertThatThrownBy(() -> client.flatten(new FlattenRequest()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("flattenEverything()");
    assertThatThrownBy(() -> client.flatten(null)).isInstanceOf(InvalidRequestException.class);
    assertThat(WM.server.getAllServeEvents()).isEmpty();
  }

  @Test
  void flattenEverything_sendsAnEmptyObject() throws Exception {
    WM.server.stubFor(post(urlPathEqualTo("/v1/api/positions/flatten")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"orderIds\":[],\"closedPositions\":[],\"success\":true}")));

    WM.client().flattenEverything();

    JsonNode sent = JSON.readTree(WM.server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(sent.isObject() && sent.isEmpty()).as(sent.toString()).isTrue();
  }

  @Test
  void stubThatBreaksTheSpec_isReportedByTheValidation() {
    WM.server.stubFor(post(urlPathEqualTo(Spec.get().operation("closePosition").path("Sim101")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"closedPositions\":[{\"account\":\"Sim101\",\"instrument\":\"ES 12-25\","
                + "\"marketPosition\":\"Long\",\"quantity\":\"four\"}],\"success\":true}")));

    try {
      WM.client().closePosition("Sim101",
          new org.crosstradediscord.client.model.ClosePositionRequest().instrument("ES 12-25"));
    } catch (RuntimeException expectedUnreadable) {
      // the SDK cannot read "four" as a quantity either; what matters here is the validator's report
    }

    assertThat(WM.validation.exchanges().get(0).report().getMessages()).extracting(m -> m.getKey())
        .contains("validation.response.body.schema.type");
  }

  static OrderRequest marketBuy() {
    return new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1)
        .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY);
  }
}
