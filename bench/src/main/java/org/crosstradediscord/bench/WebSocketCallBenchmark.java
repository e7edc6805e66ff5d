package org.crosstradediscord.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The WebSocket RPC round trip of a flat-place order through the SDK against the simulator on loopback. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class WebSocketCallBenchmark {
  private static final String TOKEN = "bench-token-0123456789";
  private CrossTradeSimulator simulator;
  private CrossTradeClient sdk;
  private OrderRequest order;

  @Setup
  public void start() {
    simulator = CrossTradeSimulator.start(0, TOKEN, List.of("Sim101"), Map.of("MES 12-25", 6000.25));
    sdk = CrossTradeClient.builder().token(TOKEN).baseUrl(simulator.baseUrl()).transport(TransportType.WEBSOCKET)
        .rateLimiter(RateLimiter.disabled()).build();
    order = new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1).orderType(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY);
  }

  @TearDown
  public void stop() {
    sdk.close();
    simulator.close();
  }

  /** @return the order id, over the WebSocket */
  @Benchmark
  public String websocket() {
    return sdk.flatPlaceOrder("Sim101", order).getOrderId();
  }
}
