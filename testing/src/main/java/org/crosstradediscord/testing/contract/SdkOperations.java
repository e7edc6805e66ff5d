package org.crosstradediscord.testing.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.invoker.ApiClient;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.OrderRequest;

/**
 * Calls an operation of openapi.yaml, named by its operationId, through the SDK's front door with a request
 * body given as JSON (e.g. a spec example). This is the one place that maps spec operations to SDK methods, so
 * the contract suite's coverage gate fails as soon as the spec gains an operation nobody maps here.
 */
public final class SdkOperations {
  /** operationIds this class can call. */
  public static final Set<String> COVERED = Set.of("flatPlaceOrder", "reversePosition", "closePosition", "flatten");

  private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

  private SdkOperations() {}

  /**
   * @param client the front door
   * @param operationId spec operationId
   * @param account account path parameter (ignored by operations without one)
   * @param bodyJson request body; for {@code flatten} an empty object means {@code flattenEverything()}
   * @return what the SDK returned
   * @throws IllegalArgumentException for an operationId with no mapping
   */
  public static Object call(CrossTradeClient client, String operationId, String account, String bodyJson) {
    return switch (operationId) {
      case "flatPlaceOrder" -> client.flatPlaceOrder(account, read(bodyJson, OrderRequest.class));
      case "reversePosition" -> client.reversePosition(account, read(bodyJson, OrderRequest.class));
      case "closePosition" -> client.closePosition(account, read(bodyJson, ClosePositionRequest.class));
      case "flatten" -> isEmptyObject(bodyJson)
          ? client.flattenEverything()
          : client.flatten(read(bodyJson, FlattenRequest.class));
      default -> throw new IllegalArgumentException("no SDK mapping (and so no contract test) for operation "
          + operationId + ": add it to " + SdkOperations.class.getName());
    };
  }

  /**
   * @param value an SDK result or request
   * @return it as JSON, the way the SDK serialises it
   */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isEmptyObject(String json) {
    try {
      return MAPPER.readTree(json).isEmpty();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + json, e);
    }
  }
}
