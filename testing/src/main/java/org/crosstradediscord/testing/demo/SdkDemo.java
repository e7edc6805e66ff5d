package org.crosstradediscord.testing.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.CrossTradeException;
import org.crosstradediscord.testing.contract.SdkOperations;
import org.crosstradediscord.testing.spec.Spec;
import org.crosstradediscord.testing.spec.SpecExample;
import org.crosstradediscord.testing.spec.SpecOperation;

/**
 * Runs the SDK on one machine with no accounts: a WireMock server on 127.0.0.1 answers each operation of
 * openapi.yaml with its documented examples (success and every error), and the SDK's front door calls it.
 * Prints what was sent and what the SDK returned or threw.
 */
public final class SdkDemo {
  private SdkDemo() {}

  /**
   * @param args ignored
   */
  public static void main(String[] args) {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
    server.start();
    try {
      CrossTradeClient client = CrossTradeClient.builder().token("demo-token").baseUrl(server.baseUrl()).build();
      System.out.println("CrossTrade SDK demo against a local stand-in at " + server.baseUrl() + "\n" + client + "\n");
      for (SpecOperation op : Spec.get().operations()) {
        for (SpecExample response : op.responseExamples()) {
          server.resetAll();
          server.stubFor(post(urlPathEqualTo(op.path("Sim101"))).willReturn(aResponse().withStatus(response.status())
              .withHeader("Content-Type", "application/json").withBody(response.json())));
          String request = op.requestExamples().get(0).json();
          System.out.printf("%-16s %-6s %s%n  sent     %s%n", op.operationId(), response.status(), response.name(), request);
          try {
            Object result = SdkOperations.call(client, op.operationId(), "Sim101", request);
            System.out.println("  returned " + SdkOperations.toJson(result));
          } catch (CrossTradeException e) {
            System.out.println("  threw    " + e.getClass().getSimpleName() + ": " + e.getMessage());
          }
        }
      }
    } finally {
      server.stop();
    }
  }
}
