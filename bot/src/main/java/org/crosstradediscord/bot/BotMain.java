package org.crosstradediscord.bot;

import java.nio.file.Path;
import java.util.Map;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.ConfigException;
import org.crosstradediscord.bot.config.ConfigLoader;
import org.crosstradediscord.bot.config.Secrets;
import org.crosstradediscord.bot.discord.DiscordBot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar bot-<version>-all.jar --config FILE}: starts the bot. Secrets come only from the environment
 * ({@code DISCORD_TOKEN}, {@code CROSSTRADE_TOKEN}); everything else from the YAML config
 * ({@code --config FILE} or {@code CROSSTRADE_DISCORD_CONFIG}). SIGTERM shuts down cleanly.
 *
 * <p>Exit codes: 0 after a clean shutdown or {@code --help}/{@code --check-config}; 2 for a bad command line,
 * config or secret (one line on stderr naming the key); 1 when start-up fails otherwise.
 */
public final class BotMain {
  private static final Logger log = LoggerFactory.getLogger(BotMain.class);

  static final String USAGE = """
      Usage: java -jar bot-all.jar [--config FILE] [--check-config] [--help]

        --config FILE    YAML config (default: $CROSSTRADE_DISCORD_CONFIG); example: bot/config.example.yaml
        --check-config   validate the config, print a summary and exit (needs no token)
        --help           show this help

      Environment: DISCORD_TOKEN (bot token), CROSSTRADE_TOKEN (CrossTrade secret key). Never put them in the config.
      """;

  private BotMain() {}

  /**
   * @param args command line
   */
  public static void main(String[] args) {
    int code = run(args, System.getenv());
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses, validates and starts; returns instead of exiting (so tests can call it).
   *
   * @param args command line
   * @param env the environment
   * @return 0 when started (or help/check done), else the exit code
   */
  static int run(String[] args, Map<String, String> env) {
    String configPath = env.get(ConfigLoader.CONFIG_ENV);
    boolean checkOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return 0;
        }
        case "--check-config" -> checkOnly = true;
        case "--config" -> {
          if (i + 1 >= args.length) {
            return fail(2, "--config needs a file path");
          }
          configPath = args[++i];
        }
        default -> {
          return fail(2, "unknown argument '" + args[i] + "'\n" + USAGE);
        }
      }
    }
    if (configPath == null || configPath.isBlank()) {
      return fail(2, "no config: pass --config FILE or set " + ConfigLoader.CONFIG_ENV
          + " (annotated example: bot/config.example.yaml)");
    }
    try {
      BotConfig config = ConfigLoader.load(Path.of(configPath));
      if (checkOnly) {
        System.out.println("config OK: " + config.summary());
        return 0;
      }
      DiscordBot bot = start(config, env);
      Runtime.getRuntime().addShutdownHook(new Thread(bot::close, "shutdown"));
      return 0;
    } catch (ConfigException e) {
      return fail(2, e.getMessage());
    } catch (DiscordBot.StartupException e) {
      return fail(1, e.getMessage());
    }
  }

  /**
   * The normal start-up path after the config is loaded: secrets from the environment, then
   * {@link DiscordBot#start}. Used by {@code main} and by the end-to-end tests and the sandbox.
   *
   * @param config validated config
   * @param env the environment holding DISCORD_TOKEN and CROSSTRADE_TOKEN
   * @return the running bot
   * @throws ConfigException a secret is missing
   * @throws DiscordBot.StartupException start-up failed
   */
  public static DiscordBot start(BotConfig config, Map<String, String> env) {
    Secrets secrets = Secrets.fromEnvironment(env);
    log.info("starting with {}", config.summary());
    return DiscordBot.start(config, secrets);
  }

  private static int fail(int code, String message) {
    System.err.println("crosstrade-discord: " + message);
    return code;
  }
}
