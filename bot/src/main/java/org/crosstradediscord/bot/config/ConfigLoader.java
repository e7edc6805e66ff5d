package org.crosstradediscord.bot.config;

import org.crosstradediscord.bot.text.SafeText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and validates the bot's YAML config (annotated example: {@code bot/config.example.yaml}; rules:
 * {@code docs/config.md}). Three steps: Jackson binds the text into records that mirror the file ({@link ConfigFile},
 * strict: {@link YamlBinding}); what it refuses becomes one line naming the key ({@link ConfigErrors}); the rules
 * between keys and the ranges build the {@link BotConfig} ({@link ConfigRules}). The first problem stops loading
 * with a {@link ConfigException}.
 *
 * <pre>
 * mode: paper|live                         required
 * guild_ids: [ids]                         required
 * roles: {flatplace|reverse|close|flatten|flatten_everything|view|cancel|audit|halt: [role ids]}   missing = nobody
 * accounts: {allowed: [names], by_role: {role id: [names]}}                 allowed required
 * audit_channel_id: id                     optional
 * confirmation_timeout_seconds: 60         1..600
 * crosstrade: {base_url, connect_timeout_ms: 5000, request_timeout_ms: 20000, transport: rest|websocket,
 *              max_response_bytes: 1048576 (4096..67108864), allow_insecure_http: false, check_at_start: true}
 * discord: {rest_base_url, gateway_url}    default: Discord's
 * limits: {default: entry, by_role: {role id: entry}}   absent = {default: {max_quantity: 10}}
 *   entry: {max_quantity: 1..1000000, order_types: [MARKET|LIMIT|STOPMARKET|STOPLIMIT], instruments: [roots],
 *           max_position: 1..1000000}        by_role fields absent = the default's
 * limits.daily_loss: {account: 0.01..1e9}, limits.flatten_on_daily_loss: false, limits.session_start: "17:00",
 *   limits.session_zone: America/New_York (Area/Location or UTC; fixed offsets refused)
 * storage: {url: jdbc:sqlite:crosstrade-bot.db}   or jdbc:postgresql://HOST[:PORT]/DB (rules: StorageUrl)
 * board: {channel_id, accounts: [names in accounts.allowed, 1..10], refresh_seconds: 5 (1..300),
 *   report_at: "HH:MM[:SS]" (absent: at each session end)}   absent = off
 * logging: {format: text|json, file: PATH}  default text on stdout; file optional (relative = beside the config)
 * ops: {listen: 127.0.0.1:9464}             absent = no /healthz, /metrics; IP literal or localhost, port 0..65535
 * </pre>
 */
public final class ConfigLoader {
  /** Environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_ENV = "CROSSTRADE_DISCORD_CONFIG";
  /** The default {@code storage.url}: an SQLite file beside the config file. */
  public static final String DEFAULT_STORAGE_URL = SectionRules.DEFAULT_STORAGE_URL;

  private ConfigLoader() {}

  /**
   * @param file path of the YAML file (UTF-8); relative paths in it are resolved against its directory
   * @return the validated config
   * @throws ConfigException the file is unreadable, not YAML, or a value is missing, duplicated or bad
   */
  public static BotConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir == null ? Path.of("").toAbsolutePath() : dir);
  }

  /**
   * Like {@link #parse(String, String, Path)} with relative paths resolved against the working directory.
   *
   * @param yaml the YAML text (one document)
   * @param source where it came from, for messages (e.g. the file path)
   * @return the validated config
   */
  public static BotConfig parse(String yaml, String source) {
    return parse(yaml, source, Path.of("").toAbsolutePath());
  }

  /**
   * @param yaml the YAML text (one document)
   * @param source where it came from, for messages (e.g. the file path)
   * @param baseDir the directory a relative SQLite path in {@code storage.url} or {@code logging.file} is resolved
   *     against (the config file's)
   * @return the validated config
   * @throws ConfigException the text is not YAML, a key is given twice ({@code "<source> line N: duplicate key
   *     'accounts.allowed'"}), or a value is missing or bad (the message starts with the key path)
   */
  public static BotConfig parse(String yaml, String source, Path baseDir) {
    return ConfigRules.build(read(yaml, source), baseDir);
  }

  /**
   * Reads the YAML twice: first every token (syntax, duplicate keys, aliases, tags, one document that is a mapping),
   * so a broken file is reported as such before any value; then binds it into {@link ConfigFile.Root}.
   */
  private static ConfigFile.Root read(String yaml, String source) {
    try (JsonParser scan = YamlBinding.parser(yaml)) {
      try {
        if (scan.nextToken() != JsonToken.START_OBJECT) {
          throw new ConfigException(source + " must be a YAML mapping with at least guild_ids and accounts");
        }
        scan.skipChildren();
        if (scan.nextToken() != null) {
          throw new ConfigException(source + " is not valid YAML: more than one document (line "
              + scan.currentTokenLocation().getLineNr() + ")");
        }
      } catch (JsonProcessingException e) {
        throw ConfigErrors.translate(e, scan, source);
      }
    } catch (IOException e) {
      throw new ConfigException(source + " cannot be read: " + SafeText.oneLine(e.getMessage()));
    }
    try (JsonParser parser = YamlBinding.parser(yaml)) {
      try {
        parser.nextToken();
        return YamlBinding.bind(parser);
      } catch (JsonProcessingException e) {
        throw ConfigErrors.translate(e, parser, source);
      }
    } catch (IOException e) {
      throw new ConfigException(source + " cannot be read: " + SafeText.oneLine(e.getMessage()));
    }
  }
}
