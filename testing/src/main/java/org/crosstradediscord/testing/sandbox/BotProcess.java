package org.crosstradediscord.testing.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bot as its own process, started the way an operator starts it: {@code java [opts] -jar crosstrade-bot-…-all.jar
 * --config FILE} with the tokens in the environment. Output goes to a log file.
 */
public final class BotProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private BotProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param jar the shaded bot jar
   * @param jvmOptions extra JVM options (may be empty)
   * @param config the YAML config file
   * @param env environment additions (DISCORD_TOKEN, CROSSTRADE_TOKEN)
   * @param log where stdout and stderr go
   * @return the started process
   */
  public static BotProcess start(Path jar, List<String> jvmOptions, Path config, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
    return launch(command, env, log);
  }

  /**
   * The bot started by another command, e.g. the distribution's {@code bin/crosstrade-bot --config FILE} (which
   * execs java, so the process is the JVM and {@link #terminate} reaches it).
   *
   * @param command the command line
   * @param env environment additions (DISCORD_TOKEN, CROSSTRADE_TOKEN, JAVA_HOME, JAVA_OPTS); the tokens of this
   *     JVM's environment are removed first
   * @param log where stdout and stderr go
   * @return the started process
   */
  public static BotProcess launch(List<String> command, Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("DISCORD_TOKEN");
    pb.environment().remove("CROSSTRADE_TOKEN");
    pb.environment().putAll(env);
    return new BotProcess(pb.start(), log);
  }

  /** @return the OS process */
  public Process process() {
    return process;
  }

  /** @return everything the process printed so far */
  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** @return the process's peak resident set size in KiB (Linux VmHWM), or -1 when unknown */
  public long peakRssKb() throws IOException {
    Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /**
   * Sends SIGTERM and waits.
   *
   * @param seconds how long to wait
   * @return the exit code, or -1 when it did not exit in time
   */
  public int terminate(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
