package org.crosstradediscord.testing.spec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of openapi.yaml.
 *
 * @param operationId e.g. {@code flatPlaceOrder}
 * @param method HTTP method in upper case
 * @param pathTemplate e.g. {@code /v1/api/accounts/{account}/orders/flatplace}
 * @param websocketRpc the {@code x-websocket-rpc} name, or null
 * @param securedAtOperationLevel whether the operation itself declares {@code security} (the validator
 *     ignores a top-level one)
 * @param requestExamples named request examples: the body examples of an operation with a body; for one without
 *     (a GET), the named parameter sets built from the parameters' {@code examples}/{@code example} (a JSON object
 *     of path and query parameters, the way the WebSocket RPC passes them in {@code args})
 * @param responseExamples named response-body examples with their status
 * @param pathParams names of the path parameters in template order
 * @param queryParams names of the query parameters
 * @param parameterExamples each parameter's own {@code example}, as JSON-compatible values
 * @param websocketRpcWithoutFilters the {@code x-websocket-rpc-without-filters} name, or null
 * @param declaredStatuses the HTTP statuses of the operation's {@code responses}
 */
public record SpecOperation(
    String operationId,
    String method,
    String pathTemplate,
    String websocketRpc,
    boolean securedAtOperationLevel,
    List<SpecExample> requestExamples,
    List<SpecExample> responseExamples,
    List<String> pathParams,
    List<String> queryParams,
    Map<String, Object> parameterExamples,
    String websocketRpcWithoutFilters,
    java.util.Set<Integer> declaredStatuses) {

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /**
   * @param status an HTTP status
   * @return whether the operation declares that response (e.g. 408 only for operations that reach NinjaTrader)
   */
  public boolean declares(int status) {
    return declaredStatuses.contains(status);
  }

  /** @return whether the operation takes a request body (POST) rather than parameters only (GET) */
  public boolean hasBody() {
    return !"GET".equals(method);
  }

  /**
   * @param account value for the {@code {account}} path parameter, already percent-encoded; other path parameters
   *     take their spec example
   * @return the concrete path
   */
  public String path(String account) {
    Map<String, Object> params = new LinkedHashMap<>(parameterExamples);
    params.put("account", account);
    return fill(params, false);
  }

  /**
   * @param params parameter values (raw; percent-encoded here), missing path parameters take their spec example
   * @return the concrete path, without the query
   */
  public String pathWith(Map<String, ?> params) {
    Map<String, Object> all = new LinkedHashMap<>(parameterExamples);
    all.putAll(params);
    return fill(all, true);
  }

  /**
   * @param params parameter values (raw)
   * @return the query parameters among them, in spec order, with their text values
   */
  public Map<String, String> queryWith(Map<String, ?> params) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String q : queryParams) {
      if (params.containsKey(q) && params.get(q) != null) {
        out.put(q, String.valueOf(params.get(q)));
      }
    }
    return out;
  }

  /**
   * @param params parameter values (raw)
   * @return path and percent-encoded query, e.g. {@code /v1/api/accounts/Sim101/position?instrument=ES%2012-25}
   */
  public String urlWith(Map<String, ?> params) {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.setEmptyValue("");
    queryWith(params).forEach((k, v) -> q.add(k + "=" + encode(v)));
    return pathWith(params) + q;
  }

  /**
   * @param pathTemplate a path template
   * @return a regex matching concrete paths, one group per parameter in order
   */
  public static Pattern pathPattern(String pathTemplate) {
    Matcher m = PARAM.matcher(pathTemplate);
    StringBuilder b = new StringBuilder("^");
    int last = 0;
    while (m.find()) {
      b.append(Pattern.quote(pathTemplate.substring(last, m.start()))).append("([^/]+)");
      last = m.end();
    }
    return Pattern.compile(b.append(Pattern.quote(pathTemplate.substring(last))).append('$').toString());
  }

  private String fill(Map<String, Object> params, boolean encode) {
    Matcher m = PARAM.matcher(pathTemplate);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Object v = params.get(m.group(1));
      String text = v == null ? "" : String.valueOf(v);
      m.appendReplacement(b, Matcher.quoteReplacement(encode ? encode(text) : text));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Percent-encodes like the SDK (space as {@code %20}, never {@code +}). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * @param status HTTP status
   * @return the response examples of that status
   */
  public List<SpecExample> responses(int status) {
    return responseExamples.stream().filter(e -> e.status() == status).toList();
  }
}
