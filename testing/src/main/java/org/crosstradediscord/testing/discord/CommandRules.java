package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Discord's application-command registration limits (discord-api-docs, application-commands): names 1–32
 * characters of the allowed set and lower case, descriptions 1–100, at most 25 options and 25 choices,
 * required options before optional ones, no choices on autocomplete options, at most 100 commands, and
 * at most 4,000 characters of names, descriptions and choice names per command.
 */
final class CommandRules {
  private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}\\p{IsDevanagari}\\p{IsThai}]{1,32}$");

  private CommandRules() {}

  static List<String> violations(JsonNode commands) {
    List<String> out = new ArrayList<>();
    if (!commands.isArray()) {
      return List.of("body: must be an array of commands");
    }
    if (commands.size() > 100) {
      out.add("body: at most 100 commands");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < commands.size(); i++) {
      JsonNode c = commands.get(i);
      String at = i + ".";
      String name = c.path("name").asText("");
      name(out, at + "name", name);
      if (!names.add(name)) {
        out.add(at + "name: duplicate command name " + name);
      }
      int type = c.path("type").asInt(1);
      int chars = name.length();
      if (type == 1) {
        chars += text(out, at + "description", c.path("description").asText(""));
      }
      JsonNode options = c.path("options");
      if (options.size() > 25) {
        out.add(at + "options: at most 25 options");
      }
      boolean optionalSeen = false;
      Set<String> optionNames = new HashSet<>();
      for (int j = 0; j < options.size(); j++) {
        JsonNode o = options.get(j);
        String oat = at + "options." + j + ".";
        String oname = o.path("name").asText("");
        name(out, oat + "name", oname);
        if (!optionNames.add(oname)) {
          out.add(oat + "name: duplicate option name " + oname);
        }
        chars += oname.length() + text(out, oat + "description", o.path("description").asText(""));
        int otype = o.path("type").asInt(0);
        if (otype < 1 || otype > 11) {
          out.add(oat + "type: unknown option type " + otype);
        }
        boolean required = o.path("required").asBoolean(false);
        if (required && optionalSeen) {
          out.add(oat + "required: required options must come before optional ones");
        }
        optionalSeen |= !required;
        JsonNode choices = o.path("choices");
        if (choices.size() > 25) {
          out.add(oat + "choices: at most 25 choices");
        }
        if (choices.size() > 0 && o.path("autocomplete").asBoolean(false)) {
          out.add(oat + "autocomplete: cannot have both autocomplete and choices");
        }
        for (int k = 0; k < choices.size(); k++) {
          String cn = choices.get(k).path("name").asText("");
          chars += text(out, oat + "choices." + k + ".name", cn);
          JsonNode v = choices.get(k).path("value");
          if (v.isTextual() && (v.asText().isEmpty() || v.asText().length() > 100)) {
            out.add(oat + "choices." + k + ".value: must be 1-100 characters");
          }
        }
      }
      if (chars > 4000) {
        out.add(at + "name: the command's names, descriptions and choices exceed 4000 characters");
      }
    }
    return out;
  }

  private static void name(List<String> out, String at, String name) {
    if (!NAME.matcher(name).matches()) {
      out.add(at + ": must be 1-32 characters of letters, digits, '-' or '_'");
    } else if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      out.add(at + ": must be lower case");
    }
  }

  private static int text(List<String> out, String at, String text) {
    if (text.isEmpty() || text.length() > 100) {
      out.add(at + ": must be 1-100 characters");
    }
    return text.length();
  }
}
