package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * A Discord id (snowflake) as written in the config: plain or quoted digits, 1 to 19 of them, no leading zero (YAML
 * 1.1 reads {@code 010} as octal 8: refused rather than changed), no sign, {@code 0x}, {@code _} or exponent, within
 * a signed 64-bit value. Read by {@link Value} (values, list items) and {@link Key} (mapping keys).
 *
 * @param value the id
 */
record DiscordId(long value) {
  private static final String DIGITS_ONLY = " is not a Discord id (digits only)";

  /**
   * @param written the scalar's text as written
   * @return the id
   * @throws IllegalArgumentException the text breaks a rule (the message quotes it, e.g. {@code '010' is not a Discord
   *     id (leading zero: …)})
   */
  static DiscordId parse(String written) {
    String t = written.strip();
    if (!t.matches("[0-9]{1,20}")) {
      throw new IllegalArgumentException("'" + SafeText.oneLine(t) + "'" + DIGITS_ONLY);
    }
    if (t.startsWith("0")) {
      throw new IllegalArgumentException("'" + t + "' is not a Discord id (" + (t.equals("0") ? "zero"
          : "leading zero: YAML 1.1 reads it as octal, so it is refused rather than changed") + ")");
    }
    try {
      return new DiscordId(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + t + "' is not a Discord id (too large)");
    }
  }

  /** Reads an id from a plain or quoted scalar; null is absent, except as a list item. */
  static final class Value extends StdScalarDeserializer<DiscordId> {
    private static final long serialVersionUID = 1L;

    Value() {
      super(DiscordId.class);
    }

    @Override
    public DiscordId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
        try {
          return parse(p.getText());
        } catch (IllegalArgumentException e) {
          throw new ConfigErrors.Refused(p, e.getMessage());
        }
      }
      if (t.isStructStart()) {
        throw new ConfigErrors.Refused(p, "must be a Discord id (digits only)");
      }
      throw new ConfigErrors.Refused(p, "'" + SafeText.oneLine(p.getText()) + "'" + DIGITS_ONLY);
    }

    @Override
    public DiscordId getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      JsonParser p = ctxt.getParser();
      if (p != null && p.getParsingContext().inArray()) {
        throw new ConfigErrors.Refused(p, "'" + ConfigErrors.text(p) + "'" + DIGITS_ONLY);
      }
      return null;
    }
  }

  /** Reads an id from a mapping key ({@code accounts.by_role}, {@code limits.by_role}). */
  static final class Key extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      try {
        return parse(key);
      } catch (IllegalArgumentException e) {
        throw new ConfigErrors.Refused(ctxt.getParser(), e.getMessage());
      }
    }
  }
}
