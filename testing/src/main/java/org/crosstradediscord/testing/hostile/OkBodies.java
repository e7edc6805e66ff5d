package org.crosstradediscord.testing.hostile;

import java.util.Locale;
import java.util.UUID;

/**
 * Valid success bodies in the shapes of openapi.yaml's 200 examples, chosen by the REST path or the WebSocket
 * RPC name. The order ids are fresh on every call so two answers are never mistaken for one.
 */
final class OkBodies {
  /** {@code ClosedPositionsResponse}, as the spec's {@code CloseClosedResponse} example. */
  static final String CLOSED = "{\"closedPositions\":[{\"type\":\"NinjaTrader.Cbi.Position\",\"account\":\"Sim101\","
      + "\"instrument\":\"ES 12-24\",\"instrumentType\":\"Future\",\"marketPosition\":\"Long\",\"quantity\":4,"
      + "\"averagePrice\":5779.8125,\"marketPrice\":5797.0,\"unrealizedProfitLoss\":3437.5}],\"success\":true}";
  /** {@code FlattenResponse}, as the spec's {@code FlattenFlattenedResponse} example (ids fresh). */
  private static final String FLATTENED = "{\"orderIds\":[\"%s\",\"%s\"],\"closedPositions\":[{\"type\":"
      + "\"NinjaTrader.Cbi.Position\",\"account\":\"Sim101\",\"instrument\":\"ES 12-25\",\"instrumentType\":\"Future\","
      + "\"marketPosition\":\"Short\",\"quantity\":2,\"averagePrice\":5780.125,\"marketPrice\":5774.0,"
      + "\"unrealizedProfitLoss\":612.5}],\"success\":true}";

  private OkBodies() {}

  /**
   * @param path a request path such as {@code /v1/api/accounts/Sim101/positions/close}
   * @return the success body of the operation at that path; {@code {"success":true}} for an unknown path
   */
  static String forPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith("/orders/flatplace") || p.endsWith("/positions/reverseposition")) {
      return orderId();
    }
    if (p.endsWith("/positions/close")) {
      return CLOSED;
    }
    if (p.endsWith("/positions/flatten")) {
      return flattened();
    }
    return "{\"success\":true}";
  }

  /**
   * @param api a WebSocket RPC name ({@code FlatPlace}, {@code ReversePosition}, {@code ClosePosition},
   *     {@code Flatten}, {@code FlattenEverything})
   * @return the {@code data} object of its success reply; {@code {"success":true}} for an unknown name
   */
  static String forRpc(String api) {
    return switch (api == null ? "" : api) {
      case "FlatPlace", "ReversePosition" -> orderId();
      case "ClosePosition" -> CLOSED;
      case "Flatten", "FlattenEverything" -> flattened();
      default -> "{\"success\":true}";
    };
  }

  static String orderId() {
    return "{\"orderId\":\"" + freshId() + "\",\"success\":true}";
  }

  private static String flattened() {
    return String.format(Locale.ROOT, FLATTENED, freshId(), freshId());
  }

  private static String freshId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
