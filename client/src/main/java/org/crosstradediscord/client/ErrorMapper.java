package org.crosstradediscord.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.crosstradediscord.client.api.Operations;
import org.crosstradediscord.client.api.Operations.Operation;
import org.crosstradediscord.client.invoker.ApiException;

/**
 * Maps what the transport saw (an HTTP error status with its body, or an I/O failure) to the SDK's exception
 * types. The POSTs of openapi.yaml may move money, so anything after the request may have left the machine and is
 * not a clear answer becomes {@link OutcomeUnknownException}; for a read ({@link #isRead}) the same type is used
 * but its message says that nothing was changed.
 */
final class ErrorMapper {
  private static final Pattern NO_POSITION = Pattern.compile("^\\s*no positions? found\\b", Pattern.CASE_INSENSITIVE);
  private static final int MAX_TEXT = 500;

  private final ObjectMapper mapper;
  private final String token;

  ErrorMapper(ObjectMapper mapper, String token) {
    this.mapper = mapper;
    this.token = token;
  }

  /** Maps an exception thrown by a generated {@code *WithHttpInfo} call. */
  CrossTradeException fromApiException(String operationId, ApiException e) {
    if (e.getCode() == 0) {
      return fromFailure(operationId, e.getCause() != null ? e.getCause() : e);
    }
    return fromStatus(operationId, e.getCode(), e.getResponseHeaders(), e.getResponseBody());
  }

  /** Maps an HTTP error status and its body. */
  CrossTradeException fromStatus(String operationId, int status, HttpHeaders headers, String body) {
    String error = null;
    String detail = null;
    JsonNode json = parse(body);
    if (json != null && json.isObject()) {
      error = text(json.get("error"));
      detail = text(json.get("detail"));
    }
    if (error == null && detail == null && body != null && !body.isBlank() && json == null) {
      error = truncate(scrub(body.strip()));
    }
    String what = upstreamWords(error, detail);
    String message = operationId + ": HTTP " + status + (what.isEmpty() ? "" : ": " + what);
    if (status == 400 && ((error != null && NO_POSITION.matcher(error).find())
        || (detail != null && NO_POSITION.matcher(detail).find()))) {
      return new NoPositionException(operationId, status, error, detail, message);
    }
    if (status == 401) {
      return new UnauthorizedException(operationId, status, error, detail,
          message + " (check the CrossTrade token and its Pro subscription)");
    }
    if (status == 408) {
      return new NinjaTraderNotConnectedException(operationId, status, error, detail,
          message + " (NinjaTrader 8 or the CrossTrade add-on is not connected)");
    }
    if (status == 429) {
      return new RateLimitedException(operationId, status, error, detail, message,
          headers == null ? null : retryAfter(headers.firstValue("Retry-After").orElse(null)));
    }
    if (status >= 500 || status < 400) {
      // 5xx, and any non-error status we did not ask for (1xx, 3xx: redirects are never followed for a POST),
      // is no proof that nothing was executed.
      return new OutcomeUnknownException(operationId, status, error, detail,
          message + (isRead(operationId) ? READ_NOTE : " (outcome unknown: the request may have been executed)"),
          status >= 500 ? OutcomeUnknownException.Reason.SERVER_ERROR : OutcomeUnknownException.Reason.UNEXPECTED_STATUS,
          null);
    }
    return new RequestRejectedException(operationId, status, error, detail, message);
  }

  /** Maps an I/O failure (no HTTP status). */
  CrossTradeException fromFailure(String operationId, Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
        || cause instanceof UnknownHostException) {
      return new UnreachableException(operationId,
          operationId + ": could not connect to the CrossTrade API (" + cause.getClass().getSimpleName()
              + "); nothing was sent", scrubbed(cause));
    }
    if (cause instanceof DeadlineHttpClient.ResponseTooLargeException) {
      return unknown(operationId, OutcomeUnknownException.Reason.UNREADABLE_RESPONSE, cause.getMessage(), cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return timeout(operationId, "no response within the request timeout", cause);
    }
    if (cause instanceof JsonProcessingException) {
      return unknown(operationId, OutcomeUnknownException.Reason.UNREADABLE_RESPONSE,
          "the success response could not be read", cause);
    }
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return unknown(operationId, OutcomeUnknownException.Reason.INTERRUPTED, "interrupted while waiting", cause);
    }
    if (cause instanceof IOException) {
      return connectionLost(operationId, "connection lost (" + cause.getClass().getSimpleName() + ")", cause);
    }
    return connectionLost(operationId, "unexpected failure (" + cause.getClass().getSimpleName() + ")", cause);
  }

  /** No answer within the request timeout after sending. */
  OutcomeUnknownException timeout(String operationId, String what, Throwable cause) {
    return unknown(operationId, OutcomeUnknownException.Reason.TIMEOUT, what, cause);
  }

  /** The connection failed after the request was (possibly) sent. */
  OutcomeUnknownException connectionLost(String operationId, String what, Throwable cause) {
    return unknown(operationId, OutcomeUnknownException.Reason.CONNECTION_LOST, what, cause);
  }

  /** A 2xx answer that cannot be trusted as success. */
  OutcomeUnknownException unreadable(String operationId, int status, String what) {
    return new OutcomeUnknownException(operationId, status, null, null,
        operationId + ": HTTP " + status + " but " + what
            + (isRead(operationId) ? READ_NOTE : " (outcome unknown: the request may have been executed)"),
        OutcomeUnknownException.Reason.UNREADABLE_RESPONSE, null);
  }

  /**
   * A 2xx answer whose body says {@code "success": false}. The docs define {@code success:false} only with an error
   * status (reference §1.4), so a 2xx carrying it is no proof that nothing was executed: outcome unknown.
   */
  OutcomeUnknownException reportedFailure(String operationId, int status, Object body) {
    String error = null;
    String detail = null;
    try {
      JsonNode tree = mapper.valueToTree(body);
      error = text(tree.get("error"));
      detail = text(tree.get("detail"));
    } catch (IllegalArgumentException e) {
      // no words to keep
    }
    String what = upstreamWords(error, detail);
    return new OutcomeUnknownException(operationId, status, error, detail,
        operationId + ": HTTP " + status + " but the upstream reported success=false" + (what.isEmpty() ? "" : ": " + what)
            + " (outcome unknown: a 2xx with success=false is undocumented and does not prove that nothing was"
            + " executed)", OutcomeUnknownException.Reason.UNREADABLE_RESPONSE, null);
  }

  private OutcomeUnknownException unknown(
      String operationId, OutcomeUnknownException.Reason reason, String what, Throwable cause) {
    return new OutcomeUnknownException(operationId, 0, null, null,
        operationId + ": " + what + (isRead(operationId) ? READ_NOTE : " (outcome unknown: the request may have been"
            + " executed; check NinjaTrader before retrying)"), reason, scrubbed(cause));
  }

  private static final String READ_NOTE = " (no usable answer to a read: nothing was changed; the read may be retried)";

  /**
   * A read (a GET in the generated operations table) keeps the same exception types, but nothing can have been
   * executed by it, so the message says so instead of "outcome unknown". An operationId the table does not know is
   * treated as a write (outcome unknown).
   */
  static boolean isRead(String operationId) {
    return Operations.find(operationId).map(Operation::isRead).orElse(false);
  }

  /**
   * A copy of a cause chain whose messages are scrubbed of the token (a parser error quotes the body it read, and a
   * body may echo the token); class names and stack traces are kept.
   */
  Throwable scrubbed(Throwable cause) {
    return scrubbed(cause, 0);
  }

  private Throwable scrubbed(Throwable cause, int depth) {
    if (cause == null || depth >= 8) { // bounded: a cause chain may be long or even a cycle
      return null;
    }
    ScrubbedCause copy = new ScrubbedCause(cause.getClass().getName()
        + (cause.getMessage() == null ? "" : ": " + scrub(cause.getMessage())),
        scrubbed(cause.getCause() == cause ? null : cause.getCause(), depth + 1));
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** Stands in for an exception whose message may have carried upstream text. */
  static final class ScrubbedCause extends Exception {
    private static final long serialVersionUID = 1L;

    ScrubbedCause(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Parses a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
   *
   * @return the wait, or null when absent or unreadable
   */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return truncate(scrub(node.isTextual() ? node.asText() : node.toString()));
  }

  /**
   * Replaces the token, and any piece of it of 8 characters or more that starts or ends it (a parser quoting a body
   * cuts its excerpt, possibly inside the token), with {@code [redacted]}.
   */
  private String scrub(String s) {
    if (s == null || token.isEmpty()) {
      return s;
    }
    String out = s.replace(token, "[redacted]");
    for (int k = token.length() - 1; k >= MIN_TOKEN_PIECE; k--) {
      out = out.replace(token.substring(0, k), "[redacted]").replace(token.substring(token.length() - k), "[redacted]");
    }
    return out;
  }

  /** Shorter pieces of the token are not scrubbed (they would match ordinary words). */
  private static final int MIN_TOKEN_PIECE = 8;

  private static String truncate(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
  }

  private static String upstreamWords(String error, String detail) {
    if (error != null && detail != null) {
      return error + " — " + detail;
    }
    return error != null ? error : detail != null ? detail : "";
  }
}
