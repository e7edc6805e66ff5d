package org.crosstradediscord.testing.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.testing.Poll;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.simulator.RecordedRequest;

/**
 * The sandbox: the CrossTrade simulator, the Discord stand-in and the real bot on this machine, and a terminal
 * where a person acts as a Discord member. Type {@code help} for the commands. {@code --script FILE} runs the
 * same commands from a file (lines starting with {@code #} are comments; {@code expect TEXT} fails the run when
 * the last output lacks TEXT), and exits non-zero on the first failed expectation.
 */
public final class SandboxMain {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern OPTION = Pattern.compile("([a-z_]+):(\"([^\"]*)\"|(\\S+))");
  private static final String HELP = """
      Commands (you act as a Discord member of the guild "Trading Desk"):
        /flatplace account:Sim101 instrument:"MES 12-25" action:BUY quantity:1 order_type:MARKET time_in_force:DAY
        /reverse …same options…   /close account:Sim101 instrument:"MES 12-25" [quantity:N|percent:P]
        /flatten [account:Sim101] [instrument:"MES 12-25"] [market_position:long|short]
        /positions [account:Sim101]   /orders [account:Sim101]   (read-only, answered at once)
        /cancel account:Sim101 order_id:<id>   (suggested: autocomplete /cancel order_id account:Sim101)
        click <button label>          click a button on the newest message you see that has it (* = anything)
        autocomplete /<command> <option> [typed] [other:value…]   the suggestions you get (account,
                                      instrument, order_id), e.g. autocomplete /close instrument mes
        as <member>                   act as alice, bob (Trader), rita (Trader+Risk), june (Trader+Junior:
                                      at most 2 per order, MARKET/LIMIT, MES/MNQ, position 4) or carol (no role)
        mode paper|live               restart the bot in paper mode (Confirm sends nothing) or live mode
        roles <member> [+Role|-Role]  show or change a member's roles (Trader, Risk, Junior)
        members                       list members and their roles
        positions                     the simulator's accounts, positions, working orders, P&L and prices
        price <instrument> <price>    set a price (working orders it crosses fill), e.g. price "ES 12-25" 5810.25
        walk <ms> [tick] | walk off   move prices by a seeded random walk every <ms> (tick default 0.25)
        requests                      what the simulator received
        fault disconnected|ratelimit|latency <ms>|servererror <status>|clear
        audit                         the audit channel's messages
        wait <ms>                     pause
        expect <text>                 (scripts) fail unless the last output contains text
        help | quit
      """;

  private final Sandbox sandbox;
  private final PrintStream out;
  private StandInGuild.Member me;
  private String lastOutput = "";

  SandboxMain(Sandbox sandbox, PrintStream out) {
    this.sandbox = sandbox;
    this.out = out;
    this.me = sandbox.guild().member("alice");
  }

  /** @param args {@code [--script FILE]} */
  public static void main(String[] args) throws IOException {
    Path script = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--script") && i + 1 < args.length) {
        script = Path.of(args[++i]);
      } else if (args[i].equals("--help")) {
        System.out.println("SandboxMain [--script FILE]\n" + HELP);
        return;
      } else {
        System.err.println("unknown argument " + args[i] + " (try --help)");
        System.exit(2);
      }
    }
    int code = run(script, System.out);
    System.exit(code);
  }

  /**
   * Starts the sandbox, runs the script (or the terminal), stops it.
   *
   * @param script a script file, or null for the interactive terminal on stdin
   * @param out where to print
   * @return 0 when every line ran and every expectation held, else 1
   */
  public static int run(Path script, PrintStream out) throws IOException {
    out.println("Starting the sandbox: CrossTrade simulator, Discord stand-in and the bot…");
    long start = System.nanoTime();
    try (Sandbox sandbox = Sandbox.start(Duration.ofSeconds(60), Duration.ofSeconds(5))) {
      out.printf("Ready in %d ms. Simulator %s (positions: %s/_sim/positions). You are alice. Type help.%n",
          (System.nanoTime() - start) / 1_000_000, sandbox.simulator().baseUrl(), sandbox.simulator().baseUrl());
      SandboxMain repl = new SandboxMain(sandbox, out);
      if (script != null) {
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
          if (line.isBlank() || line.strip().startsWith("#")) {
            continue;
          }
          out.println(repl.me.name() + "> " + line);
          if (!repl.execute(line.strip())) {
            return 1;
          }
        }
        out.println("script passed");
        return 0;
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (true) {
        out.print(repl.me.name() + "> ");
        out.flush();
        String line = in.readLine();
        if (line == null || line.strip().equals("quit") || line.strip().equals("exit")) {
          return 0;
        }
        if (!line.isBlank()) {
          repl.execute(line.strip());
        }
      }
    }
  }

  /** @return false when an expectation failed */
  boolean execute(String line) {
    try {
      String[] words = line.split("\\s+", 2);
      String rest = words.length > 1 ? words[1] : "";
      switch (words[0].toLowerCase(Locale.ROOT)) {
        case "help" -> print(HELP);
        case "as" -> {
          me = sandbox.guild().member(rest.strip());
          print("You are now " + me.name() + " " + roleNames(me));
        }
        case "members" -> {
          StringBuilder b = new StringBuilder();
          sandbox.guild().members().values().stream().sorted((a, c) -> a.name().compareTo(c.name()))
              .forEach(m -> b.append(m.name()).append(' ').append(roleNames(m)).append('\n'));
          print(b.toString().strip());
        }
        case "roles" -> roles(rest);
        case "click" -> click(rest.strip());
        case "autocomplete" -> autocomplete(rest);
        case "positions" -> print(sandbox.simulator().book().snapshot().toPrettyString());
        case "price" -> {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(\"([^\"]+)\"|(\\S+))\\s+([0-9.]+)\\s*$")
              .matcher(rest);
          if (!m.matches()) {
            print("usage: price <instrument> <price>, e.g. price \"ES 12-25\" 5810.25");
          } else {
            String instrument = m.group(2) != null ? m.group(2) : m.group(3);
            sandbox.simulator().book().setPrice(instrument, Double.parseDouble(m.group(4)));
            print(instrument + " now " + sandbox.simulator().book().price(instrument));
          }
        }
        case "walk" -> {
          String[] w = rest.strip().split("\\s+");
          if (w[0].equalsIgnoreCase("off")) {
            sandbox.simulator().priceWalk().stop();
          } else {
            sandbox.simulator().priceWalk().start(java.time.Duration.ofMillis(Long.parseLong(w[0])),
                w.length > 1 ? Double.parseDouble(w[1]) : 0.25, 42);
          }
          print("price walk: " + sandbox.simulator().priceWalk().describe());
        }
        case "requests" -> requests();
        case "mode" -> {
          String m = rest.strip().toLowerCase(Locale.ROOT);
          if (!m.equals("paper") && !m.equals("live")) {
            print("usage: mode paper|live");
          } else {
            sandbox.restartBot(m);
            print("The bot restarted in " + m + " mode" + (m.equals("paper") ? ": Confirm sends nothing to CrossTrade." : "."));
          }
        }
        case "audit" -> {
          StringBuilder b = new StringBuilder();
          sandbox.discord().channelMessages(sandbox.auditChannelId()).forEach(m -> b.append(m.content()).append('\n'));
          print(b.length() == 0 ? "(no audit lines yet)" : b.toString().strip());
        }
        case "fault" -> fault(rest.strip().toLowerCase(Locale.ROOT));
        case "wait" -> {
          Thread.sleep(Long.parseLong(rest.strip()));
          print("waited " + rest.strip() + " ms");
        }
        case "expect" -> {
          if (!lastOutput.contains(rest)) {
            out.println("EXPECTATION FAILED: the last output does not contain \"" + rest + "\"");
            return false;
          }
        }
        default -> {
          if (line.startsWith("/")) {
            slash(line);
          } else {
            print("Unknown command '" + words[0] + "'. Type help.");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | AssertionError e) {
      print("error: " + e.getMessage());
    }
    return true;
  }

  private void slash(String line) {
    String[] parts = line.substring(1).split("\\s+", 2);
    String command = parts[0];
    Map<String, Object> options = options(command, parts.length > 1 ? parts[1] : "");
    StandInInteraction ix = sandbox.discord().slash(sandbox.guild(), me, command, options);
    print(render(ix.original(WAIT))); // a deferred reply once the bot edited it
  }

  private void click(String label) {
    List<StandInMessage> visible = new ArrayList<>(sandbox.discord().messagesVisibleTo(me));
    java.util.Collections.reverse(visible);
    // A `*` in the label matches anything (e.g. "click Cancel * ES 12-25" for an order's Cancel button).
    java.util.function.Predicate<String> matches = label.contains("*")
        ? java.util.regex.Pattern.compile(java.util.Arrays.stream(label.split("\\*", -1))
            .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*")),
            java.util.regex.Pattern.CASE_INSENSITIVE).asMatchPredicate()
        : l -> l.equalsIgnoreCase(label);
    StandInMessage target = visible.stream().filter(m -> m.buttons().stream().anyMatch(b -> matches.test(b.label())))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no message you can see has a button '" + label + "'"));
    String actual = target.buttons().stream().map(StandInMessage.Button::label).filter(matches).findFirst().orElseThrow();
    StandInInteraction ix = sandbox.discord().click(sandbox.guild(), me, target, actual);
    JsonNode ack = ix.awaitCallback(WAIT);
    int type = ack.path("type").asInt();
    if (type == 4 || type == 5) { // a new message (a review card from a table or board button)
      print(render(ix.original(WAIT)));
      return;
    }
    // A deferred update (6): the card changes when the bot is done with it, or the bot answers in a follow-up.
    StandInMessage done = Poll.until(() -> ix.followUps().stream().findFirst().or(() -> Optional.of(sandbox.discord()
            .message(target.id())).filter(m -> !m.buttons().equals(target.buttons())
            && (m.buttons().isEmpty() || m.buttons().stream().noneMatch(StandInMessage.Button::disabled)))), WAIT,
        () -> "the bot did not finish '" + label + "' within " + WAIT.toSeconds() + " s; the card still shows: "
            + sandbox.discord().message(target.id()).text());
    print(render(done));
  }

  private void autocomplete(String rest) {
    String[] p = rest.strip().split("\\s+", 3);
    String command = p[0].startsWith("/") ? p[0].substring(1) : p[0];
    String option = p.length > 1 ? p[1] : "account";
    String tail = p.length > 2 ? p[2] : "";
    Map<String, Object> typedOptions = new LinkedHashMap<>(options(command, tail)); // other options: name:value
    String typed = OPTION.matcher(tail).replaceAll("").strip();
    typedOptions.put(option, typed);
    List<String> choices = sandbox.discord().autocomplete(sandbox.guild(), me, command, typedOptions, option, WAIT);
    print("suggestions for " + option + ": " + (choices.isEmpty() ? "(none)" : String.join(", ", choices)));
  }

  private void roles(String rest) {
    String[] p = rest.strip().split("\\s+");
    StandInGuild.Member m = sandbox.guild().member(p[0]);
    List<Long> roles = new ArrayList<>(m.roleIds());
    for (int i = 1; i < p.length; i++) {
      StandInGuild.Role r = sandbox.guild().role(p[i].substring(1));
      if (p[i].startsWith("+") && !roles.contains(r.id())) {
        roles.add(r.id());
      } else if (p[i].startsWith("-")) {
        roles.remove(r.id());
      }
    }
    m.setRoles(roles);
    print(m.name() + " " + roleNames(m));
  }

  private void requests() {
    StringBuilder b = new StringBuilder();
    for (RecordedRequest r : sandbox.simulator().requests()) {
      b.append(r.status()).append(' ').append(r.operationId()).append(' ').append(r.path()).append(' ')
          .append(r.body()).append('\n');
    }
    print(b.length() == 0 ? "(the simulator received nothing)" : b.toString().strip());
  }

  private void fault(String what) {
    String[] p = what.split("\\s+");
    var f = sandbox.simulator().faults();
    switch (p[0]) {
      case "disconnected" -> f.disconnected(true);
      case "ratelimit" -> f.rateLimit(true);
      case "latency" -> f.latency(Duration.ofMillis(Long.parseLong(p[1])));
      case "servererror" -> f.serverError(Integer.parseInt(p[1]), 1);
      case "clear" -> f.clear();
      default -> throw new IllegalArgumentException("unknown fault " + p[0]);
    }
    print("faults: " + f.describe());
  }

  private Map<String, Object> options(String command, String text) {
    JsonNode def = null;
    for (JsonNode c : sandbox.discord().registeredCommands(sandbox.guild().id())) {
      if (c.path("name").asText().equals(command)) {
        def = c;
      }
    }
    if (def == null) {
      throw new IllegalArgumentException("/" + command + " is not a registered command");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      String value = m.group(3) != null ? m.group(3) : m.group(4);
      int type = 3;
      for (JsonNode o : def.path("options")) {
        if (o.path("name").asText().equals(name)) {
          type = o.path("type").asInt();
        }
      }
      out.put(name, type == 4 ? (Object) Long.parseLong(value) : type == 10 ? (Object) Double.parseDouble(value) : value);
    }
    return out;
  }

  private String roleNames(StandInGuild.Member m) {
    List<String> names = new ArrayList<>();
    for (Long id : m.roleIds()) {
      sandbox.guild().roles().stream().filter(r -> r.id() == id).forEach(r -> names.add(r.name()));
    }
    return names.toString();
  }

  private String render(StandInMessage m) {
    StringBuilder b = new StringBuilder("[bot → ").append(m.ephemeral() ? me.name() + ", only you can see this" : "channel")
        .append("]\n");
    if (!m.content().isEmpty()) {
      b.append("  ").append(m.content()).append('\n');
    }
    for (JsonNode e : m.raw().path("embeds")) {
      b.append("  ┃ ").append(e.path("title").asText("")).append('\n');
      for (String line : e.path("description").asText("").split("\n")) {
        if (!line.isBlank()) {
          b.append("  ┃ ").append(line).append('\n');
        }
      }
      List<String> inline = new ArrayList<>();
      for (JsonNode f : e.path("fields")) {
        if (f.path("inline").asBoolean()) {
          inline.add(f.path("name").asText() + ": " + f.path("value").asText());
        } else {
          b.append("  ┃ ").append(f.path("name").asText()).append(": ").append(f.path("value").asText()).append('\n');
        }
      }
      if (!inline.isEmpty()) {
        b.append("  ┃ ").append(String.join(" | ", inline)).append('\n');
      }
      if (e.has("footer")) {
        b.append("  ┃ (").append(e.path("footer").path("text").asText()).append(")\n");
      }
    }
    for (StandInMessage.Button button : m.buttons()) {
      b.append("  [").append(button.label()).append("] (").append(button.styleName())
          .append(button.disabled() ? ", disabled" : "").append(")");
    }
    return b.toString().stripTrailing();
  }

  private void print(String text) {
    lastOutput = text;
    out.println(text);
  }
}
