package org.crosstradediscord.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as a member would see it, read from the stand-in's current copy.
 *
 * @param id message id
 * @param ephemeral whether only {@code visibleTo} sees it
 * @param visibleTo the one member who sees an ephemeral message, or 0
 * @param raw the full Discord message object
 */
public record StandInMessage(long id, boolean ephemeral, long visibleTo, ObjectNode raw) {
  /** @return true while the message is a deferred reply the bot has not edited yet ("… is thinking") */
  public boolean thinking() {
    return (raw.path("flags").asInt(0) & 128) != 0;
  }

  /** @return the content text, possibly empty */
  public String content() {
    return raw.path("content").asText("");
  }

  /** @return the embeds' titles, descriptions, field names/values and footers, one text per embed */
  public List<String> embedTexts() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : raw.path("embeds")) {
      StringBuilder b = new StringBuilder();
      b.append(e.path("title").asText("")).append('\n').append(e.path("description").asText(""));
      for (JsonNode f : e.path("fields")) {
        b.append('\n').append(f.path("name").asText()).append(": ").append(f.path("value").asText());
      }
      b.append('\n').append(e.path("footer").path("text").asText(""));
      out.add(b.toString());
    }
    return out;
  }

  /** @return all embed text joined, for assertions */
  public String text() {
    return content() + "\n" + String.join("\n", embedTexts());
  }

  /** @return the attachments (files), in order; their bytes: {@link DiscordStandIn#attachment(long)} */
  public List<Attachment> attachments() {
    List<Attachment> out = new ArrayList<>();
    for (JsonNode a : raw.path("attachments")) {
      out.add(new Attachment(a.path("id").asLong(), a.path("filename").asText(), a.path("size").asLong(),
          a.path("content_type").asText(null)));
    }
    return out;
  }

  /** @return the embeds' image URLs, in order (an attached chart's is its attachment's URL) */
  public List<String> embedImages() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : raw.path("embeds")) {
      if (e.path("image").has("url")) {
        out.add(e.path("image").path("url").asText());
      }
    }
    return out;
  }

  /**
   * A file attached to a message, accepted by the stand-in (a PNG of at most 10 MiB).
   *
   * @param id the attachment's id
   * @param filename its name
   * @param size its size in bytes
   * @param contentType its type, e.g. {@code image/png}
   */
  public record Attachment(long id, String filename, long size, String contentType) {}

  /** @return the buttons, in order */
  public List<Button> buttons() {
    List<Button> out = new ArrayList<>();
    for (JsonNode row : raw.path("components")) {
      for (JsonNode c : row.path("components")) {
        if (c.path("type").asInt() == 2) {
          out.add(new Button(c.path("label").asText(), c.path("custom_id").asText(), c.path("style").asInt(),
              c.path("disabled").asBoolean(false)));
        }
      }
    }
    return out;
  }

  /**
   * @param label a button label
   * @return that button
   */
  public Button button(String label) {
    return buttons().stream().filter(b -> b.label().equalsIgnoreCase(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no button '" + label + "' on message " + id + " " + buttons()));
  }

  /**
   * A button.
   *
   * @param label its label
   * @param customId its custom_id
   * @param style 1 primary, 2 secondary, 3 success, 4 danger
   * @param disabled whether it is disabled
   */
  public record Button(String label, String customId, int style, boolean disabled) {
    /** @return the style's name */
    public String styleName() {
      return switch (style) {
        case 1 -> "primary";
        case 2 -> "secondary";
        case 3 -> "success";
        case 4 -> "danger";
        default -> "style " + style;
      };
    }
  }
}
