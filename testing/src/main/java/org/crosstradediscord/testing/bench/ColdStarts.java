package org.crosstradediscord.testing.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.CapturedCall;
import org.crosstradediscord.testing.discord.DiscordStandIn;
import org.crosstradediscord.testing.sandbox.BotProcess;
import org.crosstradediscord.testing.sandbox.Sandbox;

/**
 * Launch → commands registered of the bot and the floor, each a cold JVM, alternating bot, floor, floor, bot, bot, …
 * ({@code perSide} launches each). Every launch but the last of each side is stopped (SIGTERM, awaited) before the
 * next one; the last two stay up for the measurements, so the final launch has the other side's process running
 * beside it. A launch is timed from just before the process is started until the stand-in answered its command
 * registration (a {@code …/commands} call answered 200, PUT or a read). A bot launch is stopped only once it logged
 * its start-up line (after the time is taken), so the launcher counts it as a start that succeeded (its class-data
 * archive: the second launch makes it, later ones map it). The bot's first launch creates its store (schema
 * migrations); later ones open it, as a restart does.
 */
final class ColdStarts implements AutoCloseable {
  private static final Duration REGISTER_WAIT = Duration.ofSeconds(60);

  private final BenchLaunch launch;
  private final Sandbox world;
  private final List<Double> botMs = new ArrayList<>();
  private final List<Double> floorMs = new ArrayList<>();
  private BotProcess bot;
  private BotProcess floor;
  private int botSession;
  private int floorSession;
  private CapturedCall botRegistration;
  private CapturedCall floorRegistration;

  ColdStarts(BenchLaunch launch, Sandbox world) {
    this.launch = launch;
    this.world = world;
  }

  /**
   * @param perSide launches of each, at least 1
   * @throws IllegalStateException a process exited or did not register in time, or the floor's first registration
   *     was not the bot's first (same definitions)
   */
  void run(int perSide) throws IOException, InterruptedException {
    if (perSide < 1) {
      throw new IllegalArgumentException("BENCH_STARTS must be at least 1, was " + perSide);
    }
    for (int pair = 0; botMs.size() < perSide || floorMs.size() < perSide; pair++) {
      for (boolean isBot : pair % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        List<Double> times = isBot ? botMs : floorMs;
        if (times.size() == perSide) {
          continue;
        }
        boolean last = times.size() == perSide - 1;
        DiscordStandIn discord = world.discord();
        int seen = discord.calls().size();
        long t0 = System.nanoTime();
        BotProcess p = isBot ? launch.startBot(world.configFile(), Path.of("target", "bench-bot.log"))
            : launch.startFloor(world, Path.of("target", "bench-floor.log"));
        CapturedCall registered = awaitRegistered(discord, seen, p, isBot ? "bot" : "floor");
        times.add((System.nanoTime() - t0) / 1e6);
        if (isBot && botRegistration == null) {
          botRegistration = registered;
        } else if (!isBot && floorRegistration == null) {
          floorRegistration = registered;
        }
        if (!last) {
          if (isBot) {
            awaitStarted(p); // a whole start, as the launcher's class-data archive counts one (docs/setup.md)
          }
          p.terminate(40);
          p.close();
        } else if (isBot) {
          bot = p;
          botSession = discord.lastSession();
        } else {
          floor = p;
          floorSession = discord.lastSession();
        }
      }
    }
    if (botRegistration.body() == null || !botRegistration.body().equals(floorRegistration.body())) {
      throw new IllegalStateException("the floor did not register the bot's command definitions: bot "
          + botRegistration.body() + ", floor " + floorRegistration.body());
    }
  }

  /** @return launch → registered of each bot launch, in order (ms) */
  List<Double> botMs() {
    return botMs;
  }

  /** @return launch → registered of each floor launch, in order (ms) */
  List<Double> floorMs() {
    return floorMs;
  }

  /** @return the bot process left running */
  BotProcess bot() {
    return bot;
  }

  /** @return the floor process left running */
  BotProcess floor() {
    return floor;
  }

  /** @return the running bot's gateway session ({@link DiscordStandIn#lastSession()} after it registered) */
  int botSession() {
    return botSession;
  }

  /** @return the running floor's gateway session */
  int floorSession() {
    return floorSession;
  }

  /** @return how many commands the bot registered */
  int commands() {
    return botRegistration.body().size();
  }

  /** Kills whatever is still running (after a failure; a measured run terminates them itself first). */
  @Override
  public void close() {
    if (floor != null) {
      floor.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  /** Waits for the bot's start-up line ({@code started in …}), logged once it has started; not part of the time. */
  private static void awaitStarted(BotProcess bot) {
    Poll.until(() -> {
      try {
        return bot.output().contains(" started in ") ? Optional.of(true) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }, REGISTER_WAIT, () -> "the bot logged no 'started in' line; see target/bench-bot.log");
  }

  private static CapturedCall awaitRegistered(DiscordStandIn discord, int seen, BotProcess process, String name) {
    try {
      return Poll.until(() -> {
        if (!process.process().isAlive()) {
          throw new IllegalStateException(name + " exited (" + process.process().exitValue() + ") before registering"
              + " its commands; see its log under target/");
        }
        List<CapturedCall> calls = discord.calls();
        return calls.subList(Math.min(seen, calls.size()), calls.size()).stream()
            .filter(c -> c.route().endsWith("/commands") && c.status() == 200).findFirst();
      }, REGISTER_WAIT, () -> name + " registered no commands within " + REGISTER_WAIT.toSeconds() + " s");
    } catch (RuntimeException | Error e) {
      process.close();
      throw e;
    }
  }
}
