package org.crosstradediscord.testing.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.testing.spec.ValidationListener;

/** A real WireMock server on 127.0.0.1 whose every exchange is validated against openapi.yaml. */
final class WireMockSpecServer implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";

  final ValidationListener validation = new ValidationListener();
  final WireMockServer server;

  WireMockSpecServer() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)
        .containerThreads(12).extensions(validation));
    server.start();
  }

  CrossTradeClient client(Duration requestTimeout) {
    return CrossTradeClient.builder().token(TOKEN).baseUrl(server.baseUrl())
        .connectTimeout(Duration.ofSeconds(2)).requestTimeout(requestTimeout).build();
  }

  CrossTradeClient client() {
    return client(Duration.ofSeconds(5));
  }

  void reset() {
    server.resetAll();
    validation.reset();
  }

  @Override
  public void close() {
    server.stop();
  }
}
