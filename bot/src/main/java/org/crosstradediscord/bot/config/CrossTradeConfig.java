package org.crosstradediscord.bot.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.TransportType;

/**
 * The {@code crosstrade} section: how the bot reaches the CrossTrade API.
 *
 * @param baseUrl API root ({@code base_url}; default {@link CrossTradeClient#PRODUCTION}); https, or http to a
 *     loopback host unless {@code allowInsecureHttp}
 * @param connectTimeout connect timeout ({@code connect_timeout_ms}, 100..60000 ms, default 5000 ms)
 * @param requestTimeout request timeout ({@code request_timeout_ms}, 100..120000 ms, default 20000 ms)
 * @param transport {@link TransportType#REST} (default) or {@link TransportType#WEBSOCKET}
 * @param maxResponseBytes largest response body or message the SDK reads ({@code max_response_bytes}, 4 KiB..64 MiB,
 *     default 1 MiB)
 * @param allowInsecureHttp whether plain {@code http://} to a non-loopback host is allowed (default false)
 * @param checkAtStart read the accounts once at start ({@code check_at_start}, default true): a refused token or an
 *     unreachable CrossTrade stops start-up with one line
 */
public record CrossTradeConfig(URI baseUrl, Duration connectTimeout, Duration requestTimeout, TransportType transport,
    long maxResponseBytes, boolean allowInsecureHttp, boolean checkAtStart) {
  /** Production, 5 s / 20 s, REST, 1 MiB, https only, checked at start. */
  public static final CrossTradeConfig DEFAULT = new CrossTradeConfig(CrossTradeClient.PRODUCTION,
      Duration.ofMillis(5_000), Duration.ofMillis(20_000), TransportType.REST,
      CrossTradeClient.DEFAULT_MAX_RESPONSE_BYTES, false, true);

  /** Checks for null. */
  public CrossTradeConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(transport, "transport");
  }

}
