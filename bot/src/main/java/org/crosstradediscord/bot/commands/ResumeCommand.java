package org.crosstradediscord.bot.commands;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.crosstradediscord.bot.access.Invoker;
import org.crosstradediscord.bot.access.Permission;
import org.crosstradediscord.bot.access.RolePolicy;
import org.crosstradediscord.bot.halt.HaltSwitch;

/**
 * {@code /resume}: ends a {@code /halt}. Immediate, like {@code /halt}; needs {@code halt}; announced in the audit
 * channel. Cards refused during the halt stay refused: members run their command again.
 */
public final class ResumeCommand extends SlashCommandBase {
  private final HaltSwitch halt;
  private final @Nullable ResumeApproval approval;

  /** @param halt the halt switch */
  public ResumeCommand(HaltSwitch halt) {
    this(halt, null);
  }

  /**
   * @param halt the halt switch
   * @param approval the two-person rule for a resume after a daily loss halt, or null when off
   */
  public ResumeCommand(HaltSwitch halt, @Nullable ResumeApproval approval) {
    super("resume", Permission.HALT);
    this.halt = halt;
    this.approval = approval;
  }

  @Override
  public SlashCommandData definition() {
    return slash("End a /halt: /flatplace and /reverse work again");
  }

  @Override
  public Prepared prepare(CommandOptions options, Invoker invoker, RolePolicy policy) {
    return new Prepared.Control(new ControlAction() {
      @Override
      public String command() {
        return "resume";
      }

      @Override
      public Map<String, String> auditArgs() {
        return Map.of();
      }

      @Override
      public CompletableFuture<MessageEmbed> apply() {
        return approval == null ? halt.resume(invoker).thenApply(ResumeCommand::card)
            : approval.resume(invoker, () -> halt.resume(invoker).thenApply(ResumeCommand::card));
      }
    });
  }

  /**
   * @param c how a resume ended
   * @return its answer card: "Trading resumed" or "Still halted" with why
   */
  public static MessageEmbed card(HaltSwitch.Change c) {
    if (c.saved()) {
      return new EmbedBuilder().setTitle("Trading resumed").setColor(0x27AE60)
          .setDescription("/flatplace and /reverse work again.").build();
    }
    return new EmbedBuilder().setTitle("Still halted").setColor(0xC0392B).setDescription(c.note()).build();
  }
}
