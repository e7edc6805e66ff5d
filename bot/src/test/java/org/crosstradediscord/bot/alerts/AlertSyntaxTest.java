package org.crosstradediscord.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSyntaxTest {
  static Map<String, String> read(String body) throws AlertRefused {
    return AlertSyntax.read(body.getBytes(StandardCharsets.UTF_8));
  }

  static AlertProblem refused(String body) {
    return catchThrowableOfType(AlertRefused.class, () -> read(body)).problem();
  }

  @Test
  void theDocsPlaceExample_oneFieldPerLine_readsInOrder_namesLowerCase() throws AlertRefused {
    Map<String, String> fields = read("""
        key=your-secret-key;
        command=PLACE;
        account=sim101;
        instrument=MNQ 06-25;
        action=BUY;
        qty=1;
        order_type=MARKET;
        tif=DAY;
        """);

    assertThat(fields).containsExactly(Map.entry("key", "your-secret-key"), Map.entry("command", "PLACE"),
        Map.entry("account", "sim101"), Map.entry("instrument", "MNQ 06-25"), Map.entry("action", "BUY"),
        Map.entry("qty", "1"), Map.entry("order_type", "MARKET"), Map.entry("tif", "DAY"));
  }

  @Test
  void oneLine_mixedCaseNames_spaces_andAMissingLastSemicolon_areRead() throws AlertRefused {
    assertThat(read(" Command = place ; ACCOUNT=Sim101;Instrument=ES1!;strategy=a=b "))
        .containsExactly(Map.entry("command", "place"), Map.entry("account", "Sim101"),
            Map.entry("instrument", "ES1!"), Map.entry("strategy", "a=b"));
  }

  @Test
  void aJsonObject_withTheSameFields_isRead_numbersAndBooleansAsText() throws AlertRefused {
    assertThat(read("{\"Command\":\"PLACE\",\"qty\":2,\"flatten_first\":true,\"limit_price\":5500.25}"))
        .containsExactly(Map.entry("command", "PLACE"), Map.entry("qty", "2"), Map.entry("flatten_first", "true"),
            Map.entry("limit_price", "5500.25"));
  }

  @Test
  void malformedBodies_areRefused_namingTheFieldOrTheBody_withoutRepeatingValues() {
    assertThat(refused("   \n ")).isEqualTo(new AlertProblem("body", "is empty; expected key=value; pairs such as"
        + " command=PLACE;"));
    assertThat(refused(";;;").field()).isEqualTo("body");
    assertThat(refused("command=PLACE; account Sim101;").message()).contains("pair 2 has no '='");
    assertThat(refused("qty=1; QTY=2;")).isEqualTo(new AlertProblem("qty", "is given twice"));
    assertThat(refused("my field=1;").field()).isEqualTo("body");
    assertThat(refused("x".repeat(41) + "=1;").field()).isEqualTo("body");
    assertThat(refused("strategy=" + "s".repeat(201) + ";")).isEqualTo(new AlertProblem("strategy",
        "is longer than 200 characters"));
    assertThat(refused("strategy=a\u0007b;")).isEqualTo(new AlertProblem("strategy", "contains a control character"));
    assertThat(refused("{\"qty\": [1]}")).isEqualTo(new AlertProblem("qty", "must be a text, number or true/false,"
        + " not a list or object"));
    assertThat(refused("{\"qty\": null}").message()).endsWith("not null");
    assertThat(refused("{\"qty\": 1").field()).isEqualTo("body");
    assertThat(refused("{\"qty\": 1} {}").message()).isEqualTo("is not one JSON object");
    assertThat(refused("{\"a b\": 1}").field()).isEqualTo("body");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 41; i++) {
      many.append("f").append(i).append("=1;");
    }
    assertThat(refused(many.toString())).isEqualTo(new AlertProblem("body", "has more than 40 fields"));
  }

  @Test
  void bytesThatAreNotUtf8_areRefused() {
    AlertRefused e = catchThrowableOfType(AlertRefused.class,
        () -> AlertSyntax.read(new byte[] {'q', 't', 'y', '=', (byte) 0xC3, (byte) 0x28, ';'}));

    assertThat(e.problem()).isEqualTo(new AlertProblem("body", "is not UTF-8 text"));
  }

  @Test
  void theRefusalNeverRepeatsTheKey() {
    AlertProblem p = refused("key=hunter2-secret; key=hunter2-secret;");

    assertThat(p.line()).isEqualTo("key: is given twice").doesNotContain("hunter2");
  }
}
