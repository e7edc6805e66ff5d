package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.crosstradediscord.bot.BotMain;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.ConfigLoader;
import org.crosstradediscord.bot.discord.DiscordBot;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * {@code ops.listen} on the real bot (in this JVM, through the normal start-up path): {@code /healthz} is 200 once
 * started and 503 "stopping" as soon as shutdown begins, while a trade is still in flight, then the endpoint is
 * gone; {@code /metrics} counts the trade.
 */
class OpsEndpointEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void healthz_is503Stopping_whileATradeInFlightHoldsTheShutdown() throws Exception {
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(10), "rest", false)) {
      Path file = world.configFile();
      Files.writeString(file, Files.readString(file) + "ops:\n  listen: \"127.0.0.1:0\"\n");
      BotConfig config = ConfigLoader.load(file);
      DiscordBot bot = BotMain.start(config, Sandbox.secrets());
      CompletableFuture<Void> closing = null;
      try {
        OpsClient ops = new OpsClient(BotConfig.hostPort(bot.opsAddress().orElseThrow()));
        HttpResponse<String> ok = ops.get("/healthz");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

        StandInGuild guild = world.guild();
        StandInGuild.Member alice = guild.member("alice");
        StandInInteraction cmd = world.discord().slash(guild, alice, "flatplace", Map.of("account", "Sim101",
            "instrument", "ES 12-25", "action", "BUY", "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY"));
        StandInMessage card = cmd.original(WAIT);
        world.simulator().faults().latency(Duration.ofSeconds(3)); // the trade's answer takes 3 s
        world.discord().click(guild, alice, card, "Place order");
        Poll.until(() -> world.simulator().requests().stream()
            .filter(r -> "flatPlaceOrder".equals(r.operationId())).findFirst(), WAIT, () -> "the trade was never sent");

        closing = CompletableFuture.runAsync(bot::close); // waits for the trade in flight (grace)
        HttpResponse<String> stopping = Poll.until(() -> {
          try {
            HttpResponse<String> r = ops.get("/healthz");
            return r.statusCode() == 503 ? Optional.of(r) : Optional.empty();
          } catch (Exception e) {
            return Optional.empty();
          }
        }, WAIT, () -> "/healthz never said stopping");
        assertThat(stopping.body()).isEqualTo("stopping\n");
        assertThat(closing).as("the shutdown still waits for the trade").isNotDone();

        closing.get(60, java.util.concurrent.TimeUnit.SECONDS); // trade (3 s) + JDA's disconnect
        assertThat(cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT).text()).contains("Done: Flat-place order");
        assertThatThrownBy(() -> ops.get("/healthz")).as("the endpoint closes with the bot")
            .isInstanceOf(java.io.IOException.class);
      } finally {
        world.simulator().faults().clear();
        bot.close();
        if (closing != null) {
          closing.join();
        }
      }
    }
  }
}
