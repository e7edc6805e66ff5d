package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.rendering.Answer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.rendering.AuditTable;
import org.crosstradediscord.bot.store.AuditTrail;
import org.crosstradediscord.bot.audit.StoredEvent;
import org.crosstradediscord.client.CrossTradeClient;

/**
 * {@code /audit [member] [count]}: the last {@code count} events (default {@value #DEFAULT_COUNT}, at most
 * {@value #MAX_COUNT}) of the durable audit trail, of everyone or of one member, as an ephemeral table. Read-only
 * (no confirmation, no CrossTrade call). Needs {@code audit}.
 */
public final class AuditCommand extends SlashCommandBase {
  /** Events shown without {@code count}. */
  public static final int DEFAULT_COUNT = 10;
  /** Most events shown. */
  public static final int MAX_COUNT = 25;

  private final AuditTrail trail;

  /** @param trail the durable audit trail */
  public AuditCommand(AuditTrail trail) {
    super("audit", Permission.AUDIT);
    this.trail = trail;
  }

  @Override
  public SlashCommandData definition() {
    return slash("Show the last audit events (read-only)").addOptions(
        new OptionData(OptionType.USER, "member", "Only this member's events", false),
        new OptionData(OptionType.INTEGER, "count", "How many (default 10, at most 25)", false)
            .setRequiredRange(1, MAX_COUNT));
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    Long count;
    OptionalLong member = OptionalLong.empty();
    try {
      count = options.integer("count").orElse((long) DEFAULT_COUNT);
      if (options.string("member").isPresent()) {
        member = OptionalLong.of(Long.parseLong(options.string("member").get()));
      }
    } catch (CommandOptions.OptionException | NumberFormatException e) {
      return new Prepared.Invalid(List.of("`count` must be a whole number and `member` a member"));
    }
    if (count < 1 || count > MAX_COUNT) {
      return new Prepared.Invalid(List.of("`count` must be between 1 and " + MAX_COUNT));
    }
    int n = count.intValue();
    OptionalLong who = member;
    return new Prepared.Read(new ReadAction() {
      @Override
      public String command() {
        return "audit";
      }

      @Override
      public Map<String, String> auditArgs() {
        Map<String, String> m = new LinkedHashMap<>();
        who.ifPresent(id -> m.put("member", Long.toString(id)));
        m.put("count", Integer.toString(n));
        return m;
      }

      @Override
      public Answer read(CrossTradeClient client) {
        trail.flush(Duration.ofSeconds(2)); // the events recorded just before this one are in the store
        List<StoredEvent> events = trail.store().recent(who, n);
        return new Answer(AuditTable.render(events, who, n), List.of());
      }
    });
  }
}
