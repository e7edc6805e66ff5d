package org.crosstradediscord.testing.spec;

import java.util.List;

/**
 * One operation of openapi.yaml.
 *
 * @param operationId e.g. {@code flatPlaceOrder}
 * @param method HTTP method in upper case
 * @param pathTemplate e.g. {@code /v1/api/accounts/{account}/orders/flatplace}
 * @param websocketRpc the {@code x-websocket-rpc} name, or null
 * @param securedAtOperationLevel whether the operation itself declares {@code security} (the validator
 *     ignores a top-level one)
 * @param requestExamples named request-body examples
 * @param responseExamples named response-body examples with their status
 */
public record SpecOperation(
    String operationId,
    String method,
    String pathTemplate,
    String websocketRpc,
    boolean securedAtOperationLevel,
    List<SpecExample> requestExamples,
    List<SpecExample> responseExamples) {

  /**
   * @param account value for the {@code {account}} path parameter, already percent-encoded
   * @return the concrete path
   */
  public String path(String account) {
    return pathTemplate.replace("{account}", account);
  }

  /**
   * @param status HTTP status
   * @return the response examples of that status
   */
  public List<SpecExample> responses(int status) {
    return responseExamples.stream().filter(e -> e.status() == status).toList();
  }
}
