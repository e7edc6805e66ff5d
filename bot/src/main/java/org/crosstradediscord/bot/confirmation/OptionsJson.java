package org.crosstradediscord.bot.confirmation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.StoreException;

/** A stored action's options as JSON: written with its row, read back to build the action again elsewhere. */
final class OptionsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OptionsJson() {}

  /**
   * @param options the options as typed: option name to {@code String}, {@code Long} or {@code Double}
   * @return them as a JSON object
   * @throws StoreException they cannot be written as JSON (so they cannot be stored)
   */
  static String write(Map<String, Object> options) {
    try {
      return JSON.writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new StoreException("the options cannot be stored: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * @param row a stored row
   * @return its options as typed: option name to {@code String}, {@code Long} or {@code Double}
   * @throws NotRebuildable the options are unreadable
   */
  static Map<String, Object> read(PendingRow row) {
    try {
      Map<String, Object> raw = JSON.readValue(row.options(), new TypeReference<LinkedHashMap<String, Object>>() { });
      Map<String, Object> out = new LinkedHashMap<>();
      raw.forEach((k, v) -> out.put(k, v instanceof Integer i ? Long.valueOf(i) : v instanceof BigInteger b
          ? b.longValue() : v instanceof Number n && !(v instanceof Long) ? n.doubleValue() : v));
      return out;
    } catch (JsonProcessingException e) {
      throw new NotRebuildable("the stored options are unreadable");
    }
  }
}
