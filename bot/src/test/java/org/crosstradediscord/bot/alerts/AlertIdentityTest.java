package org.crosstradediscord.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertIdentityTest {
  @Test
  void theSameAlert_writtenDifferently_hasOneIdentity_andTheKeyDoesNotCount() throws AlertRefused {
    String a = AlertIdentity.of("tv-mes", AlertSyntaxTest.read(
        "key=one; command=PLACE; account=Sim101; instrument=MES 12-25; action=BUY; qty=1;"));
    String b = AlertIdentity.of("tv-mes", AlertSyntaxTest.read(
        "qty=1;\nACTION=buy;\n instrument = MES  12-25 ;\naccount=Sim101;\ncommand=place;\nkey=two;"));

    assertThat(a).hasSize(64).matches("[0-9a-f]+").isEqualTo(b);
  }

  @Test
  void anotherSource_anotherValue_orAnotherAccountSpelling_isAnotherAlert() {
    Map<String, String> fields = Map.of("command", "PLACE", "account", "Sim101", "qty", "1");
    String base = AlertIdentity.of("tv-mes", fields);

    assertThat(AlertIdentity.of("tv-es", fields)).isNotEqualTo(base);
    assertThat(AlertIdentity.of("tv-mes", Map.of("command", "PLACE", "account", "Sim101", "qty", "2")))
        .isNotEqualTo(base);
    assertThat(AlertIdentity.of("tv-mes", Map.of("command", "PLACE", "account", "Sim102", "qty", "1")))
        .isNotEqualTo(base);
  }
}
