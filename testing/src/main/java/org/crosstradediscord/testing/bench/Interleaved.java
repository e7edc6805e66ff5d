package org.crosstradediscord.testing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.DiscordStandIn;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.sandbox.Sandbox;
import org.crosstradediscord.testing.simulator.CrossTradeSimulator;
import org.crosstradediscord.testing.simulator.RecordedRequest;

/**
 * Measures two processes connected to one Discord stand-in (the bot and the floor) in alternating blocks, so that
 * whatever else loads the machine hits both: blocks of {@value #ACK_BLOCK} interactions (or {@value #CLICK_BLOCK}
 * clicks), in the order A B B A A B … (each pair of blocks starts with the side that went second before). Each
 * interaction is sent alone and awaited before the next; the stand-in sends it to one process only
 * ({@link DiscordStandIn#dispatchOnlyTo}). Latencies are {@code System.nanoTime()} differences taken in this JVM by
 * the stand-in (dispatch written to the gateway socket, callback received) and the simulator (request received).
 */
final class Interleaved {
  /** Interactions per block. */
  static final int ACK_BLOCK = 20;
  /** Confirm clicks per block. */
  static final int CLICK_BLOCK = 5;
  /**
   * Between clicks, in ms: the bot's SDK paces calls at CrossTrade's 3/s (burst 18); spaced like this its limiter never
   * waits and the number is the bot's own latency. The floor's clicks are spaced the same.
   */
  static final long CLICK_SPACING_MS = 350;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Map<String, Object> ORDER = Map.of("account", "Sim101", "instrument", "MES 12-25", "action",
      "BUY", "quantity", 1L, "order_type", "MARKET", "time_in_force", "DAY");

  /**
   * One process under measurement.
   *
   * @param name "bot" or "floor", for messages
   * @param session its gateway session ({@link DiscordStandIn#lastSession()} right after it registered)
   * @param acks dispatched → first callback (ms), filled by {@link #acks}
   * @param clicks click dispatched → simulator received the POST (ms), filled by {@link #clicks}
   */
  record Side(String name, int session, List<Double> acks, List<Double> clicks) {
    Side(String name, int session) {
      this(name, session, new ArrayList<>(), new ArrayList<>());
    }
  }

  private final DiscordStandIn discord;
  private final CrossTradeSimulator sim;
  private final StandInGuild guild;
  private final StandInGuild.Member member;

  /** @param world the stand-in, guild (member "alice" runs every command) and simulator both processes use */
  Interleaved(Sandbox world) {
    this.discord = world.discord();
    this.sim = world.simulator();
    this.guild = world.guild();
    this.member = guild.member("alice");
  }

  /** {@code n} unmeasured {@code /flatplace} interactions to one side (JIT, pools, connections). */
  void warmUp(Side side, int n) {
    discord.dispatchOnlyTo(side.session());
    for (int i = 0; i < n; i++) {
      discord.slash(guild, member, "flatplace", ORDER).awaitCallback(WAIT);
    }
  }

  /** {@code perSide} measured {@code /flatplace} interactions to each side, in alternating blocks. */
  void acks(Side a, Side b, int perSide) {
    alternate(a, b, perSide, ACK_BLOCK, side -> {
      StandInInteraction ix = discord.slash(guild, member, "flatplace", ORDER);
      ix.awaitCallback(WAIT);
      side.acks().add((ix.callbackNanos() - ix.dispatchedNanos()) / 1e6);
    });
  }

  /**
   * {@code perSide} measured Confirm clicks per side, in alternating blocks: {@code /flatplace}, wait for its card,
   * click "Place order", time until the simulator received the flat-place POST, wait until the card lost its buttons.
   */
  void clicks(Side a, Side b, int perSide) {
    alternate(a, b, perSide, CLICK_BLOCK, side -> {
      pace();
      StandInInteraction cmd = discord.slash(guild, member, "flatplace", ORDER);
      StandInMessage card = cmd.original(WAIT);
      sim.clearRequestLogForTest();
      StandInInteraction click = discord.click(guild, member, card, "Place order");
      RecordedRequest r = Poll.until(() -> sim.requests().stream()
          .filter(q -> "POST".equals(q.method()) && q.path().endsWith("/orders/flatplace")).findFirst(), WAIT,
          () -> "the simulator received no flat-place POST after the " + side.name() + "'s click");
      if (!r.authorized() || r.status() != 200) {
        throw new IllegalStateException("the " + side.name() + "'s flat-place POST was answered " + r.status()
            + (r.authorized() ? "" : " (token refused)"));
      }
      side.clicks().add((r.receivedNanos() - click.dispatchedNanos()) / 1e6);
      cmd.awaitOriginal(m -> m.buttons().isEmpty(), WAIT);
    });
  }

  private void alternate(Side a, Side b, int perSide, int block, java.util.function.Consumer<Side> one) {
    int doneA = 0;
    int doneB = 0;
    for (int pair = 0; doneA < perSide || doneB < perSide; pair++) {
      Side first = pair % 2 == 0 ? a : b;
      Side second = first == a ? b : a;
      for (Side side : List.of(first, second)) {
        int done = side == a ? doneA : doneB;
        int n = Math.min(block, perSide - done);
        discord.dispatchOnlyTo(side.session());
        for (int i = 0; i < n; i++) {
          one.accept(side);
        }
        if (side == a) {
          doneA += n;
        } else {
          doneB += n;
        }
      }
    }
    discord.dispatchOnlyTo(0);
  }

  private static void pace() {
    try {
      Thread.sleep(CLICK_SPACING_MS); // pacing under the SDK's rate limit, not a wait for a condition
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
