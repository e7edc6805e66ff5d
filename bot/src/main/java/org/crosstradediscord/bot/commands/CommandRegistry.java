package org.crosstradediscord.bot.commands;

import org.crosstradediscord.bot.halt.HaltSwitch;
import org.crosstradediscord.bot.store.AuditTrail;
import java.util.List;
import org.jspecify.annotations.Nullable;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** Every slash command of the bot. Adding a command: one {@link SlashCommand} class and one entry here. */
public final class CommandRegistry {
  private final Map<String, SlashCommand> byName;

  /** @param commands the commands, names unique */
  public CommandRegistry(List<SlashCommand> commands) {
    this.byName = commands.stream().collect(Collectors.toUnmodifiableMap(SlashCommand::name, Function.identity()));
  }

  /**
   * @return the registry with the confirmed {@code /flatplace}, {@code /reverse}, {@code /close}, {@code /flatten}
   *     and {@code /cancel}, and the read-only {@code /positions} and {@code /orders}
   */
  public static CommandRegistry standard() {
    return new CommandRegistry(List.of(new FlatPlaceCommand(), new ReverseCommand(), new CloseCommand(), new FlattenCommand(),
        new CancelCommand(), new PositionsCommand(), new OrdersCommand()));
  }

  /**
   * @param trail the durable audit trail ({@code /audit} reads it)
   * @param halt the halt switch ({@code /halt}, {@code /resume})
   * @return {@link #standard()} plus the desk controls: the read-only {@code /audit} and the immediate
   *     {@code /halt} and {@code /resume}
   */
  public static CommandRegistry standard(AuditTrail trail,
      HaltSwitch halt) {
    return standard(trail, halt, null);
  }

  /**
   * @param trail the durable audit trail ({@code /audit} reads it)
   * @param halt the halt switch ({@code /halt}, {@code /resume})
   * @param resumeApproval the two-person rule for {@code /resume}, or null when off
   * @return {@link #standard(AuditTrail, HaltSwitch)} with {@code /resume} asking for a second person when the rule
   *     says so
   */
  public static CommandRegistry standard(AuditTrail trail, HaltSwitch halt, @Nullable ResumeApproval resumeApproval) {
    List<SlashCommand> all = new java.util.ArrayList<>(standard().byName.values());
    all.add(new AuditCommand(trail));
    all.add(new HaltCommand(halt));
    all.add(new ResumeCommand(halt, resumeApproval));
    return new CommandRegistry(all);
  }

  /**
   * @param command a command to add (e.g. {@code /report}, only with a board)
   * @return a registry with this one's commands and {@code command}
   * @throws IllegalStateException a command of that name is already there
   */
  public CommandRegistry plus(SlashCommand command) {
    List<SlashCommand> all = new java.util.ArrayList<>(byName.values());
    all.add(command);
    return new CommandRegistry(all);
  }

  /**
   * @param customId a clicked button's custom_id
   * @return the command a button stands for (the route with the longest matching prefix), or empty when no command
   *     declares it
   */
  public Optional<ButtonCall> button(String customId) {
    ButtonRoute best = null;
    SlashCommand owner = null;
    for (SlashCommand c : byName.values()) {
      for (ButtonRoute r : c.buttons()) {
        if (customId.startsWith(r.prefix()) && (best == null || r.prefix().length() > best.prefix().length())) {
          best = r;
          owner = c;
        }
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(new ButtonCall(owner, best.options(customId), best.via()));
  }

  /**
   * A click on a button that stands for a command.
   *
   * @param command the command it runs
   * @param options its options as if typed, or empty when the button is not valid any more
   * @param via where the click came from, for the audit line
   */
  public record ButtonCall(SlashCommand command, Optional<Map<String, Object>> options, String via) {}

  /**
   * @param name a slash command's name
   * @return the command, or empty when the bot has none of that name
   */
  public Optional<SlashCommand> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** @return the definitions to register with Discord in one batch, sorted by name */
  public List<SlashCommandData> definitions() {
    return byName.values().stream().sorted(java.util.Comparator.comparing(SlashCommand::name))
        .map(SlashCommand::definition).toList();
  }
}
