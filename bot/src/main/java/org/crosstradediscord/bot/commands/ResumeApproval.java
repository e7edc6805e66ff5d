package org.crosstradediscord.bot.commands;

import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.crosstradediscord.bot.access.Invoker;
import org.jspecify.annotations.Nullable;

/**
 * The two-person rule for {@code /resume} ({@code approvals.for: [resume_after_daily_loss]}): while the halt is the
 * daily loss guard's, a {@code /resume} becomes a request that another member with an approver role must approve.
 */
@FunctionalInterface
public interface ResumeApproval {
  /**
   * Called on the interaction's thread: never waits (the request is recorded and posted elsewhere).
   *
   * @param invoker the member who ran {@code /resume}
   * @return the answer card (completed within about 1.2 s, never exceptionally) when the resume waits for a second
   *     person; null to resume now
   */
  @Nullable CompletableFuture<MessageEmbed> requestIfNeeded(Invoker invoker);
}
