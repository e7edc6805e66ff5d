package org.crosstradediscord.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * Start-up failures an operator meets, through the shaded jar as it is run: each is exit code 1 and exactly one
 * {@code crosstrade-discord: cannot start: …} line naming the cause and the fix, with no stack trace and no token.
 * (Unreachable Discord and a refused token: {@code BotMainStartupFailureTest} in the bot module.)
 */
class StartupFailuresEndToEndTest {
  private static void assertOneLineFailure(BotProcess bot, String expectedStart) throws Exception {
    assertThat(bot.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = bot.output();
    assertThat(bot.process().exitValue()).as(output).isEqualTo(1);
    List<String> failures = output.lines().filter(l -> l.startsWith("crosstrade-discord: ")).toList();
    assertThat(failures).as(output).hasSize(1);
    assertThat(failures.get(0)).startsWith("crosstrade-discord: cannot start: " + expectedStart);
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread")
        .doesNotContain(Sandbox.DISCORD_TOKEN).doesNotContain(Sandbox.CROSSTRADE_TOKEN);
  }

  @Test
  void auditChannelTheBotCannotSee_exits1_namingThePermissionsAndTheFix() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false)) {
      StandInGuild.Channel audit = world.guild().channels().stream().filter(c -> c.name().equals("audit"))
          .findFirst().orElseThrow();
      world.guild().hideFromBot(audit);
      try (BotProcess bot = BotProcess.start(jar, List.of(), world.configFile(), Sandbox.secrets(),
          Path.of("target", "bot-audit-permission.log"))) {
        assertOneLineFailure(bot, "audit_channel_id: the bot lacks View Channels and Send Messages in #audit ("
            + audit.id() + "); fix: allow View Channel and Send Messages for the bot there");
      }
    }
  }

  @Test
  void opsPortAlreadyTaken_exits1_namingTheKey() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false);
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path config = world.configFile();
      Files.writeString(config, Files.readString(config) + "ops:\n  listen: \"127.0.0.1:" + taken.getLocalPort() + "\"\n");
      try (BotProcess bot = BotProcess.start(jar, List.of(), config, Sandbox.secrets(), Path.of("target", "bot-ops-port.log"))) {
        assertOneLineFailure(bot, "ops.listen: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": BindException");
        assertThat(bot.output()).contains("pick another port or remove ops.listen");
      }
    }
  }
}
