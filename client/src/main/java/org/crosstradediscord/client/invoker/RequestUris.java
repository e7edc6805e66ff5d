package org.crosstradediscord.client.invoker;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request URIs parsed once and shared: the generated API builds the same few URIs again and again (one per
 * operation and account, e.g. {@code …/v1/api/accounts/Sim101/orders/flatplace}), and {@link URI#create} parsed
 * each one on every call. The generated {@code ApiClient.requestUri} calls {@link #parse} (a build-time patch of the
 * generator's templates, see {@code client/pom.xml}). Hand-written, package-private, in the generated code's
 * package only so that the generated class can reach it.
 *
 * <p>At most {@link #MAX_ENTRIES} URIs are kept (all of them are dropped when that many are held, so an unbounded
 * variety of query strings cannot grow it); a {@link URI} is immutable, so a shared one is the same as a new one.
 * URIs carry no credential (the token travels in a header).
 */
final class RequestUris {
  /** The most URIs kept at once. */
  static final int MAX_ENTRIES = 256;
  private static final ConcurrentHashMap<String, URI> PARSED = new ConcurrentHashMap<>();

  private RequestUris() {}

  /**
   * @param uri an absolute URI, e.g. {@code https://app.crosstrade.io/v1/api/accounts/Sim101/positions}
   * @return {@code URI.create(uri)}, or the equal URI parsed earlier
   * @throws IllegalArgumentException {@code uri} is not a valid URI (as {@link URI#create} throws)
   * @throws NullPointerException {@code uri} is null
   */
  static URI parse(String uri) {
    URI parsed = PARSED.get(uri);
    if (parsed == null) {
      parsed = URI.create(uri);
      if (PARSED.size() >= MAX_ENTRIES) {
        PARSED.clear();
      }
      PARSED.put(uri, parsed);
    }
    return parsed;
  }

  /** @return how many URIs are kept now */
  static int size() {
    return PARSED.size();
  }
}
