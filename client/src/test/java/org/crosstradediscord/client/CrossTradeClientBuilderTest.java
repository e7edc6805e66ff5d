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
  void build_withUserInfoInTheBaseUrl_isRefused_withoutEchoingTheCredentials() {
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).baseUrl("https://alice:hunter2@app.example.org").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user info")
        .hasMessageNotContaining("hunter2").hasMessageNotContaining("alice");
    // a host Java's URI cannot parse (underscore) leaves getHost() and getRawUserInfo() null: still refused, unechoed
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).baseUrl("https://me:secret@my_host.example").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user info").hasMessageNotContaining("secret");
  }

  @Test
  void build_withPlainHttpToANonLoopbackHost_isRefusedUnlessAllowed() {
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).baseUrl("http://app.example.org").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http").hasMessageContaining("app.example.org");
    assertThat(CrossTradeClient.builder().token(TOKEN).baseUrl("http://app.example.org").allowInsecureHttp(true).build()
        .baseUrl().getHost()).isEqualTo("app.example.org");
    for (String loopback : new String[] {"http://127.0.0.1:8089", "http://localhost:1", "http://[::1]:80", "http://127.8.9.10"}) {
      assertThat(CrossTradeClient.builder().token(TOKEN).baseUrl(loopback).build().baseUrl().toString()).isEqualTo(loopback);
    }
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).baseUrl("http://127.0.0.1.evil.example").build())
        .hasMessageContaining("plain http");
  }

  @Test
  void build_withAResponseLimitOutsideItsBounds_fails() {
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).maxResponseBytes(100).build())
        .hasMessageContaining("maxResponseBytes").hasMessageContaining("4096");
    assertThatThrownBy(() -> CrossTradeClient.builder().token(TOKEN).maxResponseBytes(1L << 30).build())
        .hasMessageContaining("maxResponseBytes");
    assertThat(CrossTradeClient.builder().token(TOKEN).maxResponseBytes(4096).build()).isNotNull();
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
