package org.crosstradediscord.client.invoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code ApiClient.urlEncode} (patched at build time to call {@link PercentEncoding}) writes exactly
 * what the generator's own {@code URLEncoder.encode(s, UTF_8).replaceAll("\\+", "%20")} wrote, for every input.
 */
class PercentEncodingTest {
  private static String generatorsOwn(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void knownValues() {
    assertThat(ApiClient.urlEncode("Sim101")).isEqualTo("Sim101");
    assertThat(ApiClient.urlEncode("My Account")).isEqualTo("My%20Account");
    assertThat(ApiClient.urlEncode("a+b")).isEqualTo("a%2Bb");
    assertThat(ApiClient.urlEncode("a/b")).isEqualTo("a%2Fb");
    assertThat(ApiClient.urlEncode("100%")).isEqualTo("100%25");
    assertThat(ApiClient.urlEncode("~*-._")).isEqualTo("%7E*-._");
    assertThat(ApiClient.urlEncode("é")).isEqualTo("%C3%A9");
    assertThat(ApiClient.urlEncode("€")).isEqualTo("%E2%82%AC");
    assertThat(ApiClient.urlEncode("\uD83D\uDE00")).as("a pair: one 4-byte character").isEqualTo("%F0%9F%98%80");
    assertThat(ApiClient.urlEncode("a\uD83Db")).as("a lone surrogate: '?'").isEqualTo("a%3Fb");
    assertThat(ApiClient.urlEncode("?#&=;:@")).isEqualTo("%3F%23%26%3D%3B%3A%40");
    assertThat(ApiClient.urlEncode("")).isEmpty();
    assertThat(ApiClient.urlEncode("\u0000\u007f")).isEqualTo("%00%7F");
  }

  @Test
  void nothingToEncode_returnsTheSameString() {
    String s = "MES-12.25_x*";
    assertThat(PercentEncoding.encode(s)).isSameAs(s);
  }

  @Test
  void null_throwsAsUrlEncoderDoes() {
    assertThatThrownBy(() -> ApiClient.urlEncode(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void everyCharacterOfTheBasicPlane_alone_andBetweenOthers() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String one = String.valueOf((char) c);
      assertThat(ApiClient.urlEncode(one)).as("U+%04X", c).isEqualTo(generatorsOwn(one));
      String mixed = "Sim" + (char) c + " 1+" + (char) c;
      assertThat(ApiClient.urlEncode(mixed)).as("U+%04X mixed", c).isEqualTo(generatorsOwn(mixed));
    }
  }

  @Test
  void randomStrings_ofAsciiPunctuationUnicodeAndSurrogates() {
    SplittableRandom random = new SplittableRandom(20261207);
    List<String> alphabet = List.of("a", "Z", "0", " ", "+", "/", "%", "~", "*", "-", ".", "_", "?", "#", "&", "=",
        "é", "ß", "€", "中", "\uD83D\uDE00", "\uD83D", "\uDE00", "\t", "\n", "\u00a0", "'", "\"", "\\", "!", "$", ",");
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        s.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : alphabet.get(random.nextInt(alphabet.size())));
      }
      String input = s.toString();
      assertThat(ApiClient.urlEncode(input)).as("%s", input.chars().mapToObj(Integer::toHexString).toList())
          .isEqualTo(generatorsOwn(input));
    }
  }

  @Test
  void theEncodedSegment_isAValidPathThatDecodesBack() {
    for (String s : List.of("My Account", "a+b/c", "100% ~*", "Konto Müller", "\uD83D\uDE00 x")) {
      String encoded = ApiClient.urlEncode(s);
      URI uri = URI.create("http://127.0.0.1/v1/api/accounts/" + encoded + "/orders");
      assertThat(uri.getRawPath()).isEqualTo("/v1/api/accounts/" + encoded + "/orders");
      assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(s);
    }
  }
}
