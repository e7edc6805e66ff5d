package org.crosstradediscord.client;

/**
 * HTTP 408: NinjaTrader 8 or the CrossTrade add-on is not connected, so the request never reached the broker
 * (openapi.yaml, response {@code NotConnected}; reference §1.2). Tell the user to start NinjaTrader and
 * connect the add-on; do not retry blindly.
 */
public class NinjaTraderNotConnectedException extends CrossTradeException {
  private static final long serialVersionUID = 1L;

  NinjaTraderNotConnectedException(String operationId, int status, String error, String detail, String message) {
    super(operationId, status, error, detail, message, null);
  }
}
