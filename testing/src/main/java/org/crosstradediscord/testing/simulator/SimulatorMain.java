package org.crosstradediscord.testing.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the CrossTrade simulator standalone:
 * {@code SimulatorMain [--port 8089] [--token sandbox-token] [--accounts Sim101,Sim102] [--price "MES 12-25=5000.25"]...
 * [--walk-ms 1000] [--tick 0.25] [--seed 42]}: with {@code --walk-ms} prices move by a seeded random walk.
 * Prints its base URL; stops on Ctrl-C / SIGTERM.
 */
public final class SimulatorMain {
  /** The port without {@code --port}: the README's SDK example expects it. */
  public static final int DEFAULT_PORT = 8089;
  /** The bearer token accepted without {@code --token} (a sandbox value, not a secret): printed by the banner. */
  public static final String DEFAULT_TOKEN = "sandbox-token";
  /** The accounts without {@code --accounts}. */
  public static final List<String> DEFAULT_ACCOUNTS = List.of("Sim101", "Sim102");

  private SimulatorMain() {}

  /** @param args see the class comment */
  public static void main(String[] args) throws InterruptedException {
    int port = DEFAULT_PORT;
    String token = DEFAULT_TOKEN;
    List<String> accounts = new ArrayList<>(DEFAULT_ACCOUNTS);
    Map<String, Double> prices = new LinkedHashMap<>();
    long walkMs = 0;
    double tick = 0.25;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--port" -> port = Integer.parseInt(require(a, v));
        case "--token" -> token = require(a, v);
        case "--accounts" -> accounts = Arrays.stream(require(a, v).split(",")).map(String::strip).toList();
        case "--price" -> {
          String[] kv = require(a, v).split("=", 2);
          prices.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
        }
        case "--walk-ms" -> walkMs = Long.parseLong(require(a, v));
        case "--tick" -> tick = Double.parseDouble(require(a, v));
        case "--seed" -> seed = Long.parseLong(require(a, v));
        case "--help" -> {
          System.out.println("SimulatorMain [--port 8089] [--token T] [--accounts A,B] [--price \"INSTRUMENT=PRICE\"]..."
              + " [--walk-ms MS] [--tick 0.25] [--seed 42]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
      i++;
    }
    CrossTradeSimulator sim = CrossTradeSimulator.start(port, token, accounts, prices);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    if (walkMs > 0) {
      sim.priceWalk().start(java.time.Duration.ofMillis(walkMs), tick, seed);
    }
    System.out.println(banner(sim.baseUrl(), token, accounts));
    Thread.currentThread().join();
  }

  /**
   * @param baseUrl the simulator's API root
   * @param token the token it accepts (a sandbox value, printed so an SDK user can copy it)
   * @param accounts its accounts
   * @return the line printed at start, e.g.
   *     {@code CrossTrade simulator on http://127.0.0.1:8089 token=sandbox-token accounts=[Sim101, Sim102] …}
   */
  public static String banner(String baseUrl, String token, List<String> accounts) {
    return "CrossTrade simulator on " + baseUrl + " token=" + token + " accounts=" + accounts
        + " (positions: GET " + baseUrl + "/_sim/positions)";
  }

  private static String require(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }
}
