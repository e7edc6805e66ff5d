package org.crosstradediscord.client.invoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The generated {@code ApiClient.requestUri} (patched at build time to call {@link RequestUris}). */
class RequestUrisTest {
  @Test
  void theSameUri_isParsedOnce_andEqualsUriCreate() {
    String s = "http://127.0.0.1:8089/v1/api/accounts/My%20Account/orders/flatplace";
    URI first = ApiClient.requestUri(s);
    assertThat(first).isEqualTo(URI.create(s));
    assertThat(first.getRawPath()).isEqualTo("/v1/api/accounts/My%20Account/orders/flatplace");
    assertThat(ApiClient.requestUri(new String(s))).isSameAs(first);
  }

  @Test
  void manyDifferentUris_keepTheCacheBounded_andEachIsStillRight() {
    for (int i = 0; i < RequestUris.MAX_ENTRIES * 3; i++) {
      String s = "https://app.crosstrade.io/v1/api/accounts/Sim101/orders?instrument=MES%20" + i;
      assertThat(ApiClient.requestUri(s)).isEqualTo(URI.create(s));
      assertThat(RequestUris.size()).isLessThanOrEqualTo(RequestUris.MAX_ENTRIES);
    }
  }

  @Test
  void anInvalidUri_throwsAsUriCreateDoes() {
    assertThatThrownBy(() -> ApiClient.requestUri("http://127.0.0.1/v1/api/accounts/a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiClient.requestUri(null)).isInstanceOf(NullPointerException.class);
  }
}
