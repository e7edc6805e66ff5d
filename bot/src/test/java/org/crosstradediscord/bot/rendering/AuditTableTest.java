package org.crosstradediscord.bot.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.junit.jupiter.api.Test;

/** The /audit table shows member and upstream text literally and stays within Discord's limits. */
class AuditTableTest {
  private static StoredEvent hostile(int i) {
    String evil = "```\n@everyone <@123> **bold** [x](https://evil) " + "y".repeat(500);
    return new StoredEvent(Instant.parse("2026-01-02T03:04:05Z").plusSeconds(i), new AuditEvent("result", 7, "al`ice" + evil,
        "flatplace", Map.of("account", evil, "instrument", "MES 12-25"), "RequestRejectedException: " + evil,
        List.of("id-" + evil, "b", "c", "d", "e", "f", "g"), 12));
  }

  @Test
  void twentyFiveHostileEvents_fitTheDescriptionLimit_inOneCodeBlock_withNothingThatCanEscapeIt() {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      events.add(hostile(i));
    }
    MessageEmbed e = AuditTable.render(events, OptionalLong.empty(), 25);
    String d = e.getDescription();
    assertThat(d.length()).isLessThanOrEqualTo(AuditTable.MAX_DESCRIPTION);
    assertThat(d.split("```", -1)).as("exactly one code block").hasSize(3);
    String inside = d.substring(3, d.lastIndexOf("```"));
    assertThat(inside).doesNotContain("`").doesNotContain("@everyone ").doesNotContain("<@123>");
    assertThat(inside.lines().filter(l -> !l.isBlank() && !l.startsWith("Time (UTC)")))
        .allSatisfy(l -> assertThat(l).startsWith("01-02 03:").contains("/flatplace"));
    if (d.contains("more not shown")) {
      assertThat(d).contains("--export-audit");
    }
  }

  @Test
  void anEmptyTrail_saysSo() {
    assertThat(AuditTable.render(List.of(), OptionalLong.of(42), 10).getDescription())
        .isEqualTo("No audit events of member 42 yet.");
  }
}
