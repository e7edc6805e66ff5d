package org.crosstradediscord.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class CrossTradeClientBuilderTest {
  private static final String TOKEN = "secret-token-value-123";

  @Test
  void build_withoutToken_failsNamingTheToken() {
    assertThatThrownBy(() -> CrossTradeClient.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token is required");
  }

  @Test
  void build_withNonHttpBaseUrl_failsNamingTheUrl() {
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).baseUrl("ftp://example.org").build())
        .hasMessageContaining("baseUrl").hasMessageContaining("ftp://example.org");
  }

  @Test
  void build_withNonPositiveTimeout_fails() {
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout");
  }

  @Test
  void defaults_areProduction_andToStringNeverShowsTheToken() {
    CrossTradeClient client = CrossTradeClient.builder().token(TOKEN).build();
    assertThat(client.baseUrl()).isEqualTo(CrossTradeClient.PRODUCTION);
    assertThat(client.toString()).doesNotContain(TOKEN).contains("[redacted]").contains("requestTimeoutMs=20000");
    assertThat(CrossTradeClient.builder().token(TOKEN).toString()).doesNotContain(TOKEN);
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates() {
    assertThat(ErrorMapper.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(ErrorMapper.retryAfter(null)).isNull();
    assertThat(ErrorMapper.retryAfter("soon")).isNull();
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
    assertThat(ErrorMapper.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}
