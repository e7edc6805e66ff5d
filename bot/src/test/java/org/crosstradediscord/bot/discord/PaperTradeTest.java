package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.rendering.Outcome;
import org.crosstradediscord.bot.rendering.Review;
import org.crosstradediscord.bot.commands.TradeAction;
import org.crosstradediscord.client.CrossTradeClient;
import org.junit.jupiter.api.Test;

/** Paper mode's card: the request escaped and bounded; the review marked PAPER; nothing can be executed by it. */
class PaperTradeTest {
  record Stub(Map<String, String> auditArgs) implements TradeAction {
    @Override
    public String command() {
      return "flatplace";
    }

    @Override
    public Set<Permission> requiredPermissions() {
      return Set.of(Permission.FLATPLACE);
    }

    @Override
    public Optional<String> tradedAccount() {
      return Optional.of("Sim101");
    }

    @Override
    public Review review() {
      return new Review("Flat-place order", "Places it.", java.util.List.of(), "Place order", null);
    }

    @Override
    public Outcome execute(CrossTradeClient client) {
      throw new AssertionError("paper mode must not execute");
    }
  }

  @Test
  void request_isEscapedAndBounded() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("account", "Sim101");
    args.put("instrument", "[Verify](https://evil.example) @everyone ||x||");
    for (int i = 0; i < 20; i++) {
      args.put("k" + i, "v".repeat(500));
    }
    String request = PaperTrade.request(new Stub(args));
    assertThat(request).startsWith("`/flatplace`").contains("- account: Sim101").doesNotContain("@everyone")
        .doesNotContain("||x||").doesNotContainPattern("(?<!\\\\)\\]\\(").contains("… 10 more");
    assertThat(request.length()).isLessThan(4000);
    String card = PaperTrade.card(request).getDescription();
    assertThat(PaperTrade.card(request).getTitle()).isEqualTo("PAPER — not sent");
    assertThat(card).contains("nothing was sent to CrossTrade").hasSizeLessThanOrEqualTo(4096);
  }

  @Test
  void paperReview_isMarked_liveReviewIsNot() {
    Stub stub = new Stub(Map.of());
    assertThat(new ReviewedAction(stub, true).review().title()).isEqualTo("[PAPER] Flat-place order");
    assertThat(new ReviewedAction(stub, true).review().whatHappens()).contains("PAPER mode: Confirm sends nothing");
    assertThat(new ReviewedAction(stub, false).review()).isEqualTo(stub.review());
  }
}
