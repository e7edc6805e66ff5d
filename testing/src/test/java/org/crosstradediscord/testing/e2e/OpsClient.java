package org.crosstradediscord.testing.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real HTTP to the bot's ops endpoint ({@code ops.listen}): {@code /healthz} and {@code /metrics}. */
final class OpsClient {
  /** The log line that names the bound address. */
  static final Pattern LISTENING = Pattern.compile("ops: GET /healthz and /metrics on http://([0-9.]+:[0-9]+)");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;

  OpsClient(String hostPort) {
    this.base = URI.create("http://" + hostPort);
  }

  /**
   * @param log the bot's output
   * @return the ops address it logged, if it did
   */
  static java.util.Optional<String> address(String log) {
    Matcher m = LISTENING.matcher(log);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + r.statusCode());
    }
    return r.body();
  }

  /**
   * @param text Prometheus text
   * @param name a series name, e.g. {@code crosstrade_bot_confirmations_total}
   * @param labels labels the series must have (others may be present)
   * @return the sum of the matching samples; 0 when none
   */
  static double value(String text, String name, Map<String, String> labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      int end = line.lastIndexOf(' ');
      String series = line.substring(0, end);
      boolean all = labels.entrySet().stream().allMatch(e -> series.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        sum += Double.parseDouble(line.substring(end + 1));
      }
    }
    return sum;
  }
}
