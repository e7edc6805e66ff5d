package org.crosstradediscord.bot.commands;

import java.util.List;

/** What a command made of an interaction: an action to review, a read to answer at once, invalid options, or a denial. */
public sealed interface Prepared {

  /** @param action the validated action, waiting for confirmation */
  record Ready(TradeAction action) implements Prepared {}

  /**
   * A read-only answer: no confirmation; the reply is deferred, the read runs off the gateway thread, then the
   * reply is edited with what it found.
   *
   * @param action the reads to make and how to show them
   */
  record Read(ReadAction action) implements Prepared {}

  /**
   * An immediate change of the desk's controls ({@code /halt}, {@code /resume}): no confirmation, never queued
   * behind CrossTrade reads; the reply is deferred and edited with the answer.
   *
   * @param action the change and how to answer it
   */
  record Control(ControlAction action) implements Prepared {}

  /**
   * Options break a rule: shown to the member ephemerally; no API call is made.
   *
   * @param problems one line per broken rule, each naming the option
   */
  record Invalid(List<String> problems) implements Prepared {
    /** Copies the list. */
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The member may not do this (e.g. an account not allowed to them); shown ephemerally and audited.
   *
   * @param reason plain words for the member
   */
  record Denied(String reason) implements Prepared {}
}
