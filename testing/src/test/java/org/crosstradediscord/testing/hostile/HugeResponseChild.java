package org.crosstradediscord.testing.hostile;

import java.time.Duration;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.OutcomeUnknownException;
import org.crosstradediscord.client.RateLimiter;
import org.crosstradediscord.client.TransportType;
import org.crosstradediscord.client.model.OrderAction;
import org.crosstradediscord.client.model.OrderRequest;
import org.crosstradediscord.client.model.OrderType;
import org.crosstradediscord.client.model.TimeInForce;

/**
 * Child JVM of {@link SdkHugeBodyMemoryTest} (run with a small heap): one flatPlaceOrder against a
 * {@link HostileUpstream} answering 2 GiB, over REST ({@code rest}) or WebSocket ({@code websocket}); prints
 * {@code RESULT <exception class> reason=<reason>} and exits 0 (an OutOfMemoryError ends the JVM first when it
 * runs with {@code -XX:+ExitOnOutOfMemoryError}).
 */
public final class HugeResponseChild {
  /** 2 GiB. */
  static final long HUGE = 2L << 30;

  private HugeResponseChild() {}

  /**
   * @param args {@code rest} or {@code websocket}
   */
  public static void main(String[] args) {
    TransportType transport = args.length > 0 && args[0].equals("websocket") ? TransportType.WEBSOCKET : TransportType.REST;
    try (HostileUpstream up = HostileUpstream.start()) {
      up.rest(RestMode.hugeBody(HUGE)).websocket(WsMode.hugeMessage(HUGE));
      CrossTradeClient client = CrossTradeClient.builder().token("child-token").baseUrl(up.baseUrl())
          .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(20))
          .rateLimiter(RateLimiter.disabled()).transport(transport).build();
      long start = System.nanoTime();
      try {
        client.flatPlaceOrder("Sim101", new OrderRequest().instrument("MES 12-25").action(OrderAction.BUY)
            .quantity(1).orderType(OrderType.MARKET).timeInForce(TimeInForce.DAY));
        System.out.println("RESULT no exception");
      } catch (OutcomeUnknownException e) {
        System.out.println("RESULT " + e.getClass().getName() + " reason=" + e.reason() + " message=" + e.getMessage());
      } catch (RuntimeException e) {
        System.out.println("RESULT " + e.getClass().getName() + " message=" + e.getMessage());
      } finally {
        System.out.println("ELAPSED_MS " + (System.nanoTime() - start) / 1_000_000 + " transport=" + transport
            + " streamedBytes=" + up.recorded().streamedBytes()
            + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
        client.close();
      }
    }
    System.out.flush();
    System.exit(0);
  }
}
