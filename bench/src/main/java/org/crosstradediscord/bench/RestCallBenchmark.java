package org.crosstradediscord.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
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

/**
 * A sequential flat-place order: the SDK ({@code client.flatPlaceOrder}) against the same request written by hand
 * with {@code java.net.http} + Jackson, both on one loopback server. The rate limiter is off (it would measure the
 * upstream's budget, not the SDK). Every check the SDK makes stays on.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true", "-Xmx256m"})
public class RestCallBenchmark {
  private static final String TOKEN = "bench-token-0123456789";
  private LoopbackServer server;
  private CrossTradeClient sdk;
  private HttpClient http;
  private ObjectMapper json;
  private URI flatplace;
  private OrderRequest order;

  @Setup
  public void start() throws IOException {
    server = LoopbackServer.start();
    sdk = CrossTradeClient.builder().token(TOKEN).baseUrl(server.baseUrl()).rateLimiter(RateLimiter.disabled()).build();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    json = new ObjectMapper();
    flatplace = server.baseUrl().resolve(LoopbackServer.FLATPLACE);
    order = new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1).orderType(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY);
  }

  @TearDown
  public void stop() {
    sdk.close();
    server.close();
  }

  /** @return the order id, through the SDK */
  @Benchmark
  public String sdk() {
    return sdk.flatPlaceOrder("Sim101", order).getOrderId();
  }

  /** @return the order id, by hand: the same JSON body, headers, timeout and status/field checks */
  @Benchmark
  public String raw() throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode().put("instrument", "MES 12-25").put("action", "BUY").put("quantity", 1)
        .put("orderType", "MARKET").put("timeInForce", "DAY");
    HttpRequest request = HttpRequest.newBuilder(flatplace).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    String id = json.readTree(response.body()).path("orderId").asText("");
    if (id.isEmpty()) {
      throw new IOException("no orderId");
    }
    return id;
  }
}
