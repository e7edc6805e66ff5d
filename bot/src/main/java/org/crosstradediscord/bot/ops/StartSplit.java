package org.crosstradediscord.bot.ops;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the start-up time went, for one INFO line once the slash commands are registered, e.g.
 * {@code started in 1234 ms: jvm 300, config 40, store 350 (migrations 200), sdk 20, discord login 300, ready 150,
 * commands 74}. All figures are milliseconds of wall-clock time:
 * <ul>
 *   <li>{@code jvm}: the JVM's start ({@code RuntimeMXBean.getStartTime()}) to the main class's initialisation;
 *       only for a process started by {@code main} (an in-process start has no such part, and its total counts from
 *       {@link #inProcess()});</li>
 *   <li>{@code config}: then to the config loaded and logging set up (Logback's own start included);</li>
 *   <li>{@code store}: opening the store, with how its schema was found ({@code migrations N}: Flyway ran;
 *       {@code schema current N}: one query, no Flyway) and {@code waited N}, how long start-up waited for it after
 *       the Discord login returned (the store opens on its own thread meanwhile, so the parts add up to more than
 *       the total);</li>
 *   <li>{@code sdk}: the CrossTrade SDK built and, with {@code check_at_start}, its one read;</li>
 *   <li>{@code discord login}: JDA built and the token checked; {@code ready}: then to gateway READY;
 *       {@code commands}: registering the slash commands (or finding them unchanged).</li>
 * </ul>
 * The total is taken when {@link #registered()} is called. Only {@link #line()} asks the JVM for its start time
 * (loading {@code java.lang.management}), after the commands are registered. Thread-safe.
 */
public final class StartSplit {
  private static final String[] ORDER = {"jvm", "config", "store", "sdk", "discord login", "ready", "commands"};

  private final long originMillis;
  private final boolean fromMain;
  private final Map<String, String> parts = new ConcurrentHashMap<>();
  private volatile long registeredMillis;
  private volatile Runnable onRegistered = () -> {};

  private StartSplit(long originMillis, boolean fromMain) {
    this.originMillis = originMillis;
    this.fromMain = fromMain;
  }

  /**
   * @param mainAtMillis when the main class was initialised ({@link System#currentTimeMillis()})
   * @return a split whose total counts from the JVM's start
   */
  public static StartSplit fromMain(long mainAtMillis) {
    return new StartSplit(mainAtMillis, true);
  }

  /** @return a split whose total counts from now (a bot started inside another program, e.g. the tests) */
  public static StartSplit inProcess() {
    return new StartSplit(System.currentTimeMillis(), false);
  }

  /** @return now, to pass to {@link #took} when the part ends ({@link System#nanoTime()}) */
  public static long now() {
    return System.nanoTime();
  }

  /**
   * @param part one of {@code config}, {@code store}, {@code sdk}, {@code discord login}, {@code ready}, {@code commands}
   * @param startNanos from {@link #now()} when it began
   * @param detail shown after the figure in brackets, or empty
   */
  public void took(String part, long startNanos, String detail) {
    between(part, startNanos, System.nanoTime(), detail);
  }

  /**
   * @param part as {@link #took}
   * @param startNanos from {@link #now()} when it began
   * @param endNanos from {@link #now()} when it ended
   * @param detail shown after the figure in brackets, or empty
   */
  public void between(String part, long startNanos, long endNanos, String detail) {
    long ms = Math.max(0, endNanos - startNanos) / 1_000_000;
    parts.put(part, ms + (detail.isEmpty() ? "" : " (" + detail + ")"));
  }

  /**
   * @param part a part already measured
   * @param detail added to its brackets, e.g. {@code waited 0}
   */
  public void also(String part, String detail) {
    parts.computeIfPresent(part, (k, v) -> v.endsWith(")") ? v.substring(0, v.length() - 1) + "; " + detail + ")"
        : v + " (" + detail + ")");
  }

  /** @param part a part, as {@link #took}; its time since the main class was initialised */
  public void sinceMain(String part) {
    parts.put(part, String.valueOf(System.currentTimeMillis() - originMillis));
  }

  /** Marks the slash commands registered: the end of the total; then runs what {@link #whenRegistered} gave. */
  public void registered() {
    registeredMillis = System.currentTimeMillis();
    onRegistered.run();
  }

  /**
   * @param action run once by {@link #registered()}, on its thread, right after the time is taken; must not throw
   * @return this split
   */
  public StartSplit whenRegistered(Runnable action) {
    onRegistered = action;
    return this;
  }

  /** @return the line, e.g. {@code started in 1234 ms: jvm 300, config 40, …}; parts not measured are left out */
  public String line() {
    long end = registeredMillis == 0 ? System.currentTimeMillis() : registeredMillis;
    long origin = originMillis;
    if (fromMain) {
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      parts.put("jvm", String.valueOf(originMillis - jvmStart));
      origin = jvmStart;
    }
    StringBuilder out = new StringBuilder("started in ").append(end - origin).append(" ms");
    String sep = ": ";
    for (String part : ORDER) {
      String value = parts.get(part);
      if (value != null) {
        out.append(sep).append(part).append(' ').append(value);
        sep = ", ";
      }
    }
    return out.toString();
  }
}
