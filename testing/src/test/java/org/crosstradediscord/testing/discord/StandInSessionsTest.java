package org.crosstradediscord.testing.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.DiscordStandInTest.RawBot;
import org.junit.jupiter.api.Test;

/**
 * Two gateway sessions on one stand-in (the bench runs the bot and the floor this way): by default each gets every
 * dispatch; {@link DiscordStandIn#dispatchOnlyTo} sends to one of them alone. A stand-in of its own, so no other
 * test's dispatches are redirected.
 */
class StandInSessionsTest {
  private static final String TOKEN = "sessions-test-token";

  @Test
  void dispatchOnlyTo_reachesThatSessionAlone_zeroReachesEvery_anAbsentOneFails() throws Exception {
    StandInGuild guild = new StandInGuild(Snowflakes.next(), "Sessions");
    StandInGuild.Member alice = guild.addMember("alice");
    guild.addChannel("general");
    try (DiscordStandIn discord = DiscordStandIn.start(TOKEN, guild)) {
      RawBot first = connect(discord);
      int firstSession = awaitSession(discord, 1);
      RawBot second = connect(discord);
      int secondSession = awaitSession(discord, 2);
      HttpResponse<String> reg = DiscordStandInTest.HTTP.send(HttpRequest.newBuilder(
              URI.create(discord.restBaseUrl() + "applications/1/guilds/" + guild.id() + "/commands"))
          .header("Authorization", "Bot " + TOKEN).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("[{\"name\":\"ping\",\"description\":\"Ping\",\"type\":1}]")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(reg.statusCode()).isEqualTo(200);

      discord.dispatchOnlyTo(secondSession);
      StandInInteraction onlySecond = discord.slash(guild, alice, "ping", Map.of());
      assertThat(second.next("INTERACTION_CREATE").path("id").asLong()).isEqualTo(onlySecond.id());

      discord.dispatchOnlyTo(0);
      StandInInteraction both = discord.slash(guild, alice, "ping", Map.of());
      // One socket delivers in order: the first session's first interaction is the second one dispatched.
      assertThat(first.next("INTERACTION_CREATE").path("id").asLong()).isEqualTo(both.id());
      assertThat(second.next("INTERACTION_CREATE").path("id").asLong()).isEqualTo(both.id());
      assertThat(firstSession).isNotEqualTo(secondSession);

      discord.dispatchOnlyTo(3);
      assertThatThrownBy(() -> discord.slash(guild, alice, "ping", Map.of()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("gateway session 3 is not connected");
      first.ws.abort();
      second.ws.abort();
    }
  }

  private static RawBot connect(DiscordStandIn discord) {
    RawBot b = new RawBot(TOKEN);
    b.ws = DiscordStandInTest.HTTP.newWebSocketBuilder()
        .buildAsync(URI.create(discord.gatewayUrl() + "?v=10&encoding=json"), b).join();
    return b;
  }

  private static int awaitSession(DiscordStandIn discord, int number) {
    return Poll.until(() -> discord.lastSession() == number ? Optional.of(number) : Optional.empty(),
        Duration.ofSeconds(5), () -> "gateway session " + number + " never identified");
  }
}
