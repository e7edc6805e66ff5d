package org.crosstradediscord.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.events.Event;
import net.dv8tion.jda.api.interactions.Interaction;
import org.junit.jupiter.api.Test;

/** No interaction reaches the router before start-up opens the gate; held ones are handed over once it does. */
class StartGateTest {
  private final List<GenericEvent> routed = new CopyOnWriteArrayList<>();

  private static GenericInteractionCreateEvent interaction() {
    Interaction i = (Interaction) Proxy.newProxyInstance(Interaction.class.getClassLoader(),
        new Class<?>[] {Interaction.class}, (p, m, args) -> switch (m.getName()) {
          case "getIdLong" -> 42L;
          case "getId" -> "42";
          default -> throw new UnsupportedOperationException(m.getName());
        });
    return new GenericInteractionCreateEvent(null, 1, i);
  }

  /** Runs the event on a thread of its own, as JDA's gateway thread would, and waits until it blocks at the gate. */
  private static Thread heldAtTheGate(StartGate gate, GenericEvent event) throws InterruptedException {
    Thread jda = new Thread(() -> gate.onEvent(event), "jda-events");
    jda.start();
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (jda.getState() != Thread.State.TIMED_WAITING && jda.isAlive() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(jda.getState()).as("held at the gate").isEqualTo(Thread.State.TIMED_WAITING);
    return jda;
  }

  @Test
  void anInteractionBeforeTheRouterExists_waits_andIsHandedToItOnceTheGateOpens() throws Exception {
    StartGate gate = new StartGate();
    GenericInteractionCreateEvent early = interaction();
    Thread jda = heldAtTheGate(gate, early);
    assertThat(routed).isEmpty();

    gate.open(routed::add);
    jda.join(5_000);

    assertThat(jda.isAlive()).isFalse();
    assertThat(routed).containsExactly(early);
    GenericInteractionCreateEvent later = interaction();
    gate.onEvent(later);
    assertThat(routed).containsExactly(early, later);
  }

  @Test
  void aFailedStart_dropsTheHeldInteraction_unanswered() throws Exception {
    StartGate gate = new StartGate();
    Thread jda = heldAtTheGate(gate, interaction());

    gate.fail();
    jda.join(5_000);

    assertThat(jda.isAlive()).isFalse();
    assertThat(routed).isEmpty();
    gate.onEvent(interaction()); // after a failure: dropped at once, no wait
    assertThat(routed).isEmpty();
  }

  @Test
  void otherEventsBeforeTheRouterExists_areDroppedWithoutWaiting_andPassOnceOpen() {
    StartGate gate = new StartGate();
    GenericEvent other = new Event(null, 1) {}; // e.g. READY, GUILD_CREATE
    long t0 = System.nanoTime();
    gate.onEvent(other);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(StartGate.HOLD_MS));
    assertThat(routed).isEmpty();

    gate.open(routed::add);
    gate.onEvent(other);
    assertThat(routed).containsExactly(other);
  }
}
