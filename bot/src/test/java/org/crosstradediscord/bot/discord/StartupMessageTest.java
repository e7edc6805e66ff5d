package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import org.crosstradediscord.bot.text.SafeText;
import org.junit.jupiter.api.Test;

/** Text from outside that ends up in a start-up message: one line, no token. */
class StartupMessageTest {
  private static final String TOKEN = "MTA5.discord-token.XYZ";

  @Test
  void describe_givesTypeMessageAndInnermostCause_onOneLine_withoutTheToken() {
    Exception e = new IllegalStateException("login failed\nAuthorization: Bot " + TOKEN + "\r\n\tat x",
        new UncheckedIOException(new ConnectException("Connection refused\u001b[31m")));
    String line = DiscordBot.describe(e, List.of(TOKEN, "other-secret-value"));
    assertThat(line).doesNotContain(TOKEN).doesNotContain("\n").doesNotContain("\r").doesNotContain("\t")
        .doesNotContain("\u001b")
        .startsWith("IllegalStateException: login failed Authorization: Bot [redacted]")
        .endsWith("(cause: ConnectException: Connection refused [31m)");
  }

  @Test
  void unreachableDiscord_unknownHost_isOneLineInAnAdminsWords() {
    java.net.URI rest = java.net.URI.create("https://discord.example/api/v10/");
    // JDA's form: ErrorResponseException "-1: java.net.UnknownHostException" with the lookup failure as its cause
    RuntimeException jda = new RuntimeException("-1: java.net.UnknownHostException",
        new java.net.UnknownHostException("discord.example: Name or service not known"));

    assertThat(DiscordSession.unreachable(jda, rest, List.of(TOKEN)))
        .isEqualTo("unknown host discord.example (check discord.rest_base_url and DNS)");
    assertThat(DiscordSession.unreachable(new RuntimeException("-1: java.net.UnknownHostException"), rest, List.of()))
        .as("named only in the message").isEqualTo("unknown host discord.example (check discord.rest_base_url and DNS)");
    assertThat(DiscordSession.unreachable(new RuntimeException("x", new ConnectException("Connection refused")), rest,
        List.of())).isEqualTo("connection refused by discord.example (check discord.rest_base_url, and that this machine"
            + " may connect out to it)");
    assertThat(DiscordSession.unreachable(new RuntimeException("x",
        new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), rest, List.of()))
        .startsWith("the TLS handshake with discord.example failed (check discord.rest_base_url");
    assertThat(DiscordSession.unreachable(new IllegalStateException("odd " + TOKEN), rest, List.of(TOKEN)))
        .as("anything else keeps its type, scrubbed").isEqualTo("IllegalStateException: odd [redacted]");
  }

  @Test
  void describe_survivesACauseCycle() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(DiscordBot.describe(a, List.of())).isEqualTo("RuntimeException: a (cause: RuntimeException: b)");
  }

  @Test
  void scrubbed_ignoresValuesTooShortToBeTokens_soMessagesStayReadable() {
    assertThat(SafeText.scrubbed("accounts.allowed: is required", List.of("a", "b")))
        .isEqualTo("accounts.allowed: is required");
    assertThat(SafeText.scrubbed(null, List.of())).isEmpty();
    assertThat(SafeText.oneLine("a\u2028b\u0085c")).isEqualTo("a b c");
  }
}
