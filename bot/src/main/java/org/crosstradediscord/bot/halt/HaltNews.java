package org.crosstradediscord.bot.halt;

import static org.crosstradediscord.bot.halt.HaltSwitch.RISK_INCREASING_TEXT;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.store.HaltState;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of a halt or resume: the audit (log, store, audit channel) for the ones made here, and the listeners for
 * every change this replica makes or sees. A listener that throws is logged and the others still hear of it.
 */
final class HaltNews {
  /** Logged under the switch's name, as before it was split. */
  private static final Logger log = LoggerFactory.getLogger(HaltSwitch.class);
  private final AuditLog audit;
  private final List<Consumer<HaltState>> listeners = new CopyOnWriteArrayList<>();

  /** @param audit where halts and resumes are announced (log, store, audit channel) */
  HaltNews(AuditLog audit) {
    this.audit = audit;
  }

  /** @param listener told of each change this replica makes or sees */
  void onChange(Consumer<HaltState> listener) {
    listeners.add(listener);
  }

  /**
   * A halt made here: the audit line, then the listeners.
   *
   * @param who who halted
   * @param why the reason kept
   * @param departed risk-increasing orders already being sent, which the halt cannot stop
   * @param state the halt
   */
  void halted(Invoker who, String why, int departed, HaltState state) {
    audit.record(new AuditEvent("halt", who.userId(), who.userName(), "halt", Map.of("reason", why),
        "HALTED: " + RISK_INCREASING_TEXT + " refused until /resume"
            + (departed > 0 ? "; " + departed + " order(s) were already being sent" : ""), null, -1));
    changed(state);
  }

  /**
   * A resume made here took effect: the audit line, then the listeners.
   *
   * @param who who resumed
   * @param resumed the resumed state
   */
  void resumed(Invoker who, HaltState resumed) {
    audit.record(new AuditEvent("resume", who.userId(), who.userName(), "resume", Map.of(), "RESUMED: trading open", null, -1));
    changed(resumed);
  }

  /** @param state the new state, for every listener */
  void changed(HaltState state) {
    for (Consumer<HaltState> l : listeners) {
      try {
        l.accept(state);
      } catch (RuntimeException e) {
        log.warn("halt listener failed: {}", SafeText.oneLine(e.toString()));
      }
    }
  }
}
