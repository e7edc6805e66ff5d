package org.crosstradediscord.bot.halt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.SafeText;
import org.crosstradediscord.bot.rendering.DiscordText;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreCalls;
import org.crosstradediscord.bot.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's halt switch, kept in the {@link Store} (it survives restarts and is shared by replicas on one
 * PostgreSQL). While halted, the risk-increasing commands ({@value #RISK_INCREASING_TEXT}) are refused before any
 * call — when typed and again at the Confirm click — and the risk-reducing ones ({@code /close}, {@code /flatten},
 * {@code /cancel}) stay allowed. Every check reads the store (no cache). A state that cannot be read counts as
 * halted for the risk-increasing commands (fail closed), and so does one that takes longer than
 * {@link #READ_WAIT} to read: the checks run on JDA's gateway thread, which must answer within Discord's 3 s.
 */
public final class HaltSwitch {
  private static final Logger log = LoggerFactory.getLogger(HaltSwitch.class);
  /** Commands refused while halted. */
  public static final Set<String> RISK_INCREASING = Set.of("flatplace", "reverse");
  static final String RISK_INCREASING_TEXT = "/flatplace, /reverse";
  /** Longest reason kept. */
  public static final int MAX_REASON = 300;

  private final Store store;
  private final AuditLog audit;
  private final List<Consumer<HaltState>> listeners = new CopyOnWriteArrayList<>();
  /** Longest a check waits for the store. */
  public static final java.time.Duration READ_WAIT = java.time.Duration.ofSeconds(1);
  /** Reads the state off the caller's thread so a hung database cannot hold the gateway thread past {@link #READ_WAIT}. */
  private final StoreCalls reader = new StoreCalls("halt-check", READ_WAIT);

  /**
   * @param store where the state lives
   * @param audit where halts and resumes are announced (log, store, audit channel)
   */
  public HaltSwitch(Store store, AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  /** @param listener told of each change this replica makes (e.g. to update the bot's presence) */
  public void onChange(Consumer<HaltState> listener) {
    listeners.add(listener);
  }

  /**
   * @param command a slash command name
   * @return why it is refused now (plain words for the member, markdown-escaped), or null when it may run
   */
  public String refusal(String command) {
    if (!RISK_INCREASING.contains(command)) {
      return null;
    }
    HaltState state;
    try {
      state = reader.call(store::halt);
    } catch (StoreException e) {
      log.warn("halt state unreadable; refusing /{}: {}", command, SafeText.oneLine(e.getMessage()));
      return "The halt switch cannot be read right now, so commands that add risk (" + RISK_INCREASING_TEXT
          + ") are refused. /close, /flatten and /cancel still work.";
    }
    if (!state.halted()) {
      return null;
    }
    return "Trading is **halted** by " + DiscordText.escape(state.byUserName(), 64)
        + (state.since() == null ? "" : " since <t:" + state.since().getEpochSecond() + ":f>")
        + (state.reason() == null || state.reason().isBlank() ? "" : ": " + DiscordText.escape(state.reason(), MAX_REASON))
        + ". Commands that add risk (" + RISK_INCREASING_TEXT + ") are refused until `/resume`;"
        + " /close, /flatten and /cancel still work.";
  }

  /**
   * @return the current state, read from the store
   * @throws StoreException the store cannot be read
   */
  public HaltState current() {
    return store.halt();
  }

  /**
   * Halts (again, when already halted: the new reason replaces the old), announces it and notifies listeners.
   *
   * @param who the member
   * @param reason why, as written (may be empty)
   * @return the new state
   * @throws StoreException the store cannot be written (nothing changed)
   */
  public HaltState halt(Invoker who, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.codePointCount(0, why.length()) > MAX_REASON) {
      why = why.substring(0, why.offsetByCodePoints(0, MAX_REASON));
    }
    HaltState state = new HaltState(true, why, who.userId(), who.userName(), Instant.now());
    store.setHalt(state);
    audit.record(new AuditEvent("halt", who.userId(), who.userName(), "halt", Map.of("reason", why),
        "HALTED: " + RISK_INCREASING_TEXT + " refused until /resume", null, -1));
    changed(state);
    return state;
  }

  /**
   * Resumes, announces it and notifies listeners.
   *
   * @param who the member
   * @return the new state
   * @throws StoreException the store cannot be written (nothing changed)
   */
  public HaltState resume(Invoker who) {
    HaltState state = new HaltState(false, "", who.userId(), who.userName(), Instant.now());
    store.setHalt(state);
    audit.record(new AuditEvent("resume", who.userId(), who.userName(), "resume", Map.of(), "RESUMED: trading open", null, -1));
    changed(state);
    return state;
  }

  private void changed(HaltState state) {
    for (Consumer<HaltState> l : listeners) {
      try {
        l.accept(state);
      } catch (RuntimeException e) {
        log.warn("halt listener failed: {}", SafeText.oneLine(e.toString()));
      }
    }
  }
}
