package org.crosstradediscord.testing.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.PnlStream;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.PnlAccount;
import org.crosstradediscord.client.model.PnlUpdate;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.junit.jupiter.api.Test;

/** The SDK's P&amp;L stream against the simulator's {@code streamPnl}: frames, positions, listener failures, reconnects. */
class SdkPnlStreamTest {
  static final String TOKEN = "pnl-stream-token-not-real";
  static final Duration WAIT = Duration.ofSeconds(15);

  static CrossTradeSimulator simulator(int port) {
    return CrossTradeSimulator.start(port, TOKEN, List.of("Sim101", "Sim102"), Map.of("MES 12-25", 6000.0));
  }

  static CrossTradeClient client(CrossTradeSimulator sim) {
    return CrossTradeClient.builder().token(TOKEN).baseUrl(sim.baseUrl()).build();
  }

  static Optional<PnlAccount> account(PnlUpdate u, String name) {
    return u.getAccounts().stream().filter(a -> name.equals(a.getAccount().getName())).findFirst();
  }

  @Test
  void framesArrive_showTheTrade_andMovingPrices_andCloseStopsThem() {
    try (CrossTradeSimulator sim = simulator(0); CrossTradeClient client = client(sim)) {
      List<PnlUpdate> seen = new CopyOnWriteArrayList<>();
      PnlStream stream = client.streamPnl(Duration.ofMillis(250), seen::add);
      Poll.until(() -> seen.isEmpty() ? Optional.empty() : Optional.of(true), WAIT, () -> "a first frame");
      assertThat(stream.state()).isEqualTo(PnlStream.State.STREAMING);
      assertThat(account(seen.get(0), "Sim101")).get().satisfies(a -> assertThat(a.getPositions()).isEmpty());

      client.flatPlaceOrder("Sim101", new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(2)
          .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY));
      sim.book().setPrice("MES 12-25", 6010.0);
      PnlAccount after = Poll.until(() -> account(seen.get(seen.size() - 1), "Sim101")
          .filter(a -> !a.getPositions().isEmpty() && a.getPositions().get(0).getMarketPrice() == 6010.0), WAIT,
          () -> "a frame with the position at the new price");
      assertThat(after.getPositions().get(0).getQuantity()).isEqualTo(2);
      assertThat(after.getAccount().getItem().getUnrealizedProfitLoss()).as("2 MES × 10 points × $5").isEqualTo(100.0);

      assertThat(sim.pnlStreams()).isEqualTo(1);
      stream.close();
      assertThat(stream.state()).isEqualTo(PnlStream.State.CLOSED);
      Poll.until(() -> sim.pnlStreams() == 0 ? Optional.of(true) : Optional.empty(), WAIT,
          () -> "the simulator saw the subscription end"); // enabled:false, then the close
      assertThat(stream.state()).as("a late frame does not reopen it").isEqualTo(PnlStream.State.CLOSED);
    }
  }

  @Test
  void aListenerThatThrows_keepsReceiving() {
    try (CrossTradeSimulator sim = simulator(0); CrossTradeClient client = client(sim)) {
      AtomicInteger calls = new AtomicInteger();
      client.streamPnl(Duration.ofMillis(250), u -> {
        calls.incrementAndGet();
        throw new IllegalStateException("listener bug");
      });
      Poll.until(() -> calls.get() >= 3 ? Optional.of(true) : Optional.empty(), WAIT, () -> "three frames");
    }
  }

  @Test
  void aLostConnection_isReopenedAndResubscribed() {
    CrossTradeSimulator first = simulator(0);
    int port = first.port();
    List<PnlUpdate> seen = new CopyOnWriteArrayList<>();
    try (CrossTradeClient client = client(first)) {
      PnlStream stream = client.streamPnl(Duration.ofMillis(250), seen::add);
      Poll.until(() -> seen.isEmpty() ? Optional.empty() : Optional.of(true), WAIT, () -> "a first frame");
      first.close();
      Poll.until(() -> stream.state() == PnlStream.State.RECONNECTING ? Optional.of(true) : Optional.empty(), WAIT,
          () -> "the loss noticed");
      assertThat(stream.lastProblem()).isNotBlank().doesNotContain(TOKEN);
      try (CrossTradeSimulator second = simulator(port)) {
        second.book().setPrice("MES 12-25", 6000.0);
        int before = seen.size();
        Poll.until(() -> seen.size() > before && stream.state() == PnlStream.State.STREAMING ? Optional.of(true)
            : Optional.empty(), WAIT, () -> "frames again after the reconnect");
      }
    }
  }

  @Test
  void anIntervalOutOfRange_isRefusedBeforeConnecting() {
    try (CrossTradeSimulator sim = simulator(0); CrossTradeClient client = client(sim)) {
      assertThatThrownBy(() -> client.streamPnl(Duration.ofMillis(10), u -> { }))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
      assertThatThrownBy(() -> client.streamPnl(Duration.ofMinutes(5), u -> { }))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
