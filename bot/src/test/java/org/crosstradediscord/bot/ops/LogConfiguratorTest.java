package org.crosstradediscord.bot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the bot's own Logback set-up steps aside for XML (an operator's file, the tests' logback-test.xml). */
class LogConfiguratorTest {
  @Test
  void xml_isReadOnlyWhenAskedForByPropertyOrWhenTheTestsShipIt(@TempDir Path dir) throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThat(LogConfigurator.xmlWanted(null, empty)).isFalse();
      assertThat(LogConfigurator.xmlWanted("/etc/crosstrade-bot/logback.xml", empty)).isTrue();
      Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
      assertThat(LogConfigurator.xmlWanted(null, empty)).isTrue();
    }
  }

  @Test
  void theJarShipsTheConfiguratorAsALogbackService() throws Exception {
    ClassLoader loader = LogConfigurator.class.getClassLoader();
    URL service = loader.getResource("META-INF/services/ch.qos.logback.classic.spi.Configurator");
    assertThat(service).isNotNull();
    try (var in = service.openStream()) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip())
          .isEqualTo(LogConfigurator.class.getName());
    }
  }
}
