package org.crosstradediscord.testing.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WireMock extension that validates every exchange the server serves against openapi.yaml: the request the
 * client sent (path, parameters, body, security) and the response the stub returned. Runs in
 * {@code beforeResponseSent}, which is synchronous, so the report is complete when the client call returns.
 */
public final class ValidationListener implements ServeEventListener {
  private final OpenApiInteractionValidator validator = Spec.get().validator();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  /**
   * One validated exchange.
   *
   * @param method HTTP method
   * @param url path and query as received
   * @param report what the validator found
   */
  public record Exchange(String method, String url, ValidationReport report) {
    /** @return the report's messages, one per line, with their keys */
    public String describe() {
      StringBuilder b = new StringBuilder(method + " " + url);
      report.getMessages().forEach(m -> b.append("\n  ").append(m.getLevel()).append(' ')
          .append(m.getKey()).append(": ").append(m.getMessage()));
      return b.toString();
    }
  }

  @Override
  public String getName() {
    return "openapi-validation";
  }

  @Override
  public void beforeResponseSent(ServeEvent event, Parameters parameters) {
    LoggedRequest req = event.getRequest();
    LoggedResponse res = event.getResponse();
    URI uri = URI.create(req.getUrl());
    SimpleRequest.Builder rb = new SimpleRequest.Builder(req.getMethod().getName(), uri.getRawPath());
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        rb.withQueryParam(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
            kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
      }
    }
    for (HttpHeader h : req.getHeaders().all()) {
      rb.withHeader(h.key(), h.values());
    }
    if (req.getBodyAsString() != null && !req.getBodyAsString().isEmpty()) {
      rb.withBody(req.getBodyAsString());
    }
    SimpleResponse.Builder sb = SimpleResponse.Builder.status(res.getStatus());
    if (res.getHeaders() != null) {
      for (HttpHeader h : res.getHeaders().all()) {
        sb.withHeader(h.key(), h.values());
      }
    }
    if (res.getBodyAsString() != null && !res.getBodyAsString().isEmpty()) {
      sb.withBody(res.getBodyAsString());
    }
    Request request = rb.build();
    exchanges.add(new Exchange(req.getMethod().getName(), req.getUrl(), validator.validate(request, sb.build())));
  }

  /** @return every exchange validated since the last {@link #reset()}, in order */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Forgets every exchange. */
  public void reset() {
    exchanges.clear();
  }
}
