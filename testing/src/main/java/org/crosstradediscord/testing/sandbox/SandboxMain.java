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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crosstradediscord.testing.discord.StandInGuild;
import org.crosstradediscord.testing.discord.StandInInteraction;
import org.crosstradediscord.testing.discord.StandInMessage;
import org.crosstradediscord.testing.simulator.RecordedRequest;

/**
 * The sandbox: the CrossTrade simulator, the Discord stand-in and the real bot on this machine, and a terminal
 * where a person acts as a Discord member. Type {@code help} for the commands. {@code --script FILE} runs the
 * same commands from a file (lines starting with {@code #} are comments; {@code expect TEXT} fails the run when
 * the last command's output lacks TEXT), and exits non-zero on the first failed expectation. A reply the bot edits
 * after it was shown is watched for {@link #SETTLE} and each new version printed once, marked {@code (edited)}.
 */
public final class SandboxMain {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern TOKEN = Pattern.compile("\\G\\s*(?:([a-z_]+):(?:\"([^\"]*)\"|(\\S+))|(\\S+))");
  private static final Pattern DISCORD_TIME = Pattern.compile("<t:(-?\\d{1,12})(?::[tTdDfFR])?>");
  private static final java.time.format.DateTimeFormatter UTC_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);
  /** How long a message must stay unchanged after a command or click before the next line runs. */
  static final Duration SETTLE = Duration.ofMillis(300);
  /** The grant each slash command needs in the sandbox (a /flatten without account needs flatten_everything too). */
  private static final Map<String, String> COMMAND_GRANTS = Map.ofEntries(Map.entry("flatplace", "flatplace"),
      Map.entry("reverse", "reverse"), Map.entry("close", "close"), Map.entry("flatten", "flatten"),
      Map.entry("cancel", "cancel"), Map.entry("positions", "view"), Map.entry("orders", "view"),
      Map.entry("halt", "halt"), Map.entry("resume", "halt"), Map.entry("audit", "audit"));
  private static final String HELP = """
      Examples:
        /flatplace account:Sim101 instrument:"MES 12-25" action:BUY quantity:1 order_type:MARKET time_in_force:DAY
        /close account:Sim101 instrument:"MES 12-25" percent:50      /halt reason:"lunch"      /audit count:5
        (options are name:value; quote a value with spaces: instrument:"MES 12-25")
      Sandbox commands:
        click <button label>          click a button on your last card (the newest message with buttons shown to
                                      you); click #<n> <label> clicks card #n; * in a label matches anything
        autocomplete /<command> <option> [typed] [other:value…]   the suggestions you get (account,
                                      instrument, order_id), e.g. autocomplete /close instrument mes
        as <member>                   act as alice, bob, rita, june or carol (see above for who may do what)
        alert <source> <body>         POST a TradingView-style alert to the bot's alert desk, e.g. alert tv-mes
                                      key=sandbox-alert-key-0000000001; command=PLACE; account=Sim101;
                                      instrument=MES 12-25; action=BUY; qty=1; order_type=MARKET; tif=DAY;
                                      its card appears in #trading; rita (Risk) may approve it: as rita, click #n Approve
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
        expect <text>                 (scripts) fail unless the output of the last command contains text
        await <text>                  (scripts) after audit, positions or requests: repeat it until the text shows
                                      (at most 15 s), else fail
        help | quit
      A reply the bot edits later (a review card's "What it affects", "Sending…", the result) is printed again,
      marked (edited); Discord times (<t:…>) are shown in UTC.
      """;

  private final Sandbox sandbox;
  private final PrintStream out;
  private StandInGuild.Member me;
  private final StringBuilder lastOutput = new StringBuilder();
  private static final java.util.Set<String> READ_ONLY = java.util.Set.of("audit", "positions", "requests");
  private String lastLook = "";
  /** Sandbox-local card numbers (#n) of messages with buttons that were shown, by message id. */
  private final Map<Long, Integer> cardNumbers = new LinkedHashMap<>();
  /** Per member id: the newest message with buttons shown to that member (the target of a plain click). */
  private final Map<Long, Long> lastCard = new java.util.HashMap<>();
  /** The alert desk's listener port (0: none). */
  int alertPort;

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
    int alertPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      alertPort = free.getLocalPort();
    }
    try (Sandbox sandbox = Sandbox.startWithAlerts(Duration.ofSeconds(60), Duration.ofSeconds(5),
        Sandbox.alertsYaml(alertPort), Map.of("ALERT_KEY_TV_MES", Sandbox.ALERT_KEY))) {
      out.printf("Ready in %d ms. Simulator %s (positions: %s/_sim/positions). You are alice. Type help.%n",
          (System.nanoTime() - start) / 1_000_000, sandbox.simulator().baseUrl(), sandbox.simulator().baseUrl());
      SandboxMain repl = new SandboxMain(sandbox, out);
      repl.alertPort = alertPort;
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
      String verb = words[0].toLowerCase(Locale.ROOT);
      if (!verb.equals("expect") && !verb.equals("await")) {
        lastOutput.setLength(0); // expectations see everything the last command printed
        lastLook = verb;
      }
      switch (words[0].toLowerCase(Locale.ROOT)) {
        case "help" -> print(help());
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
        case "positions", "audit", "requests" -> print(look(verb));
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
          } else if (!w[0].matches("\\d{1,9}") || w.length > 2 || (w.length == 2 && !w[1].matches("\\d*\\.?\\d+"))
              || Long.parseLong(w[0]) == 0) {
            print("usage: walk <ms> [tick] | walk off, e.g. walk 1000 (every second, tick 0.25) or walk 500 0.5");
            return true;
          } else {
            sandbox.simulator().priceWalk().start(java.time.Duration.ofMillis(Long.parseLong(w[0])),
                w.length > 1 ? Double.parseDouble(w[1]) : 0.25, 42);
          }
          print("price walk: " + sandbox.simulator().priceWalk().describe());
        }
        case "mode" -> {
          String m = rest.strip().toLowerCase(Locale.ROOT);
          if (!m.equals("paper") && !m.equals("live")) {
            print("usage: mode paper|live");
          } else {
            sandbox.restartBot(m);
            print("The bot restarted in " + m + " mode" + (m.equals("paper") ? ": Confirm sends nothing to CrossTrade." : "."));
          }
        }
        case "fault" -> fault(rest.strip().toLowerCase(Locale.ROOT));
        case "alert" -> alert(rest.strip());
        case "wait" -> {
          Thread.sleep(Long.parseLong(rest.strip()));
          print("waited " + rest.strip() + " ms");
        }
        case "expect" -> {
          if (!lastOutput.toString().contains(rest)) {
            out.println("EXPECTATION FAILED: the last output does not contain \"" + rest + "\"");
            return false;
          }
        }
        case "await" -> {
          // repeats the last read-only look (audit, positions, requests) until its output has the text
          if (!READ_ONLY.contains(lastLook)) {
            print("usage: await <text> right after audit, positions or requests (it repeats that until the text shows)");
            return true;
          }
          long deadline = System.nanoTime() + WAIT.toNanos();
          while (!lastOutput.toString().contains(rest)) {
            if (System.nanoTime() > deadline) {
              out.println("EXPECTATION FAILED: after " + WAIT.toSeconds() + " s the output of " + lastLook
                  + " still does not contain \"" + rest + "\"");
              return false;
            }
            Thread.sleep(20);
            String again = discordTimes(look(lastLook));
            lastOutput.setLength(0);
            lastOutput.append(again);
          }
          print("(" + lastLook + " now shows it)");
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
    Parsed parsed = options(command, parts.length > 1 ? parts[1] : "");
    if (!parsed.leftover().isEmpty()) {
      throw new IllegalArgumentException(leftoverMessage(parsed));
    }
    StandInInteraction ix = sandbox.discord().slash(sandbox.guild(), me, command, parsed.options());
    StandInMessage first = ix.original(WAIT); // a deferred reply once the bot edited it
    show(first, false);
    // A review card's "What it affects" is read after the card went out and edited in: watch for it.
    follow(first.id(), first, ix, m -> m == null || !m.text().contains(": reading…"));
  }

  /**
   * Clicks a button on the member's last card (the newest message with buttons shown to them), or on card #n
   * ({@code click #n label}); never on an older card that happens to have the same button.
   */
  private void click(String spec) {
    Matcher named = Pattern.compile("^#(\\d+)\\s+(.+)$").matcher(spec);
    String label = named.matches() ? named.group(2).strip() : spec;
    long cardId;
    String which;
    if (named.matches()) {
      int n = Integer.parseInt(named.group(1));
      cardId = cardNumbers.entrySet().stream().filter(e -> e.getValue() == n).map(Map.Entry::getKey).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no card #" + n + " was shown"));
      which = "card #" + n;
    } else {
      Long last = lastCard.get(me.id());
      if (last == null) {
        throw new IllegalArgumentException("no card with buttons has been shown to " + me.name() + " yet");
      }
      cardId = last;
      which = "your last card (#" + cardNumbers.get(last) + ")";
    }
    StandInMessage target = sandbox.discord().message(cardId);
    if (target.ephemeral() && target.visibleTo() != me.id()) {
      throw new IllegalArgumentException(which + " is not shown to " + me.name());
    }
    // A `*` in the label matches anything (e.g. "click Cancel * ES 12-25" for an order's Cancel button).
    java.util.function.Predicate<String> matches = label.contains("*")
        ? Pattern.compile(java.util.Arrays.stream(label.split("\\*", -1)).map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining(".*")), Pattern.CASE_INSENSITIVE).asMatchPredicate()
        : l -> l.equalsIgnoreCase(label);
    String actual = target.buttons().stream().map(StandInMessage.Button::label).filter(matches).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(which + " has no button '" + label + "' ("
            + (target.buttons().isEmpty() ? "it has no buttons now"
                : "its buttons: " + target.buttons().stream().map(b -> "[" + b.label() + "]").toList())
            + "); to click another card: click #<n> " + label));
    StandInInteraction ix = sandbox.discord().click(sandbox.guild(), me, target, actual);
    JsonNode ack = ix.awaitCallback(WAIT);
    int type = ack.path("type").asInt();
    if (type == 4 || type == 5) { // a new message (a review card from a table or board button)
      StandInMessage first = ix.original(WAIT);
      show(first, false);
      follow(first.id(), first, ix, m -> m == null || !m.text().contains(": reading…"));
      return;
    }
    // A deferred update (6) or an update (7): the card is edited ("Sending…", then the result) or the bot answers
    // in a follow-up. Every version is shown once, until the card is done (its buttons changed, none disabled).
    follow(target.id(), target, ix, m -> !ix.followUps().isEmpty() || (m != null && !m.buttons().equals(target.buttons())
        && m.buttons().stream().noneMatch(StandInMessage.Button::disabled)));
  }

  /**
   * Watches a message (and the interaction's follow-ups) and shows each new version once, marked (edited), until
   * {@code done} holds and nothing changed for {@link #SETTLE}, or {@link #WAIT} passed.
   *
   * @param done tested on the message's newest version (null when it was deleted)
   */
  private void follow(long id, StandInMessage shown, StandInInteraction ix, java.util.function.Predicate<StandInMessage> done) {
    String seen = shown.raw().toString();
    java.util.Set<Long> followUpsShown = new java.util.HashSet<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    long changed = System.nanoTime();
    while (true) {
      StandInMessage now;
      try {
        now = sandbox.discord().message(id);
      } catch (IllegalArgumentException deleted) {
        now = null;
      }
      if (now != null && !now.thinking() && !now.raw().toString().equals(seen)) {
        show(now, true);
        seen = now.raw().toString();
        changed = System.nanoTime();
      }
      for (StandInMessage f : ix.followUps()) {
        if (followUpsShown.add(f.id())) {
          show(f, false);
          changed = System.nanoTime();
        }
      }
      boolean finished = done.test(now);
      if (finished && System.nanoTime() - changed >= SETTLE.toNanos()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        if (!finished) {
          print("(the bot did not finish within " + WAIT.toSeconds() + " s; shown above is what the member sees)");
        }
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void autocomplete(String rest) {
    String[] p = rest.strip().split("\\s+", 3);
    String command = p[0].startsWith("/") ? p[0].substring(1) : p[0];
    String option = p.length > 1 ? p[1] : "account";
    String tail = p.length > 2 ? p[2] : "";
    Parsed parsed = options(command, tail); // other options: name:value; the rest is what is typed
    Map<String, Object> typedOptions = new LinkedHashMap<>(parsed.options());
    typedOptions.put(option, String.join(" ", parsed.leftover()));
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

  /** @return what {@code positions}, {@code audit} or {@code requests} shows now */
  private String look(String what) {
    StringBuilder b = new StringBuilder();
    switch (what) {
      case "positions" -> {
        return sandbox.simulator().book().snapshot().toPrettyString();
      }
      case "audit" -> {
        sandbox.discord().channelMessages(sandbox.auditChannelId()).forEach(m -> b.append(m.content()).append('\n'));
        return b.length() == 0 ? "(no audit lines yet)" : b.toString().strip();
      }
      default -> {
        for (RecordedRequest r : sandbox.simulator().requests()) {
          b.append(r.status()).append(' ').append(r.operationId()).append(' ').append(r.path()).append(' ')
              .append(r.body()).append('\n');
        }
        return b.length() == 0 ? "(the simulator received nothing)" : b.toString().strip();
      }
    }
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

  /**
   * The options of a command line and the words that are no {@code name:value} option.
   *
   * @param options option name to value
   * @param leftover words that are no option, in order
   * @param lastOption the option just before the first leftover word (name:value as typed), or null
   */
  record Parsed(Map<String, Object> options, List<String> leftover, String lastOption) {}

  static String leftoverMessage(Parsed p) {
    String words = String.join(" ", p.leftover());
    String hint = p.lastOption() == null ? "e.g. instrument:\"MES 12-25\""
        : p.lastOption().substring(0, p.lastOption().indexOf(':') + 1) + "\""
            + p.lastOption().substring(p.lastOption().indexOf(':') + 1).replace("\"", "") + " " + words + "\"";
    return "\"" + words + "\" is not an option (name:value); quote values with spaces: " + hint;
  }

  private Parsed options(String command, String text) {
    JsonNode def = null;
    for (JsonNode c : sandbox.discord().registeredCommands(sandbox.guild().id())) {
      if (c.path("name").asText().equals(command)) {
        def = c;
      }
    }
    if (def == null) {
      throw new IllegalArgumentException("/" + command + " is not a registered command (type help)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> leftover = new ArrayList<>();
    String previous = null;
    String beforeLeftover = null;
    Matcher m = TOKEN.matcher(text.strip());
    while (m.find() && m.end() > m.start()) {
      if (m.group(4) != null) {
        if (leftover.isEmpty()) {
          beforeLeftover = previous;
        }
        leftover.add(m.group(4));
        continue;
      }
      String name = m.group(1);
      String value = m.group(2) != null ? m.group(2) : m.group(3);
      previous = m.group().strip();
      int type = 3;
      for (JsonNode o : def.path("options")) {
        if (o.path("name").asText().equals(name)) {
          type = o.path("type").asInt();
        }
      }
      try {
        out.put(name, type == 4 ? (Object) Long.parseLong(value) : type == 10 ? (Object) Double.parseDouble(value) : value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be " + (type == 4 ? "a whole number" : "a number") + ", not \""
            + value + "\"");
      }
    }
    return new Parsed(out, leftover, beforeLeftover);
  }

  private String roleNames(StandInGuild.Member m) {
    List<String> names = new ArrayList<>();
    for (Long id : m.roleIds()) {
      sandbox.guild().roles().stream().filter(r -> r.id() == id).forEach(r -> names.add(r.name()));
    }
    return names.toString();
  }

  /** {@code alert <source> <body>}: POSTs the body to the alert listener, prints the answer and the card it made. */
  private void alert(String spec) throws InterruptedException {
    String[] p = spec.split("\\s+", 2);
    if (p.length < 2 || alertPort == 0) {
      throw new IllegalArgumentException("usage: alert <source> <body>, e.g. alert tv-mes key=…; command=PLACE; …");
    }
    java.net.http.HttpResponse<String> r;
    try {
      r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create("http://127.0.0.1:" + alertPort + "/alerts/" + p[0]))
          .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString(p[1])).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the alert listener did not answer: " + e.getMessage());
    }
    print("HTTP " + r.statusCode() + ": " + r.body().strip());
    if (r.statusCode() == 202) {
      String id = r.body().strip().substring("accepted ".length());
      long trading = sandbox.guild().channels().stream().filter(c -> c.name().equals("trading")).findFirst()
          .orElseThrow().id();
      show(org.crosstradediscord.testing.Poll.until(() -> sandbox.discord().channelMessages(trading).stream()
          .filter(m -> m.text().contains("Alert " + id)).findFirst(), Duration.ofSeconds(10),
          () -> "the card of alert " + id), false);
    }
  }

  /** Prints a message as the member sees it; one with buttons gets a card number and becomes the member's last card. */
  private void show(StandInMessage m, boolean edited) {
    if (!m.buttons().isEmpty()) {
      cardNumbers.putIfAbsent(m.id(), cardNumbers.size() + 1);
      lastCard.put(me.id(), m.id());
    }
    print(render(m, edited));
  }

  private String render(StandInMessage m, boolean edited) {
    Integer card = cardNumbers.get(m.id());
    StringBuilder b = new StringBuilder("[bot → ").append(m.ephemeral() ? me.name() + ", only you can see this" : "channel")
        .append("]").append(card != null ? " card #" + card : "").append(edited ? " (edited)" : "").append("\n");
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
          // a value of several lines (e.g. "Now: Flat" / "After: Long 2") keeps the embed's bar on each line
          b.append("  ┃ ").append(f.path("name").asText()).append(": ")
              .append(f.path("value").asText().replace("\n", "\n  ┃ ")).append('\n');
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
    String shown = discordTimes(text);
    lastOutput.append(shown).append('\n');
    out.println(shown);
  }

  /** Discord timestamps ({@code <t:1796598287:f>}) as the UTC time they stand for: {@code 2026-12-06 23:44 UTC}. */
  static String discordTimes(String text) {
    return DISCORD_TIME.matcher(text).replaceAll(r -> UTC_TIME.format(java.time.Instant.ofEpochSecond(Long.parseLong(r.group(1)))));
  }

  /** The help: the bot's commands with who may run them now, the sandbox's limits, then the sandbox's commands. */
  String help() {
    StringBuilder b = new StringBuilder("You act as a member of the guild \"Trading Desk\". The bot's commands, and who may run them here now:\n");
    for (JsonNode c : sandbox.discord().registeredCommands(sandbox.guild().id())) {
      String name = c.path("name").asText();
      StringBuilder usage = new StringBuilder("/").append(name);
      for (JsonNode o : c.path("options")) {
        usage.append(' ').append(o.path("required").asBoolean() ? o.path("name").asText() : "[" + o.path("name").asText() + "]");
      }
      String grant = COMMAND_GRANTS.get(name);
      b.append("  ").append(usage).append('\n').append("      ");
      if (grant == null) {
        b.append("(see the bot's config for its grant)\n");
        continue;
      }
      b.append(who(grant));
      if (name.equals("flatten")) {
        b.append("; without account (every account): ").append(who("flatten_everything"));
      }
      b.append('\n');
    }
    b.append("Limits here: every member max_quantity 100 per order (the sandbox sets 100; the bot's default without a")
        .append(" limits section is 10);\n  Junior: at most 2 per order, MARKET or LIMIT, MES/MNQ only, max_position 4 (")
        .append(membersWith("Junior")).append(").\n");
    return b + HELP.stripTrailing();
  }

  private String who(String grant) {
    String role = Sandbox.GRANT_ROLES.get(grant);
    if (role == null) {
      return "grant " + grant + ": nobody";
    }
    return "grant " + grant + " (" + role + "): " + membersWith(role);
  }

  private String membersWith(String roleName) {
    long roleId = sandbox.guild().role(roleName).id();
    List<String> names = sandbox.guild().members().values().stream().filter(m -> m.roleIds().contains(roleId))
        .map(StandInGuild.Member::name).sorted().toList();
    return names.isEmpty() ? "nobody" : String.join(", ", names);
  }
}
