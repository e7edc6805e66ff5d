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
      try (BotProcess bot = BotProcess.start(jar, BotJvm.options(), world.configFile(), Sandbox.secrets(),
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
      try (BotProcess bot = BotProcess.start(jar, BotJvm.options(), config, Sandbox.secrets(), Path.of("target", "bot-ops-port.log"))) {
        assertOneLineFailure(bot, "ops.listen: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": BindException");
        assertThat(bot.output()).contains("pick another port or remove ops.listen");
      }
    }
  }

  private static Path checkingConfig(Sandbox world, String baseUrl) throws Exception {
    Path config = world.configFile();
    String yaml = Files.readString(config).replace("check_at_start: false", "check_at_start: true");
    if (baseUrl != null) {
      yaml = yaml.replace(world.simulator().baseUrl(), baseUrl);
    }
    Files.writeString(config, yaml);
    return config;
  }

  @Test
  void crossTradeRefusingTheToken_exits1_namingTheVariableAndTheFix_withoutTheToken() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false)) {
      Path config = checkingConfig(world, null);
      String wrong = "wrong-crosstrade-token-4242";
      try (BotProcess bot = BotProcess.start(jar, BotJvm.options(), config, java.util.Map.of("DISCORD_TOKEN", Sandbox.DISCORD_TOKEN,
          "CROSSTRADE_TOKEN", wrong), Path.of("target", "bot-crosstrade-401.log"))) {
        assertOneLineFailure(bot, "CrossTrade at " + world.simulator().baseUrl());
        assertThat(bot.output()).contains("refused CROSSTRADE_TOKEN (HTTP 401)").contains("Pro plan")
            .doesNotContain(wrong);
        assertThat(world.discord().calls()).as("Discord is not contacted").isEmpty();
      }
    }
  }

  @Test
  void crossTradeUnreachable_exits1_namingTheKeyToCheck() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false)) {
      Path config = checkingConfig(world, "http://127.0.0.1:" + closed);
      try (BotProcess bot = BotProcess.start(jar, BotJvm.options(), config, Sandbox.secrets(),
          Path.of("target", "bot-crosstrade-unreachable.log"))) {
        assertOneLineFailure(bot, "cannot reach CrossTrade at http://127.0.0.1:" + closed);
        assertThat(bot.output()).contains("check crosstrade.base_url and the network");
      }
    }
  }

  @Test
  void crossTradeAnswering_theBotStarts_afterOneRead() throws Exception {
    Path jar = BotJarEndToEndTest.jar();
    try (Sandbox world = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5), "rest", false)) {
      Path config = checkingConfig(world, null);
      try (BotProcess bot = BotProcess.start(jar, BotJvm.options(), config, Sandbox.secrets(),
          Path.of("target", "bot-crosstrade-ok.log"))) {
        world.discord().awaitCall(c -> c.route().endsWith("/commands") && c.status() == 200, Duration.ofSeconds(60));
        assertThat(world.simulator().requests()).extracting(r -> r.operationId()).containsExactly("listAccounts");
        assertThat(bot.output()).contains("answered: 3 account(s) visible to the token");
        assertThat(bot.terminate(40)).isIn(0, 143);
      }
    }
  }
}
