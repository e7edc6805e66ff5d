package org.crosstradediscord.testing.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message with a file, as JDA sends it ({@code multipart/form-data}: {@code payload_json} and {@code files[0]}): a PNG
 * of at most 10 MiB becomes an attachment whose bytes tests can read; anything else is refused in Discord's shape.
 */
class StandInAttachmentsTest {
  static final String TOKEN = "standin-attachments-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final StandInGuild GUILD = new StandInGuild(Snowflakes.next(), "Files");
  static final StandInGuild.Channel CHANNEL = GUILD.addChannel("board");
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', '\r',
      '\n', 1, 2};
  static DiscordStandIn discord;

  @BeforeAll
  static void start() {
    discord = DiscordStandIn.start(TOKEN, GUILD);
  }

  @AfterAll
  static void stop() {
    discord.close();
  }

  static HttpResponse<String> post(String payload, String filename, byte[] file) throws Exception {
    String boundary = "jda-like-boundary-7f3a";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
        + "Content-Type: application/json; charset=utf-8\r\n\r\n" + payload + "\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + "channels/" + CHANNEL.id() + "/messages"))
        .header("Authorization", "Bot " + TOKEN).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPng_becomesAnAttachment_shownByItsEmbed_withItsBytesKept() throws Exception {
    HttpResponse<String> r = post("{\"embeds\":[{\"title\":\"Session report\",\"image\":{\"url\":\"attachment://pnl-1.png\"}}],"
        + "\"attachments\":[{\"id\":\"0\",\"filename\":\"pnl-1.png\"}]}", "pnl-1.png", PNG);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StandInMessage m = discord.channelMessages(CHANNEL.id()).get(discord.channelMessages(CHANNEL.id()).size() - 1);
    assertThat(m.attachments()).hasSize(1);
    StandInMessage.Attachment a = m.attachments().get(0);
    assertThat(a.filename()).isEqualTo("pnl-1.png");
    assertThat(a.size()).isEqualTo(PNG.length);
    assertThat(a.contentType()).isEqualTo("image/png");
    assertThat(discord.attachment(a.id())).isEqualTo(PNG);
    assertThat(m.embedImages()).containsExactly(JSON.readTree(r.body()).path("attachments").get(0).path("url").asText());
    assertThat(discord.calls().get(discord.calls().size() - 1).body().path("embeds").get(0).path("title").asText())
        .as("the payload_json is what is recorded").isEqualTo("Session report");
  }

  @Test
  void aFileThatIsNotAPng_isRefused_400_50035() throws Exception {
    int before = discord.channelMessages(CHANNEL.id()).size();
    HttpResponse<String> r = post("{\"content\":\"chart\"}", "pnl-1.png", "GIF89a not a png".getBytes(
        StandardCharsets.US_ASCII));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("code").asInt()).isEqualTo(50035);
    assertThat(e.path("errors").path("_errors").get(0).asText()).contains("files[0]").contains("not a valid PNG");
    assertThat(discord.channelMessages(CHANNEL.id())).hasSize(before);
  }

  @Test
  void aFileOverTenMebibytes_isRefused_413_40005() throws Exception {
    byte[] big = Arrays.copyOf(PNG, 10 * 1024 * 1024 + 1);
    HttpResponse<String> r = post("{\"content\":\"chart\"}", "big.png", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).path("code").asInt()).isEqualTo(40005);
    byte[] justUnder = Arrays.copyOf(PNG, 10 * 1024 * 1024);
    assertThat(post("{\"content\":\"chart\"}", "ok.png", justUnder).statusCode()).isEqualTo(200);
  }
}
