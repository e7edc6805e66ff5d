package org.crosstradediscord.testing.discord;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord ids minted from the current time, as Discord does: {@code ((ms - 1420070400000) << 22) | counter}.
 * JDA derives an interaction's age from its id, so ids must be "now".
 */
public final class Snowflakes {
  private static final long DISCORD_EPOCH = 1420070400000L;
  private static final AtomicLong COUNTER = new AtomicLong();

  private Snowflakes() {}

  /** @return a new id for the current time */
  public static long next() {
    return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (COUNTER.incrementAndGet() & 0x3FFFFF);
  }
}
