package org.crosstradediscord.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crosstradediscord.bot.audit.AuditEvent;
import org.crosstradediscord.bot.config.BotConfig;
import org.crosstradediscord.bot.config.ConfigException;
import org.crosstradediscord.bot.config.ConfigLoader;
import org.crosstradediscord.bot.config.Secrets;
import org.crosstradediscord.bot.config.StartChecks;
import org.crosstradediscord.bot.config.TradingMode;
import org.crosstradediscord.bot.discord.BotAssembly;
import org.crosstradediscord.bot.discord.DiscordBot;
import org.crosstradediscord.bot.ops.CdsArchive;
import org.crosstradediscord.bot.ops.LogSetup;
import org.crosstradediscord.bot.ops.StartSplit;
import org.crosstradediscord.bot.store.JdbcStore;
import org.crosstradediscord.bot.store.Store;
import org.crosstradediscord.bot.store.StoreException;
import org.crosstradediscord.bot.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/crosstrade-bot --config FILE} (the archive's launcher) or {@code java -jar crosstrade-bot-<version>-all.jar
 * --config FILE}: starts the bot. Secrets come only from the environment
 * ({@code DISCORD_TOKEN}, {@code CROSSTRADE_TOKEN}); everything else from the YAML config
 * ({@code --config FILE} or {@code CROSSTRADE_DISCORD_CONFIG}). SIGTERM shuts down cleanly.
 *
 * <p>Exit codes: 0 after a clean shutdown or {@code --help}/{@code --check-config}; 2 for a bad command line,
 * config or secret (one line on stderr naming the key); 1 when start-up fails otherwise (one line on stderr,
 * {@code crosstrade-discord: cannot start: ...}). Never a stack trace on stderr, never a token.
 */
public final class BotMain {
  /** When this class was initialised (before Logback starts, below): the end of the start-up split's {@code jvm}. */
  private static final long LOADED_AT = System.currentTimeMillis();
  private static final Logger log = LoggerFactory.getLogger(BotMain.class);

  static final String USAGE = """
      Usage: bin/crosstrade-bot [OPTIONS]                     (from the distribution archive)
         or: java -jar crosstrade-bot-<version>-all.jar [OPTIONS]
      Options: [--config FILE] [--check-config | --export-audit FROM TO] [--help]

        --config FILE    YAML config (default: $CROSSTRADE_DISCORD_CONFIG); annotated example: config.example.yaml
                         at the top of the distribution archive (bot/config.example.yaml in the source tree)
        --check-config   validate the config, check that storage.url and the logging.file directory can be opened and
                         written by the current user (run it as the service user), print a summary and exit; creates
                         nothing, connects to neither Discord nor CrossTrade (needs no token)
        --export-audit FROM TO
                         write the stored audit trail from FROM to TO (ISO dates, UTC, both days included,
                         e.g. 2026-01-01 2026-01-31) as JSON lines on stdout and exit (needs no token;
                         reads only, safe beside the running bot)
        --help           show this help

      Environment: DISCORD_TOKEN (bot token), CROSSTRADE_TOKEN (CrossTrade secret key); STORAGE_USER and
      STORAGE_PASSWORD for a PostgreSQL storage.url. Never put them in the config. JAVA_HOME and JAVA_OPTS are
      read by bin/crosstrade-bot.
      """;

  private BotMain() {}

  /**
   * @param args command line
   */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // session report charts are drawn without a display
    }
    // the launcher's class-data archive: the sign that this start succeeded, as soon as the commands are registered
    StartSplit split = StartSplit.fromMain(LOADED_AT).whenRegistered(CdsArchive::registered);
    int code = run(args, System.getenv(), System.out, System.err, split);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses, validates and starts, printing to {@code System.out}/{@code System.err}; see
   * {@link #run(String[], Map, PrintStream, PrintStream)}.
   *
   * @param args command line
   * @param env the environment
   * @return 0 when started (or help/check done), else the exit code
   */
  static int run(String[] args, Map<String, String> env) {
    return run(args, env, System.out, System.err);
  }

  /**
   * Parses, validates and starts; returns instead of exiting (so tests can call it). Every failure is exactly one
   * line on {@code err} ({@code crosstrade-discord: ...}), never a stack trace, never a token: 2 for a bad
   * command line, config or secret; 1 for anything else that stops start-up (Discord unreachable or refusing the
   * token, a setting the SDK refuses, any other {@link RuntimeException}).
   *
   * @param args command line
   * @param env the environment (secrets and {@code CROSSTRADE_DISCORD_CONFIG})
   * @param out where {@code --help} and {@code --check-config} print
   * @param err where the one-line failure goes
   * @return 0 when started (or help/check done), else the exit code
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, StartSplit.inProcess());
  }

  private static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, StartSplit split) {
    List<String> tokens = Arrays.asList(env.get(Secrets.DISCORD_TOKEN), env.get(Secrets.CROSSTRADE_TOKEN),
        env.get(JdbcStore.PASSWORD_ENV));
    // A thread that dies (ours or a library's, e.g. JDA's rate limiter interrupted while it shuts down) is one scrubbed
    // log line, never a stack trace on stderr between the bot's own lines; the trace goes to the debug log.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      log.warn("thread {} ended with {}: {}", SafeText.oneLine(thread.getName()), e.getClass().getSimpleName(),
          SafeText.scrubbed(String.valueOf(e.getMessage()), tokens));
      log.debug("thread {} ended", thread.getName(), e);
    });
    String configPath = env.get(ConfigLoader.CONFIG_ENV);
    boolean checkOnly = false;
    String exportFrom = null;
    String exportTo = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          out.print(USAGE);
          return 0;
        }
        case "--check-config" -> checkOnly = true;
        case "--export-audit" -> {
          if (i + 2 >= args.length) {
            return fail(err, 2, "--export-audit needs two ISO dates: FROM TO (e.g. 2026-01-01 2026-01-31)");
          }
          exportFrom = args[++i];
          exportTo = args[++i];
        }
        case "--config" -> {
          if (i + 1 >= args.length) {
            return fail(err, 2, "--config needs a file path");
          }
          configPath = args[++i];
        }
        default -> {
          return fail(err, 2, "unknown argument '" + SafeText.scrubbed(args[i], tokens) + "' (see --help)");
        }
      }
    }
    if (configPath == null || configPath.isBlank()) {
      return fail(err, 2, "no config: pass --config FILE or set " + ConfigLoader.CONFIG_ENV
          + " (annotated example: config.example.yaml in the archive, bot/config.example.yaml in the source)");
    }
    Path file;
    try {
      file = Path.of(configPath);
    } catch (InvalidPathException e) {
      return fail(err, 2, "config file path is not valid: " + SafeText.scrubbed(e.getReason(), tokens));
    }
    try {
      BotConfig config = ConfigLoader.load(file);
      if (checkOnly) {
        StartChecks.check(config, env); // storage.url and logging.file writable by this user; creates nothing
        out.println("config OK: " + config.summary());
        return 0;
      }
      if (exportFrom != null) {
        return exportAudit(config, env, exportFrom, exportTo, out, err, tokens);
      }
      LogSetup.apply(config.logging());
      split.sinceMain("config");
      DiscordBot bot = start(config, env, split);
      Runtime.getRuntime().addShutdownHook(new Thread(bot::close, "shutdown"));
      CdsArchive.started(); // the launcher's class-data archive: checked that the JVM used it
      return 0;
    } catch (ConfigException e) {
      return fail(err, 2, SafeText.scrubbed(e.getMessage(), tokens));
    } catch (StoreException e) {
      return fail(err, 2, SafeText.scrubbed(e.getMessage(), tokens));
    } catch (DiscordBot.StartupException e) {
      return fail(err, 1, "cannot start: " + SafeText.scrubbed(e.getMessage(), tokens));
    } catch (RuntimeException e) {
      log.debug("start-up failed", e); // the stack only at DEBUG (logger BotMain)
      return fail(err, 1, "cannot start: " + SafeText.scrubbed(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), tokens));
    }
  }

  /**
   * The normal start-up path after the config is loaded: secrets from the environment, the mode line, then
   * {@link BotAssembly#start}, which opens the store on a thread of its own while the SDK is built and Discord logs
   * in (no interaction is handled before the store is open; a store failure is reported first, as before). Used by {@code main} and by the end-to-end tests and the
   * sandbox.
   *
   * @param config validated config
   * @param env the environment holding DISCORD_TOKEN and CROSSTRADE_TOKEN
   * @return the running bot
   * @throws ConfigException a secret is missing
   * @throws StoreException the store ({@code storage.url}) cannot be opened: unreachable database, refused
   *     credentials, unwritable SQLite file
   * @throws DiscordBot.StartupException start-up failed
   */
  public static DiscordBot start(BotConfig config, Map<String, String> env) {
    return start(config, env, StartSplit.inProcess());
  }

  private static DiscordBot start(BotConfig config, Map<String, String> env, StartSplit split) {
    Secrets secrets = Secrets.fromEnvironment(env, config.alerts());
    log.info("starting with {}", config.summary());
    log.info(config.mode() == TradingMode.PAPER
        ? "mode: PAPER — confirmed trades are NOT sent to CrossTrade (reads still are)"
        : "mode: LIVE — confirmed trades are sent to CrossTrade");
    String url = config.storage().url();
    return BotAssembly.start(config, secrets, () -> JdbcStore.openForBot(url, env), split);
  }

  /**
   * {@code --export-audit FROM TO}: JSON lines, oldest first, from a read-only store
   * ({@link JdbcStore#openReadOnly}: no migration, no write, so the running bot's writes go on); 2 for bad dates,
   * a missing SQLite file, a schema this bot does not match or an unopenable store.
   */
  private static int exportAudit(BotConfig config, Map<String, String> env, String fromText, String toText,
      PrintStream out, PrintStream err, List<String> tokens) {
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(fromText);
      to = LocalDate.parse(toText);
    } catch (DateTimeParseException e) {
      return fail(err, 2, "--export-audit: FROM and TO must be ISO dates like 2026-01-31");
    }
    if (to.isBefore(from)) {
      return fail(err, 2, "--export-audit: TO is before FROM");
    }
    ObjectMapper json = new ObjectMapper();
    try (Store store = JdbcStore.openReadOnly(config.storage().url(), env)) { // never migrates or writes
      store.export(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
          to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), stored -> {
            AuditEvent e = stored.event();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("at", stored.at().toString());
            line.put("kind", e.kind());
            line.put("user_id", e.userId());
            line.put("user_name", e.userName());
            line.put("command", e.command());
            line.put("args", e.args());
            line.put("outcome", e.outcome());
            line.put("order_ids", e.orderIds());
            line.put("latency_ms", e.latencyMs());
            try {
              out.println(json.writeValueAsString(line));
            } catch (JsonProcessingException x) {
              throw new StoreException("cannot write an audit line: " + x.getOriginalMessage(), x);
            }
          });
    }
    out.flush();
    return 0;
  }

  private static int fail(PrintStream err, int code, String message) {
    err.println("crosstrade-discord: " + SafeText.oneLine(message));
    err.flush();
    return code;
  }
}
