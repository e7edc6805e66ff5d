package org.crosstradediscord.bot.commands;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;

/**
 * The two-person rule for {@code /resume} ({@code approvals.for: [resume_after_daily_loss]}): while the halt is the
 * daily loss guard's, or a daily loss limit tripped this session and no second person approved a resume since, a
 * {@code /resume} becomes a request that another member with an approver role must approve.
 */
@FunctionalInterface
public interface ResumeApproval {
  /**
   * Called on the interaction's thread: never waits (the check reads the store elsewhere).
   *
   * @param invoker the member who ran {@code /resume}
   * @param now resumes at once (when no second person is needed)
   * @return the answer card, never completed exceptionally: the request's ("Waiting for a second approval"), or
   *     {@code now}'s
   */
  CompletableFuture<MessageEmbed> resume(Invoker invoker, Supplier<CompletableFuture<MessageEmbed>> now);
}
