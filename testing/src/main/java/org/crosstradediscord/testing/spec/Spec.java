package org.crosstradediscord.testing.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract, {@code openapi.yaml}, as the tests and the test kit read it: the raw text from the classpath
 * (the {@code openapi} module's jar), the fully resolved model, a request/response validator, and every
 * operation with its named examples.
 */
public final class Spec {
  /** Classpath location of the contract. */
  public static final String RESOURCE = "/openapi.yaml";

  private static final Spec INSTANCE = load();

  private final String text;
  private final SwaggerParseResult parseResult;
  private final List<SpecOperation> operations;

  private Spec(String text, SwaggerParseResult parseResult) {
    this.text = text;
    this.parseResult = parseResult;
    this.operations = operationsOf(parseResult.getOpenAPI());
  }

  /** @return the contract loaded once from the classpath */
  public static Spec get() {
    return INSTANCE;
  }

  /** @return the YAML text as packaged */
  public String text() {
    return text;
  }

  /** @return the parser's result, including its error and warning messages */
  public SwaggerParseResult parseResult() {
    return parseResult;
  }

  /** @return the fully resolved model (all {@code $ref}s inlined) */
  public OpenAPI model() {
    return parseResult.getOpenAPI();
  }

  /** @return every operation of the contract in path order */
  public List<SpecOperation> operations() {
    return operations;
  }

  /**
   * @param operationId e.g. {@code flatPlaceOrder}
   * @return that operation
   * @throws IllegalArgumentException when the contract has no such operation
   */
  public SpecOperation operation(String operationId) {
    return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId + " in " + RESOURCE));
  }

  /** @return a new validator of requests and responses against the contract */
  public OpenApiInteractionValidator validator() {
    return OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
  }

  private static Spec load() {
    try (InputStream in = Spec.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath (depend on the openapi module)");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      options.setResolveFully(true);
      return new Spec(text, new OpenAPIV3Parser().readContents(text, null, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<SpecOperation> operationsOf(OpenAPI api) {
    List<SpecOperation> out = new ArrayList<>();
    if (api == null || api.getPaths() == null) {
      return out;
    }
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        out.add(toOperation(api, path.getKey(), op.getKey().name(), op.getValue()));
      }
    }
    return List.copyOf(out);
  }

  private static SpecOperation toOperation(OpenAPI api, String path, String method, Operation op) {
    List<SpecExample> requests = new ArrayList<>();
    List<String> pathParams = new ArrayList<>();
    List<String> queryParams = new ArrayList<>();
    Map<String, Object> paramExamples = new java.util.LinkedHashMap<>();
    List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
    for (Parameter p : parameters) {
      Parameter param = resolve(api, p);
      ("path".equals(param.getIn()) ? pathParams : queryParams).add(param.getName());
      if (param.getExample() != null) {
        paramExamples.put(param.getName(), param.getExample());
      }
    }
    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
      MediaType media = op.getRequestBody().getContent().get("application/json");
      examplesOf(api, media).forEach((name, json) -> requests.add(new SpecExample(name, 0, json)));
    } else {
      requests.addAll(parameterSets(api, parameters));
    }
    List<SpecExample> responses = new ArrayList<>();
    if (op.getResponses() != null) {
      for (Map.Entry<String, ApiResponse> r : op.getResponses().entrySet()) {
        if (r.getValue().getContent() == null) {
          continue;
        }
        int status = Integer.parseInt(r.getKey());
        examplesOf(api, r.getValue().getContent().get("application/json"))
            .forEach((name, json) -> responses.add(new SpecExample(name, status, json)));
      }
    }
    Object rpc = op.getExtensions() == null ? null : op.getExtensions().get("x-websocket-rpc");
    Object everything = op.getExtensions() == null ? null : op.getExtensions().get("x-websocket-rpc-without-filters");
    java.util.Set<Integer> statuses = new java.util.TreeSet<>();
    if (op.getResponses() != null) {
      op.getResponses().keySet().forEach(status -> statuses.add(Integer.parseInt(status)));
    }
    return new SpecOperation(op.getOperationId(), method, path, rpc == null ? null : rpc.toString(),
        op.getSecurity() != null && !op.getSecurity().isEmpty(), List.copyOf(requests), List.copyOf(responses),
        List.copyOf(pathParams), List.copyOf(queryParams), java.util.Collections.unmodifiableMap(paramExamples),
        everything == null ? null : everything.toString(), java.util.Collections.unmodifiableSet(statuses));
  }

  private static Parameter resolve(OpenAPI api, Parameter p) {
    if (p.get$ref() == null) {
      return p;
    }
    String ref = p.get$ref();
    return api.getComponents().getParameters().get(ref.substring(ref.lastIndexOf('/') + 1));
  }

  /**
   * The request examples of an operation without a body: one JSON object of parameters per example name found in
   * the parameters' {@code examples}, each parameter taking its named example or else its {@code example}; with no
   * named examples, one set named {@code parameters} of the {@code example}s.
   */
  private static List<SpecExample> parameterSets(OpenAPI api, List<Parameter> parameters) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (Parameter p : parameters) {
      Parameter param = resolve(api, p);
      if (param.getExamples() != null) {
        names.addAll(param.getExamples().keySet());
      }
    }
    if (names.isEmpty()) {
      names.add("parameters");
    }
    List<SpecExample> out = new ArrayList<>();
    for (String name : names) {
      Map<String, Object> set = new java.util.LinkedHashMap<>();
      for (Parameter p : parameters) {
        Parameter param = resolve(api, p);
        Example named = param.getExamples() == null ? null : param.getExamples().get(name);
        Object value = named != null ? named.getValue() : param.getExample();
        if (value != null) {
          set.put(param.getName(), value);
        }
      }
      try {
        out.add(new SpecExample(name, 0, Json.mapper().writeValueAsString(set)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static Map<String, String> examplesOf(OpenAPI api, MediaType media) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (media == null || media.getExamples() == null) {
      return out;
    }
    for (Map.Entry<String, Example> e : media.getExamples().entrySet()) {
      try {
        Example example = e.getValue();
        if (example.getValue() == null && example.get$ref() != null) {
          // the fully resolving parser leaves request-body example $refs in place
          String ref = example.get$ref();
          example = api.getComponents().getExamples().get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        out.put(e.getKey(), Json.mapper().writeValueAsString(example.getValue()));
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException("example " + e.getKey() + " is not JSON", ex);
      }
    }
    return out;
  }
}
