package org.crosstradediscord.testing.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.invoker.ApiClient;
import org.crosstradediscord.client.model.ClosePositionRequest;
import org.crosstradediscord.client.model.FlattenRequest;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.PlaceOrderRequest;
import org.crosstradediscord.testing.spec.Spec;

/**
 * Calls an operation of openapi.yaml, named by its operationId, through the SDK's front door with a request
 * body given as JSON (e.g. a spec example). This is the one place that maps spec operations to SDK methods; the
 * contract suite calls every row of the SDK's operations table through it
 * ({@code SdkContractTest.everyOperationOfTheTable_isExercisedThroughTheSdk_onItsMethodAndPath}), so an operation
 * nobody maps here fails the suite.
 */
public final class SdkOperations {
  private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

  private SdkOperations() {}

  /**
   * @param client the front door
   * @param operationId spec operationId
   * @param account account path parameter (ignored by operations without one)
   * @param requestJson a request example: the body of an operation with one (for {@code flatten} an empty object
   *     means {@code flattenEverything()}), else the parameter set (path and query parameters)
   * @return what the SDK returned
   * @throws IllegalArgumentException for an operationId with no mapping
   */
  public static Object call(CrossTradeClient client, String operationId, String account, String requestJson) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("account", account);
    return call(client, operationId, params, requestJson);
  }

  /**
   * @param client the front door
   * @param operationId spec operationId
   * @param params path and query parameters that override the request example's and the spec's examples
   * @param requestJson as {@link #call(CrossTradeClient, String, String, String)}
   * @return what the SDK returned
   */
  public static Object call(CrossTradeClient client, String operationId, Map<String, ?> params, String requestJson) {
    Map<String, Object> p = new LinkedHashMap<>(Spec.get().operation(operationId).parameterExamples());
    boolean hasBody = Spec.get().operation(operationId).hasBody();
    if (!hasBody) {
      MAPPER.convertValue(readTree(requestJson), Map.class).forEach((k, v) -> p.put(String.valueOf(k), v));
    }
    params.forEach((k, v) -> {
      if (v != null) {
        p.put(k, v);
      }
    });
    String account = (String) p.get("account");
    String bodyJson = requestJson;
    return switch (operationId) {
      case "cancelOrder" -> client.cancelOrder(account, (String) p.get("orderId"));
      case "listAccounts" -> client.listAccounts();
      case "getAccount" -> client.getAccount(account);
      case "getWatermarks" -> client.getWatermarks(account);
      case "listPositions" -> client.listPositions(account);
      case "getAllPositions" -> client.getAllPositions((Boolean) p.get("includeFlat"));
      case "getPosition" -> client.getPosition(account, (String) p.get("instrument"));
      case "listOrders" -> client.listOrders(account);
      case "getOrder" -> client.getOrder(account, (String) p.get("orderId"));
      case "placeOrder" -> client.placeOrder(account, read(bodyJson, PlaceOrderRequest.class));
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

  private static JsonNode readTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
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
