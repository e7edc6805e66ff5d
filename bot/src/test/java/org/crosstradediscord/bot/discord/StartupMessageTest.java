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
