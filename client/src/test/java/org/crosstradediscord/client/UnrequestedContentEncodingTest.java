package org.crosstradediscord.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body in a Content-Encoding the SDK never asked for (gzip here) is refused by {@link DeadlineHttpClient} before
 * it is read, so the generated API never sees an encoded body (it reads the body as it is): the call fails, is not
 * re-sent, and a write's outcome is unknown.
 */
class UnrequestedContentEncodingTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private CrossTradeClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] json = "{\"success\":true,\"orderId\":\"3cba6631f0ad4ebd938b0b3fc9c71951\",\"accounts\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json);
    }
    byte[] body = gz.toByteArray();
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    client = CrossTradeClient.builder().token("tok_0123456789abcdefghij")
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).rateLimiter(RateLimiter.disabled()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void aWrite_answeredGzipped_isOutcomeUnknown_sentOnce() {
    OrderRequest order = new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY).quantity(1)
        .orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY);
    assertThatThrownBy(() -> client.flatPlaceOrder("Sim101", order)).isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("may have been executed")
        .hasStackTraceContaining("unrequested Content-Encoding gzip");
    assertThat(requests).hasValue(1);
  }

  @Test
  void aRead_answeredGzipped_fails_andIsNotReSent() {
    assertThatThrownBy(() -> client.listAccounts()).isInstanceOf(CrossTradeException.class)
        .hasMessageContaining("nothing was changed")
        .hasStackTraceContaining("unrequested Content-Encoding gzip");
    assertThat(requests).hasValue(1);
  }
}
