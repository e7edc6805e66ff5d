package org.crosstradediscord.bot.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an alert body into its fields, in CrossTrade's alert syntax (reference §6, docs "payload reference"):
 * {@code key=value} pairs each ended by {@code ;} (usually one per line; the last {@code ;} may be missing), or the
 * same fields as one flat JSON object. Field names are case-insensitive (CrossTrade normalises them): they come back
 * lower case, in body order; values are trimmed and otherwise kept as written.
 *
 * <p>Bounds: UTF-8 only; at most {@value #MAX_FIELDS} fields; names of letters, digits and {@code _} up to
 * {@value #MAX_NAME} characters; values up to {@value #MAX_VALUE} characters, no control characters; a name given
 * twice is refused. The caller bounds the body's size before (the source's {@code max_body_bytes}).
 */
public final class AlertSyntax {
  static final int MAX_FIELDS = 40;
  static final int MAX_NAME = 40;
  static final int MAX_VALUE = 200;
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1," + MAX_NAME + "}");
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private AlertSyntax() {}

  /**
   * @param body the request body as received
   * @return the fields, names lower case, in body order (never empty)
   * @throws AlertRefused the body is not UTF-8, not in the syntax, empty, or breaks a bound (names the field, or
   *     {@code body}); the message never repeats a value
   */
  public static Map<String, String> read(byte[] body) throws AlertRefused {
    String text = utf8(body).strip();
    if (text.isEmpty()) {
      throw new AlertRefused("body", "is empty; expected key=value; pairs such as command=PLACE;");
    }
    Map<String, String> fields = text.startsWith("{") ? json(text) : pairs(text);
    if (fields.isEmpty()) {
      throw new AlertRefused("body", "has no fields; expected key=value; pairs such as command=PLACE;");
    }
    return fields;
  }

  private static Map<String, String> pairs(String text) throws AlertRefused {
    Map<String, String> fields = new LinkedHashMap<>();
    int number = 0;
    for (String part : text.split(";", -1)) {
      if (part.isBlank()) {
        continue;
      }
      number++;
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new AlertRefused("body", "pair " + number + " has no '='; write each field as name=value;");
      }
      put(fields, part.substring(0, eq), part.substring(eq + 1));
    }
    return fields;
  }

  private static Map<String, String> json(String text) throws AlertRefused {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new AlertRefused("body", "is not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = checkedName(p.currentName());
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING || value.isNumeric() || value.isBoolean()) {
          put(fields, name, p.getText());
        } else {
          throw new AlertRefused(name, "must be a text, number or true/false, not "
              + (value == JsonToken.VALUE_NULL ? "null" : "a list or object"));
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new AlertRefused("body", "is not one JSON object");
      }
    } catch (IOException e) {
      throw new AlertRefused("body", "is not valid JSON");
    }
    return fields;
  }

  private static void put(Map<String, String> fields, String rawName, String rawValue) throws AlertRefused {
    String name = checkedName(rawName);
    String value = rawValue.strip();
    if (value.length() > MAX_VALUE) {
      throw new AlertRefused(name, "is longer than " + MAX_VALUE + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new AlertRefused(name, "contains a control character");
    }
    if (fields.putIfAbsent(name, value) != null) {
      throw new AlertRefused(name, "is given twice");
    }
    if (fields.size() > MAX_FIELDS) {
      throw new AlertRefused("body", "has more than " + MAX_FIELDS + " fields");
    }
  }

  /** The name in lower case; a name outside the bounds is refused without repeating it (it could be anything). */
  private static String checkedName(String raw) throws AlertRefused {
    String name = raw.strip().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()) {
      throw new AlertRefused("body", "a field name must be letters, digits or '_' (at most " + MAX_NAME
          + " characters)");
    }
    return name;
  }

  private static String utf8(byte[] body) throws AlertRefused {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new AlertRefused("body", "is not UTF-8 text");
    }
  }
}
