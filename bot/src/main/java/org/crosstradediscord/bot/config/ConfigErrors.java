package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Jackson throws while reading the config into one line in the admin's words, starting with the key path
 * ({@code limits.by_role.7.order_types[1]: …}) or, for the YAML itself, the file and line ({@code config.yaml line
 * 5: duplicate key 'roles'}). No Jackson class name and no value other than the offending scalar is shown.
 */
final class ConfigErrors {
  private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'.*", Pattern.DOTALL);

  private ConfigErrors() {}

  /**
   * A value the config's rules refuse while it is read (thrown by the reader or a deserializer); the message names the
   * rule, the path is the reader's position (a mapping key's refusal names the key).
   */
  static final class Refused extends JsonMappingException {
    private static final long serialVersionUID = 1L;
    private final String where;

    /**
     * @param p the reader, on the refused value or key
     * @param message the rule, e.g. {@code '010' is not a Discord id (…)}
     */
    Refused(JsonParser p, String message) {
      super(p, message);
      this.where = path(p.getParsingContext());
    }
  }

  /**
   * @param e what Jackson threw
   * @param p the reader, still on the token it stopped at
   * @param source the file, for messages about the YAML itself
   * @return the one-line refusal
   */
  static ConfigException translate(JsonProcessingException e, JsonParser p, String source) {
    if (e instanceof Refused r) {
      return refusal(r.where, r.getOriginalMessage());
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException) {
      return refusal(path(m.getPath()), text(p) + " is out of range");
    }
    if (e instanceof JsonMappingException m && !(e instanceof Refused)
        && m.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException)) {
      return yaml(cause, p, source);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return refusal(path(u.getPath()), "unknown key (known: " + known(u.getKnownPropertyIds()) + ")");
    }
    if (e instanceof InvalidNullException n) {
      return refusal(path(n.getPath()), n.getTargetType() == DiscordId.class ? "'" + text(p) + "' is not a Discord id"
          + " (digits only)" : "is null ('" + text(p) + "'); write the value, or quote it if it is really the text");
    }
    if (e instanceof MismatchedInputException m) {
      Matcher missing = MISSING.matcher(String.valueOf(m.getOriginalMessage()));
      if (missing.matches()) {
        String at = path(m.getPath());
        return new ConfigException(ConfigRules.required(at.endsWith(missing.group(1)) ? at : join(at, missing.group(1))));
      }
      return refusal(path(m.getPath()), expected(m.getTargetType(), p));
    }
    if (e instanceof JsonMappingException m) {
      return refusal(path(m.getPath()), "is not a valid value here");
    }
    return yaml(e, p, source);
  }

  /** A problem with the YAML itself: duplicate key, syntax, limits. */
  private static ConfigException yaml(JsonProcessingException e, JsonParser p, String source) {
    JsonLocation at = e.getLocation();
    String line = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
    JsonStreamContext ctx = p.getParsingContext();
    String message = String.valueOf(e.getOriginalMessage());
    if (ctx.inObject() && message.equals("Duplicate field '" + ctx.getCurrentName() + "'")) {
      return new ConfigException(source + " line " + at.getLineNr() + ": duplicate key '" + path(ctx) + "'");
    }
    if (message.startsWith("Expected a field name")) {
      return new ConfigException(source + line + ": a key must be plain text");
    }
    if (e instanceof StreamConstraintsException) {
      return new ConfigException(source + " is not valid YAML: nested more than 20 levels deep");
    }
    if (e.getCause() instanceof MarkedYAMLException y) {
      Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
      return new ConfigException(source + " is not valid YAML: " + SafeText.oneLine(y.getProblem() != null
          ? y.getProblem() : y.getContext()) + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ")"));
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new ConfigException(source + " is not valid YAML: " + SafeText.oneLine(cause == e ? message
        : cause.getMessage()) + line);
  }

  /** What a key of {@code target}'s type must be, for a value Jackson would not convert. */
  private static String expected(Class<?> target, JsonParser p) {
    boolean scalar = p.currentToken() != null && p.currentToken().isScalarValue();
    String shown = scalar ? " ('" + text(p) + "')" : "";
    if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
      return "must be a whole number in plain decimal digits" + shown;
    }
    if (target == Boolean.class || target == boolean.class) {
      return "must be true or false" + (scalar ? " (got '" + text(p) + "')" : "");
    }
    if (target == String.class) {
      return scalar && p.currentToken().isBoolean() ? "'" + text(p) + "' is a YAML boolean, not text; quote it (\""
          + text(p) + "\") if it is really the text" : "must be a single value, not a list or mapping";
    }
    if (target != null && (List.class.isAssignableFrom(target) || Collection.class.isAssignableFrom(target))) {
      return "must be a list";
    }
    if (target != null && (Map.class.isAssignableFrom(target) || target.isRecord())) {
      return "must be a mapping";
    }
    return "is not a valid value here";
  }

  private static ConfigException refusal(String path, String rule) {
    return new ConfigException((path.isEmpty() ? "" : path + ": ") + rule);
  }

  /** @return the scalar under the reader as written, on one line; {@code ""} if unreadable */
  static String text(JsonParser p) {
    try {
      return SafeText.oneLine(p.getText());
    } catch (IOException e) {
      return "";
    }
  }

  private static String known(Collection<Object> ids) {
    TreeSet<String> names = new TreeSet<>();
    ids.forEach(id -> names.add(String.valueOf(id)));
    return String.join(", ", names);
  }

  /** @return {@code a.b[0].c} from Jackson's path */
  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(SafeText.oneLine(r.getFieldName()));
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  /** @return {@code a.b[0].c} of the reader's position */
  static String path(JsonStreamContext ctx) {
    StringBuilder b = new StringBuilder();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        b.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        b.insert(0, (b.length() == 0 || b.charAt(0) == '[' ? "" : ".")).insert(0, SafeText.oneLine(c.getCurrentName()));
      }
    }
    return b.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
