package org.crosstradediscord.bot.commands;

import java.util.Optional;
import java.util.List;
import org.crosstradediscord.bot.rendering.BoardCard;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.text.DiscordText;
import org.crosstradediscord.bot.store.HaltState;

/**
 * {@code /halt [reason]}: stops every risk-increasing command ({@code /flatplace}, {@code /reverse}) for the whole
 * desk until {@code /resume}, including Confirm clicks on cards made before. <b>Immediate</b>, no confirmation: it is
 * the emergency brake and only ever removes risk. Needs {@code halt}. Announced in the audit channel with who and why.
 */
public final class HaltCommand extends SlashCommandBase {
  private final HaltSwitch halt;

  /** @param halt the halt switch */
  public HaltCommand(HaltSwitch halt) {
    super("halt", Permission.HALT);
    this.halt = halt;
  }

  @Override
  public List<ButtonRoute> buttons() {
    return List.of(ButtonRoute.of(BoardCard.HALT, "board button", id -> id.equals(BoardCard.HALT)
        ? Optional.of(Map.of("reason", "Halt button on the desk board")) : Optional.empty()));
  }

  @Override
  public SlashCommandData definition() {
    return slash("Halt new risk: refuse /flatplace and /reverse for everyone until /resume")
        .addOptions(new OptionData(OptionType.STRING, "reason", "Why (shown to the desk and in the audit channel)", false)
            .setMaxLength(HaltSwitch.MAX_REASON));
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    String reason = options.string("reason").orElse("");
    return new Prepared.Control(new ControlAction() {
      @Override
      public String command() {
        return "halt";
      }

      @Override
      public Map<String, String> auditArgs() {
        return Map.of("reason", reason);
      }

      @Override
      public boolean applyAtOnce() {
        return true; // an emergency brake: in effect on every replica that sees it, before anything else
      }

      @Override
      public CompletableFuture<MessageEmbed> apply() {
        return halt.engage(invoker, reason).thenApply(HaltCommand::card);
      }
    });
  }

  private static MessageEmbed card(HaltSwitch.Change c) {
    HaltState s = c.state();
    return new EmbedBuilder().setTitle("Trading halted").setColor(0xC0392B)
        .setDescription("/flatplace and /reverse are refused for everyone, also on cards already open and orders"
            + " waiting to be sent, until `/resume`. /close, /flatten and /cancel still work."
            + (s.reason().isEmpty() ? "" : "\nReason: " + DiscordText.escape(s.reason(), HaltSwitch.MAX_REASON))
            + (c.saved() ? "" : "\n**Not saved yet:** " + c.note())
            + (c.onTheirWay() == 0 ? "" : "\n**" + c.onTheirWay() + " order(s) that add risk were already being sent**"
                + " to CrossTrade when you halted (past the bot's last check): check NinjaTrader for them."))
        .build();
  }
}
