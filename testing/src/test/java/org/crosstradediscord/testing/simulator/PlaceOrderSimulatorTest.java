package org.crosstradediscord.testing.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.InvalidRequestException;
import org.crosstradediscord.client.RequestRejectedException;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.PlaceOrderRequest;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.spec.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Place order ({@code POST /v1/api/accounts/{account}/orders/place}, reference §4.3) in the simulator, through the
 * real SDK over REST and WebSocket: a new order beside the position, the caller's {@code orderId} as a lookup key, and
 * the {@code requireMarketPosition} / {@code maxPositions} refusals that place nothing.
 */
class PlaceOrderSimulatorTest {
  static final String TOKEN = "sim-token-place";
  static final CrossTradeSimulator SIM = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101"),
      Map.of("MES 12-25", 6000.0, "ES 12-25", 5800.0));

  final CrossTradeClient client = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl()).build();

  static PlaceOrderRequest buy(int qty, String instrument) {
    return new PlaceOrderRequest().instrument(instrument).action(OrderAction.BUY).quantity(qty)
        .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY);
  }

  @BeforeEach
  void reset() {
    SIM.reset();
  }

  @AfterEach
  void everyAnswerObeysTheSpec() {
    for (RecordedRequest r : SIM.requests()) {
      if (r.operationId() == null || r.status() >= 500) {
        continue;
      }
      var report = Spec.get().validator().validateResponse(r.path(), Request.Method.valueOf(r.method()),
          SimpleResponse.Builder.status(r.status()).withContentType("application/json")
              .withBody(r.response().toString()).build());
      assertThat(report.getMessages()).as(r.status() + " " + r.response()).isEmpty();
    }
  }

  @AfterAll
  static void stop() {
    SIM.close();
  }

  @Test
  void place_addsToTheExistingPosition_insteadOfClosingItFirst() {
    SIM.book().setPosition("Sim101", "MES 12-25", 2, 5990.0);

    String id = client.placeOrder("Sim101", buy(1, "MES 12-25")).getOrderId();

    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isEqualTo(3);
    assertThat(SIM.requests()).extracting(RecordedRequest::operationId).containsExactly("placeOrder");
  }

  @Test
  void theCallersOrderId_findsAndCancelsTheOrder_overRestAndWebSocket() {
    client.placeOrder("Sim101", buy(1, "MES 12-25").orderType(OrderType.LIMIT).limitPrice(5900.0)
        .orderId("xt-limit-1"));
    try (CrossTradeClient ws = CrossTradeClient.builder().token(TOKEN).baseUrl(SIM.baseUrl())
        .transport(TransportType.WEBSOCKET).build()) {
      ws.placeOrder("Sim101", buy(2, "ES 12-25").orderId("xt-market-2"));

      assertThat(client.getOrder("Sim101", "xt-market-2").getOrderState()).isEqualTo("Filled");
      assertThat(ws.getOrder("Sim101", "xt-limit-1").getOrderState()).isEqualTo("Working");
      client.cancelOrder("Sim101", "xt-limit-1");
      assertThat(client.getOrder("Sim101", "xt-limit-1").getOrderState()).isEqualTo("Cancelled");
    }
    RequestRejectedException unknown = catchThrowableOfType(RequestRejectedException.class,
        () -> client.getOrder("Sim101", "xt-never-placed"));
    assertThat(unknown.error()).hasValueSatisfying(t -> assertThat(t).contains("not found"));
  }

  @Test
  void anOrderIdAlreadyUsed_isRefused_andNothingIsPlaced() {
    client.placeOrder("Sim101", buy(1, "MES 12-25").orderId("xt-dup"));

    RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class,
        () -> client.placeOrder("Sim101", buy(1, "MES 12-25").orderId("xt-dup")));

    assertThat(e.error()).hasValueSatisfying(t -> assertThat(t).contains("xt-dup"));
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isEqualTo(1);
  }

  @Test
  void requireMarketPosition_notMet_isRefused_andNothingIsPlaced() {
    SIM.book().setPosition("Sim101", "MES 12-25", -1, 6010.0);

    RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class,
        () -> client.placeOrder("Sim101", buy(1, "MES 12-25").requireMarketPosition("flat,long")));
    assertThat(e.error()).hasValueSatisfying(t -> assertThat(t).contains("short").contains("flat,long"));
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isEqualTo(-1);

    client.placeOrder("Sim101", buy(1, "MES 12-25").requireMarketPosition("short"));
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isZero();
  }

  @Test
  void maxPositions_refusesANewPosition_butNotAddingToAnOpenOne() {
    SIM.book().setPosition("Sim101", "MES 12-25", 1, 6000.0);

    RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class,
        () -> client.placeOrder("Sim101", buy(1, "ES 12-25").maxPositions(1)));
    assertThat(e.error()).hasValueSatisfying(t -> assertThat(t).contains("maxPositions 1"));
    assertThat(SIM.book().position("Sim101", "ES 12-25")).isZero();

    client.placeOrder("Sim101", buy(1, "MES 12-25").maxPositions(1));
    assertThat(SIM.book().position("Sim101", "MES 12-25")).isEqualTo(2);
  }

  @Test
  void aBrokenRule_isRefusedByTheSdk_beforeAnythingIsSent() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> client.placeOrder("Sim101", buy(1, "MES 12-25").orderId("has space")));

    assertThat(e.violations()).extracting(v -> v.field()).containsExactly("orderId");
    assertThat(SIM.requests()).isEmpty();
  }
}
