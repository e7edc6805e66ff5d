package org.crosstradediscord.bot.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.alerts.Alert;
import org.crosstradediscord.bot.alerts.AlertReader;
import org.crosstradediscord.bot.alerts.AlertRefused;
import org.crosstradediscord.bot.audit.AuditLog;
import org.crosstradediscord.bot.config.AlertsConfig;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.intake.AlertInbox;
import org.crosstradediscord.bot.preview.Preview;
import org.crosstradediscord.bot.preview.PreviewPlan;
import org.crosstradediscord.bot.preview.Previews;
import org.crosstradediscord.bot.preview.Reads;
import org.crosstradediscord.bot.rendering.AlertCards;
import org.crosstradediscord.bot.risk.LimitGuard;
import org.crosstradediscord.bot.risk.OrderIntent;
import org.crosstradediscord.bot.store.AlertRow;
import org.crosstradediscord.bot.store.AlertState;
import org.crosstradediscord.bot.store.AlertStore;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.client.CrossTradeClient;
import org.crosstradediscord.client.model.FlattenRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert desk's inbox: an alert from the listener is checked against what already refuses it (the account is not
 * one of the source's, trading is halted for an order that adds risk, the limits of the source's approver roles),
 * recorded once ({@link AlertStore#receive}: a duplicate makes no second card), audited, and its card posted in the
 * source's channel — with Approve and Reject, or, when refused on arrival, without them so the desk still sees that
 * its strategy fired. Called on the listener's worker thread; posting the card is queued, never awaited.
 */
final class AlertDesk implements AlertInbox {
  private static final Logger log = LoggerFactory.getLogger(AlertDesk.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, AlertsConfig.Source> sources = new LinkedHashMap<>();
  private final AlertStore store;
  private final HaltSwitch halt;
  private final LimitGuard limits;
  private final AuditLog audit;
  private final JDA jda;
  private final Clock clock;
  private final CrossTradeClient client;
  private final Workers reads;

  AlertDesk(AlertsConfig config, AlertStore store, HaltSwitch halt, LimitGuard limits, AuditLog audit, JDA jda,
      Clock clock, CrossTradeClient client, Workers reads) {
    config.sources().forEach(s -> sources.put(s.name(), s));
    this.store = store;
    this.halt = halt;
    this.limits = limits;
    this.audit = audit;
    this.jda = jda;
    this.clock = clock;
    this.client = client;
    this.reads = reads;
  }

  /** @return the source's settings, or null when the config has no such source (any more) */
  AlertsConfig.@Nullable Source source(String name) {
    return sources.get(name);
  }

  @Override
  public Receipt receive(String sourceName, Alert alert, String identity) {
    AlertsConfig.Source source = sources.get(sourceName);
    if (source == null) {
      throw new IllegalStateException("no source " + sourceName);
    }
    Instant now = clock.instant();
    Instant expires = now.plus(source.ttl());
    String refusal = refusal(source, alert);
    AlertStore.Received r = store.receive(sourceName, identity, json(alert.fields()), now, source.dedupe(), expires,
        refusal == null ? AlertState.OPEN : AlertState.REFUSED, refusal);
    if (!r.accepted()) {
      log.info("alert from {} is a duplicate of {}", sourceName, r.alertId());
      return Receipt.duplicate(r.alertId());
    }
    Invoker who = sender(sourceName);
    Map<String, String> args = AlertTexts.auditArgs(r.alertId(), sourceName, alert);
    if (refusal == null) {
      audit.step("alert", who, "alert", args, "received; waiting for approval until " + expires);
    } else {
      audit.refused(who, "alert", args, refusal);
    }
    // The card shows what the alert affects, read first (GET only, bounded by the request timeout) on the read
    // threads; the listener answers at once.
    if (!reads.submit(() -> post(source, r.alertId(), alert, now, expires, refusal, affects(alert)))) {
      post(source, r.alertId(), alert, now, expires, refusal, new Preview(List.of("Not read: the bot is busy."),
          List.of()));
    }
    return Receipt.accepted(r.alertId());
  }

  /** @return why the alert cannot be approved whoever clicks, or null */
  private @Nullable String refusal(AlertsConfig.Source source, Alert alert) {
    if (source.accounts().stream().noneMatch(a -> a.equalsIgnoreCase(alert.account()))) {
      return "account " + alert.account() + " is not one this source may trade (" + String.join(", ", source.accounts())
          + ")";
    }
    String halted = halt.refusal(AlertTexts.haltCommand(alert));
    if (halted != null) {
      return halted;
    }
    OrderIntent intent = AlertTexts.intent(alert);
    return intent == null ? null : limits.check(Set.copyOf(source.approvers()), intent).orElse(null);
  }

  /** @return the position now and after (or why it could not be read); nothing for CANCEL */
  private Preview affects(Alert a) {
    PreviewPlan plan = switch (a.command()) {
      case PLACE -> Previews.place(a.account(), a.order().toOrderRequest(a.instrument()));
      case FLATPLACE -> Previews.order(a.account(), a.order().toOrderRequest(a.instrument()), false);
      case REVERSEPOSITION -> Previews.order(a.account(), a.order().toOrderRequest(a.instrument()), true);
      case CLOSEPOSITION -> Previews.close(a.account(), a.instrument(), a.closeQuantity(), null);
      case FLATTEN -> Previews.flatten(new FlattenRequest().account(a.account()).instrument(a.instrument()));
      case CANCEL -> null;
    };
    if (plan == null) {
      return new Preview(List.of(), List.of());
    }
    long start = System.nanoTime();
    try {
      return plan.read().apply(Reads.of(client, ReviewReads.RATE_RESERVE));
    } catch (RuntimeException e) {
      return new Preview(List.of("Not read: " + Previews.reason(e, Duration.ofNanos(System.nanoTime() - start))),
          List.of());
    }
  }

  private void post(AlertsConfig.Source source, String alertId, Alert alert, Instant now, Instant expires,
      @Nullable String refusal, Preview affects) {
    TextChannel channel = jda.getTextChannelById(source.channelId());
    if (channel == null) {
      log.error("alert {}: channel {} of source {} is not visible to the bot; no card posted", alertId,
          source.channelId(), source.name());
      return;
    }
    try {
      var message = channel.sendMessageEmbeds(AlertCards.open(alertId, source.name(), AlertTexts.what(alert),
          alert.fields(), now, expires, refusal, Previews.POSITION, affects.lines()));
      if (refusal == null) {
        message = message.setComponents(AlertCards.buttons(alertId));
      }
      queue(message, channel, alertId, source);
    } catch (RuntimeException e) { // e.g. no permission to send in the channel: the alert stays recorded (it expires)
      log.error("alert {}: card not posted in channel {}: {}", alertId, source.channelId(),
          DiscordText.oneLine(e.toString()));
    }
  }

  private void queue(net.dv8tion.jda.api.requests.restaction.MessageCreateAction message, TextChannel channel,
      String alertId, AlertsConfig.Source source) {
    message.queue(m -> {
      Runnable record = () -> {
        try {
          store.posted(alertId, channel.getIdLong(), m.getIdLong());
        } catch (RuntimeException e) {
          log.warn("alert {}: card posted but not recorded ({}); it cannot be edited after a restart", alertId,
              DiscordText.oneLine(e.toString()));
        }
      };
      if (!reads.submit(record)) { // the store write never runs on JDA's callback thread, unless the bot is stopping
        record.run();
      }
    }, err -> log.error("alert {}: card not posted in channel {}: {}", alertId, source.channelId(),
        DiscordText.oneLine(err.toString())));
  }

  /**
   * @param row a stored alert
   * @return the alert it holds, read again by {@link AlertReader}
   * @throws AlertRefused the stored fields no longer read (a rule changed since it arrived)
   */
  static Alert alert(AlertRow row) throws AlertRefused {
    try {
      return AlertReader.read(JSON.readValue(row.fieldsJson(), new TypeReference<LinkedHashMap<String, String>>() { }));
    } catch (JsonProcessingException e) {
      throw new AlertRefused("body", "the stored alert cannot be read");
    }
  }

  /** @return who an alert's audit lines name: the source, not a member */
  static Invoker sender(String source) {
    return new Invoker(0, "alert source " + source.toLowerCase(Locale.ROOT), Set.of());
  }

  private static String json(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fields are strings", e);
    }
  }
}
