package org.crosstradediscord.bot.discord;

import org.crosstradediscord.bot.confirmation.NotRebuildable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.WebhookClient;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.confirmation.ConfirmationStore;
import org.crosstradediscord.bot.confirmation.Recipe;
import org.crosstradediscord.bot.rendering.Cards;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.store.PendingRow;
import org.crosstradediscord.bot.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds trades that were being sent when a bot process died — claimed ({@code CONFIRMED}) rows whose result was never
 * recorded — and reports each once (row-level {@code CONFIRMED → UNKNOWN}, so one replica reports it): the card is
 * edited through the Confirm click's interaction token (valid 15 minutes) to "outcome unknown — the bot restarted while
 * sending; check NinjaTrader", and a {@code result} line is audited (log, store, audit channel).
 *
 * <p>On an embedded store (one process per file) every claim made before this process started is dead at once; on a
 * shared store a claim is dead once its lease (the shutdown grace of the process that claimed it) has passed. Checked
 * at start and every {@link #PERIOD_SECONDS} s.
 */
final class ClaimRecovery {
  private static final Logger log = LoggerFactory.getLogger(ClaimRecovery.class);
  /** How often claims are checked. */
  static final int PERIOD_SECONDS = 5;
  /** Text of the audit line and card. */
  static final String OUTCOME = "outcome unknown: the bot restarted while sending";
  private static final int PRUNE_EVERY = 720; // runs, about an hour

  private final ConfirmationStore store;
  private final JDA jda;
  private final AuditLog audit;
  private final java.time.Instant claimedBefore;
  private int runs;

  /**
   * @param store pending confirmations
   * @param jda to edit the cards
   * @param audit where the reports go
   * @param shared whether other replicas may share the store (then only expired leases are taken)
   * @param processStart when this process started (before it could claim anything)
   */
  ClaimRecovery(ConfirmationStore store, JDA jda, AuditLog audit, boolean shared, java.time.Instant processStart) {
    this.store = store;
    this.jda = jda;
    this.audit = audit;
    this.claimedBefore = shared ? java.time.Instant.EPOCH : processStart;
  }

  /** Reports the dead claims found now; never throws (a store failure is one warning, retried next run). */
  void run() {
    try {
      store.undoRefusedClaims(); // first: a claim whose click was refused is no dead trade
      for (PendingRow row : store.staleClaims(claimedBefore)) {
        if (store.markUnknown(row.id())) {
          report(row);
        }
      }
      if (runs++ % PRUNE_EVERY == 0) {
        store.prune();
      }
    } catch (StoreException e) {
      log.warn("could not check for trades left unfinished by a restart: {}", DiscordText.oneLine(e.getMessage(), 300));
    } catch (RuntimeException e) {
      log.error("checking for trades left unfinished by a restart failed", e);
    }
  }

  private void report(PendingRow row) {
    Map<String, String> args = new LinkedHashMap<>();
    try {
      Recipe.of(row).options().forEach((k, v) -> args.put(k, String.valueOf(v)));
    } catch (NotRebuildable e) {
      args.put("options", "unreadable");
    }
    log.warn("/{} of user {} was being sent when the bot stopped: outcome unknown", row.command(), row.userId());
    audit.record(new AuditEvent("result", row.userId(), row.userName(), row.command(), args, OUTCOME, null, -1));
    if (row.claimToken() == null) {
      return;
    }
    String what = args.entrySet().stream().map(e -> e.getKey() + ": `" + DiscordText.inCode(e.getValue(), 100) + "`")
        .collect(Collectors.joining(", "));
    try {
      WebhookClient.createClient(jda, jda.getSelfUser().getApplicationId(), row.claimToken())
          .editMessageEmbedsById("@original", Cards.notice("OUTCOME UNKNOWN: /" + row.command(),
              "**Outcome unknown — the bot restarted while sending; check NinjaTrader** before retrying.\n" + what))
          .setComponents(List.of())
          .queue(ok -> { }, err -> log.info("could not edit the card of an unfinished /{}: {}", row.command(),
              DiscordText.oneLine(err.toString(), 300)));
    } catch (RuntimeException e) {
      log.info("could not edit the card of an unfinished /{}: {}", row.command(), DiscordText.oneLine(e.toString(), 300));
    }
  }
}
