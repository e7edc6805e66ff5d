package org.crosstradediscord.testing.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.crosstradediscord.bot.commands.CommandRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's floor: the least a JDA bot can do for the benchmarked interactions, started as its own process
 * with the bot's JVM options ({@link BenchLaunch}). JDA is built as the bot builds it (light, no intent, REST base URL
 * and gateway URL of the stand-in, no compression); it logs in, registers the bot's own command definitions
 * ({@link CommandRegistry#standard(org.crosstradediscord.bot.store.AuditTrail, org.crosstradediscord.bot.halt.HaltSwitch)},
 * same count and shape) in one batch, then answers:
 *
 * <ul>
 *   <li>every slash command with an ephemeral deferred reply (type 5, the bot's first callback for a confirmed
 *       command), then edits it into a card with one "Place order" button;
 *   <li>a click with a deferred update (type 6, as the bot acknowledges Confirm), then, on one call thread, ONE
 *       {@code POST /v1/api/accounts/{account}/orders/flatplace} with the SDK's headers by plain {@code java.net.http}
 *       (never re-sent), then removes the card's button.
 * </ul>
 *
 * No config file, store, audit, role or option check: what it costs is JDA, the JVM and the loopback hops. Tokens
 * come from {@code DISCORD_TOKEN} and {@code CROSSTRADE_TOKEN} and are never printed.
 */
public final class FloorBot extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(FloorBot.class);
  /** The order each click places: the harness's {@code /flatplace}, as the SDK serialises it. */
  private static final String ORDER = "{\"instrument\":\"MES 12-25\",\"action\":\"BUY\",\"quantity\":1,"
      + "\"orderType\":\"MARKET\",\"timeInForce\":\"DAY\"}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "floor-call");
    t.setDaemon(true);
    return t;
  });
  private final URI flatPlace;
  private final String authorization;

  private FloorBot(URI flatPlace, String authorization) {
    this.flatPlace = flatPlace;
    this.authorization = authorization;
  }

  /**
   * @param args Discord REST base URL, gateway URL, guild id, CrossTrade base URL (e.g. {@code http://127.0.0.1:9/}),
   *     account; exits 2 on wrong arguments or a missing token; then runs until SIGTERM
   */
  public static void main(String[] args) throws InterruptedException {
    String discordToken = System.getenv("DISCORD_TOKEN");
    String upstreamToken = System.getenv("CROSSTRADE_TOKEN");
    if (args.length != 5 || discordToken == null || upstreamToken == null) {
      System.err.println("usage: FloorBot REST_BASE_URL GATEWAY_URL GUILD_ID CROSSTRADE_BASE_URL ACCOUNT"
          + " (DISCORD_TOKEN and CROSSTRADE_TOKEN in the environment)");
      System.exit(2);
    }
    String base = args[3].endsWith("/") ? args[3] : args[3] + "/";
    FloorBot floor = new FloorBot(URI.create(base + "v1/api/accounts/" + args[4] + "/orders/flatplace"),
        "Bearer " + upstreamToken);
    String gateway = args[1];
    JDA jda = JDABuilder.createLight(discordToken, EnumSet.noneOf(GatewayIntent.class))
        .setRestConfig(new RestConfig().setBaseUrl(args[0]))
        .setSessionController(new SessionControllerAdapter() {
          @Override
          public String getGateway() {
            return gateway;
          }
        })
        .setCompression(Compression.NONE)
        .addEventListeners(floor)
        .build();
    jda.awaitReady();
    Guild guild = jda.getGuildById(Long.parseLong(args[2]));
    if (guild == null) {
      System.err.println("floor: not a member of guild " + args[2]);
      System.exit(2);
    }
    // The bot's own definitions: the desk commands' definitions do not touch the trail or the halt switch.
    List<SlashCommandData> definitions = CommandRegistry.standard(null, null).definitions();
    guild.updateCommands().addCommands(definitions).complete();
    log.info("floor: registered {} slash commands", definitions.size());
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    event.deferReply(true).queue(hook -> hook.editOriginal("floor: /" + event.getName())
        .setComponents(ActionRow.of(Button.primary("floor:place", "Place order"))).queue());
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    event.deferEdit().queue(hook -> calls.execute(() -> {
      String outcome = place();
      hook.editOriginal("floor: " + outcome).setComponents().queue();
    }));
  }

  /** One flat-place POST, sent once (never retried); returns a short outcome for the card. */
  private String place() {
    HttpRequest request = HttpRequest.newBuilder(flatPlace).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("Authorization", authorization).header("User-Agent", "crosstrade-discord-floor")
        .POST(HttpRequest.BodyPublishers.ofString(ORDER, StandardCharsets.UTF_8)).build();
    try {
      return "HTTP " + http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    } catch (java.io.IOException e) {
      return "failed: " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
